package org.listguard.send;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.listguard.events.RunRecord;
import org.listguard.deliver.throttle.Sleeper;
import org.listguard.guard.Decision;
import org.listguard.guard.DownstreamVerdict;
import org.listguard.guard.Guard;
import org.listguard.guard.Provenance;
import org.listguard.guard.RunEvent;
import org.listguard.guard.ReturnPathWatcher;
import org.listguard.journal.Journal;
import org.listguard.provider.Provider;
import org.listguard.provider.Providers;
import org.listguard.reply.Action;

/**
 * Listens behind the smart host (issue 8): before the first batch and between batches the run
 * reads its return path ({@link ReturnPathWatcher}: every new report is applied exactly as
 * {@code bounces process} would), and each sender-side verdict about a member of this run, or
 * about one of its seeds, goes to the {@link Guard} with the receiving provider it came from.
 * Suspensions are journaled and remembered ({@code provider_blocks}); the egress IPs receivers
 * name are learned. Hostile or malformed messages are journaled once and skipped; an unreadable
 * mailbox is an event and a warning, and the guard pauses once it has been blind too long.
 */
final class ReturnPath {
    /** How often the return path is read while the run waits at its end for receivers' DSNs. */
    static final Duration POLL = Duration.ofSeconds(2);
    /** During a long wait between batches (the throttle's batch pause), the return path is read this often. */
    static final Duration DURING_WAIT = Duration.ofSeconds(30);

    private final String runId;
    private final ReturnPathWatcher watcher;
    private final Providers providers;
    private final Journal journal;
    private final Guard guard;
    private final Set<String> relayIps;
    private final Seeds seeds;
    private final ProviderHold hold;
    private final NamedZoneProbe zones;
    private final Operator operator;
    private final Clock clock;
    private final Set<String> noted = new HashSet<>();
    private Instant lastRead;
    private String lastProblem;
    private boolean resumed;
    private Instant lastLook;
    /** Looks closer together than this are skipped (a run holding a suspended provider's members loops fast). */
    static final Duration MIN_GAP = Duration.ofSeconds(1);

    ReturnPath(String runId, ReturnPathWatcher watcher, Providers providers, Journal journal, Guard guard, Set<String> relayIps,
               Seeds seeds, ProviderHold hold, NamedZoneProbe zones, Operator operator, Clock clock) {
        this.runId = runId;
        this.watcher = watcher;
        this.providers = providers;
        this.journal = journal;
        this.guard = guard;
        this.relayIps = Set.copyOf(relayIps);
        this.seeds = seeds;
        this.hold = hold;
        this.zones = zones;
        this.operator = operator;
        this.clock = clock;
        this.lastRead = clock.instant();
    }

    /** Reads the return path once; a Pause (or Failover) when the guard says so, else Continue (suspensions are handled here). */
    synchronized Decision check() {
        if (watcher == null) return Decision.CONTINUE;
        Instant now = clock.instant();
        if (lastLook != null && now.isBefore(lastLook.plus(MIN_GAP))) return Decision.CONTINUE;
        lastLook = now;
        ReturnPathWatcher.Look look = watcher.look();
        if (look instanceof ReturnPathWatcher.Look.Unreachable u) return unreadable(u.why());
        lastRead = clock.instant();
        lastProblem = null;
        ReturnPathWatcher.Look.Read read = (ReturnPathWatcher.Look.Read) look;
        noteSkipped(read.skipped());
        for (ReturnPathWatcher.Report r : read.reports()) {
            boolean ours = r.applied() ? r.run().equals(runId) : seeds.explain(r);
            if (!ours || r.action() == null || r.recipientDomain() == null) continue;
            if (r.applied() && REFUSALS.contains(r.action())) refusedLater.accept(r.seq());
            DownstreamVerdict v = verdict(r);
            if (!v.senderSide()) continue;
            // a member's token or Message-ID speaks for that member; a report about our seed (its
            // Message-ID was never shown to a member) for the seed
            Provenance by = r.applied() ? (r.provenance() != null ? r.provenance()
                    : new Provenance.MemberReport(r.run(), r.seq(), r.recipient(), "unknown"))
                    : new Provenance.Seed(r.recipient());
            learnEgress(r, by);
            Decision d = guard.decide(new RunEvent.Refused(v, by, listingConfirmed(v)));
            if (d instanceof Decision.Suspend s) {
                suspended(s, v);
            } else if (d instanceof Decision.Pause p) {
                remember(v.provider(), p.reason(), v, p.evidence());
                return d;
            }
        }
        canaries();
        return Decision.CONTINUE;
    }

    /**
     * Journals the skipped messages: the first {@value #NOTED_ONE_BY_ONE} of the run one by one,
     * the rest of a look as one note with their number (junk mailed to the return path must not
     * fill the run's journal: 50,000 messages were 50,000 events, issue 21); one commit per look.
     */
    private void noteSkipped(List<ReturnPathWatcher.Skipped> skipped) {
        List<RunRecord.ReturnPathSkipped> notes = new java.util.ArrayList<>();
        int more = 0;
        for (ReturnPathWatcher.Skipped s : skipped) {
            if (noted.contains(s.source())) continue;
            if (noted.size() >= NOTED_ONE_BY_ONE) {
                more++;
            } else {
                noted.add(s.source());
                notes.add(new RunRecord.ReturnPathSkipped(s.source(), s.why()));
            }
        }
        if (more > 0) {
            notes.add(new RunRecord.ReturnPathSkipped(watcher.describe(), more + " more message(s) that are not reports (after the first "
                    + NOTED_ONE_BY_ONE + " of this run, not noted one by one; each is read once)"));
        }
        if (notes.isEmpty()) return;
        journal.atomically(() -> {
            for (RunRecord.ReturnPathSkipped n : notes) journal.runEvents().append(runId, n);
            return null;
        });
    }

    /** Skipped messages a run notes one by one; the rest are counted (see {@link #noteSkipped}). */
    static final int NOTED_ONE_BY_ONE = 100;

    /**
     * Whether the listing a refusal names is real: the IP is a known egress of ours (relays[].ips or
     * learned from a trusted source) and the list itself answers "listed" for it. Only then may a
     * named listing pause the run at once; otherwise the refusal counts like any other.
     */
    private boolean listingConfirmed(DownstreamVerdict v) {
        if (v.listing() == null) return false;
        boolean known = relayIps.contains(v.egressIp()) || LearnedEgress.trusted(journal).contains(v.egressIp());
        return known && zones.confirms(v.egressIp(), v.zone());
    }

    /** Providers whose canary got through: their members go again, and the remembered block is forgotten. */
    private void canaries() {
        hold.confirmCanaries();
        Decision d = guard.decide(new RunEvent.Tick());
        if (!(d instanceof Decision.Resume resume)) return;
        for (String p : resume.providers()) {
            int released = hold.release(p);
            journal.downstream().clearBlocks(p, "canary delivered in run " + runId);
            journal.runEvents().append(runId, new RunRecord.ProviderResumed(p, released));
            operator.say("receiving provider " + p + " accepted a canary without refusing it: resuming its " + released + " waiting member(s)");
            resumed = true;
        }
    }

    /** A receiver's report of these actions refuses a member the relay had accepted. */
    private static final Set<Action> REFUSALS = EnumSet.of(Action.REPUTATION,
            Action.THROTTLE, Action.SENDER, Action.HARD,
            Action.SOFT, Action.CONTENT);
    private volatile java.util.function.LongConsumer refusedLater = seq -> {};

    /**
     * Tells {@code c} each member of this run a receiver refused in a report read by this invocation
     * (the progress line counts it refused if it counted it accepted: issue 19, "0 refused" just after a suspension).
     */
    void onRefusedLater(java.util.function.LongConsumer c) { refusedLater = c; }

    /** Whether there is a return path to read (bounces.mailbox is set). */
    boolean listens() { return watcher != null; }

    /** Whether a provider resumed since the last call (its members are pending again). */
    synchronized boolean takeResumed() {
        boolean r = resumed;
        resumed = false;
        return r;
    }

    /**
     * Every member is done: reads the return path until {@code wait} has passed (receivers' DSNs
     * for the last batch arrive after the relay's 250), or the guard decides.
     */
    Decision settle(Duration wait, Sleeper sleeper) throws InterruptedException {
        if (watcher == null) return Decision.CONTINUE;
        Instant until = clock.instant().plus(wait);
        boolean said = false;
        while (true) {
            Decision d = check();
            if (!(d instanceof Decision.Continue) || resumed) return d;
            Duration left = Duration.between(clock.instant(), until);
            if (left.isNegative() || left.isZero()) return Decision.CONTINUE;
            if (!said) {
                operator.say("every member is done; reading the return path for " + org.listguard.config.Durations.human(left.toMillis() < 1000 ? Duration.ofSeconds(1) : left)
                        + " more for receivers' verdicts");
                said = true;
            }
            sleeper.sleep(left.compareTo(POLL) < 0 ? left : POLL);
        }
    }

    private DownstreamVerdict verdict(ReturnPathWatcher.Report r) {
        Provider p = providers.of(r.recipientDomain());
        return new DownstreamVerdict(clock.instant(), p.name(), r.recipientDomain(), r.action(), r.reason(), r.status(), r.replyCode(),
                r.diagnostic(), r.reportingMta(), r.remoteMta(), r.egressIp(), r.zone());
    }

    private void suspended(Decision.Suspend s, DownstreamVerdict v) {
        journal.runEvents().append(runId, new RunRecord.ProviderSuspended(s.provider(), s.reason(), s.evidence(), false));
        remember(s.provider(), s.reason(), v, s.evidence());
        operator.warn("suspending receiving provider " + s.provider() + ": " + s.reason()
                + "; its members wait, the others go on");
    }

    private void remember(String provider, String reason, DownstreamVerdict v, List<org.listguard.guard.Evidence> evidence) {
        journal.downstream().rememberBlock(provider, runId, reason, v.egressIp(), v.zone(), org.listguard.events.EvidenceJson.text(evidence));
    }

    /**
     * The IP a receiver named may be the relay's real egress (DELIVERABILITY.md s5); the guard
     * decides whether it is learned (one member's report never suffices, DESIGN.md invariant 11).
     * An uncatalogued list it names is asked about it, for the operator.
     */
    private void learnEgress(ReturnPathWatcher.Report r, Provenance by) {
        if (r.egressIp() == null) return;
        String answer = zones.ask(r.egressIp(), r.zone());
        if (answer != null) {
            journal.runEvents().append(runId, new RunRecord.NamedZoneChecked(r.egressIp(), r.zone(), answer));
            operator.warn("a receiver's refusal names " + r.egressIp() + " on " + r.zone() + ", a list the gate does not check; asked it: " + answer);
        }
        Decision d = guard.decide(new RunEvent.EgressNamed(r.egressIp(), r.zone(), r.diagnostic(), by));
        if (!(d instanceof Decision.LearnEgress learn)) return;
        boolean fresh = journal.downstream().learnEgress(learn.ip(), learn.source(), r.diagnostic(), runId);
        if (!fresh) return;
        boolean configured = relayIps.contains(learn.ip());
        journal.runEvents().append(runId, new RunRecord.EgressLearned(learn.ip(), learn.source(), learn.witnesses(), r.remoteMta(),
                configured, r.zone()));
        if (!configured) {
            operator.warn(learn.witnesses() + " distinct source(s) named " + learn.ip() + " as the relay's egress IP, which is not in relays[].ips "
                    + relayIps + operator.suggest(": the gate audits it from now on (`listguard egress` lists it, `listguard egress forget " + learn.ip()
                    + "` removes it)"));
        }
    }

    private Decision unreadable(String why) {
        if (!why.equals(lastProblem)) {
            journal.runEvents().append(runId, new RunRecord.ReturnPathUnreadable(watcher.describe(), why));
            operator.warn("cannot read the return path " + watcher.describe() + ": " + why + " — receivers' refusals cannot be seen");
        }
        lastProblem = why;
        return guard.decide(new RunEvent.ReturnPathUnreadable(lastRead, watcher.describe(), why));
    }
}
