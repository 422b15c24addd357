package org.listguard.guard;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.listguard.audit.AuditReport;
import org.listguard.audit.Finding;
import org.listguard.audit.Role;
import org.listguard.audit.Status;
import org.listguard.config.GuardSettings;
import org.listguard.reply.Action;

/**
 * The one owner of a run's state (STYLE.md rule 9): the run's collaborators report what happened
 * as typed {@link RunEvent}s, each with its {@link Provenance}, and {@link #decide} answers with a
 * {@link Decision}; the run loop alone acts on it. Thread-safe: every event is decided under the
 * guard's own lock, so no caller synchronizes on it. It never touches the journal or the network.
 *
 * <p>Policy (issue 4; thresholds from {@code guard.pause_after}):
 * <ul>
 * <li>reputation / sender replies from the relay itself: pause (or fail over) after
 *     {@code reputation} / {@code sender} of them (default 1);
 * <li>reputation replies from downstream receivers relayed synchronously: after
 *     {@code reputation_downstream} within its window (default 3 in 10 minutes) — receivers see the
 *     relay's egress IP, so this too is about the relay;
 * <li>throttle: slow down at once, pause when {@code throttle} is reached;
 * <li>content: pause when {@code content} is reached (the campaign is being filtered);
 * <li>a re-check that finds a new failing listing: of the relay → fail over (or pause when no
 *     other relay is left); of the origin → pause (every relay carries the origin in Received:);
 * <li>a seed the relay accepted that has not arrived in the seed mailbox within
 *     {@code guard.seed_timeout}: pause, "silent discard suspected" — the relay said 250 and a
 *     downstream provider dropped it, so no reply will ever tell. A seed mailbox that cannot be read
 *     is not evidence of arrival: it pauses too, once the timeout has passed (fail closed);
 * <li>a seed filed in its provider's junk folder (or, with {@code guard.seed_first}, missing when the
 *     wait ends) suspends that provider: its members wait; a later seed in the inbox resumes it
 *     ({@link ProviderPolicy#placed});
 * <li>receivers' refusals behind the relay (DSNs) per provider ({@link ProviderPolicy}), and the
 *     egress IPs reports name ({@link EgressPolicy}).
 * </ul>
 * Every "N in a window" counts distinct members, and a report a member could forge acts beyond
 * that member only with {@code guard.corroborate} distinct members behind it (DESIGN.md invariant 11).
 */
public final class Guard {
    private final Clock clock;
    private final boolean canFailover;
    private final SlidingWindow relayReputation;
    private final SlidingWindow downstreamReputation;
    private final SlidingWindow sender;
    private final SlidingWindow throttle;
    private final SlidingWindow content;
    private final java.time.Duration seedTimeout;
    private final ProviderPolicy providers;
    private final EgressPolicy egress;
    private final int corroborate;

    /** @param canFailover whether another relay is configured after the active one */
    public Guard(GuardSettings settings, Clock clock, boolean canFailover) {
        this.clock = clock;
        this.canFailover = canFailover;
        GuardSettings.PauseAfter p = settings.pauseAfter();
        this.relayReputation = new SlidingWindow(p.reputation());
        this.downstreamReputation = new SlidingWindow(p.reputationDownstream());
        this.sender = new SlidingWindow(p.sender());
        this.throttle = new SlidingWindow(p.throttle());
        this.content = new SlidingWindow(p.content());
        this.seedTimeout = settings.seedTimeout();
        this.providers = new ProviderPolicy(settings);
        this.egress = new EgressPolicy(settings.corroborate(), settings.pauseAfter().provider().window());
        this.corroborate = settings.corroborate();
    }

    /** Decides what the run does after {@code event}. The only way run state changes. */
    public synchronized Decision decide(RunEvent event) {
        Instant now = clock.instant();
        if (event instanceof RunEvent.Replied r) return onReply(r.observation());
        if (event instanceof RunEvent.Refused r) return providers.on(r.verdict(), r.provenance(), r.listingConfirmed());
        if (event instanceof RunEvent.EgressNamed n) return egress.named(n, now);
        if (event instanceof RunEvent.Rechecked r) return onRecheck(r.baseline(), r.recheck());
        if (event instanceof RunEvent.SeedsLooked s) return onSeedsOverdue(s.missing(), s.mailbox(), s.unreachable());
        if (event instanceof RunEvent.SeedPlaced s) return providers.placed(s, now);
        if (event instanceof RunEvent.ReturnPathUnreadable u) return onReturnPathUnreadable(u.lastRead(), u.mailbox(), u.why());
        if (event instanceof RunEvent.MemberDue m) return providers.memberDue(m.provider(), now);
        if (event instanceof RunEvent.CanarySubmitted c) {
            if (c.accepted()) providers.canarySent(c.provider(), now, c.run(), c.seq());
            else providers.canaryRefused(c.provider(), now);
            return Decision.CONTINUE;
        }
        if (event instanceof RunEvent.Tick) {
            List<String> passed = providers.canariesPassed(now);
            return passed.isEmpty() ? Decision.CONTINUE : new Decision.Resume(passed);
        }
        if (event instanceof RunEvent.RememberedBlock b) {
            providers.suspendRemembered(b.provider(), b.reason(), b.evidence(), now);
            return providers.suspended().get(b.provider());
        }
        RunEvent.Ended e = (RunEvent.Ended) event; // the sealed family's last member
        return onRunEnd(e.waitingProviders(), e.blockedMembers());
    }

    /** Whether any receiving provider is suspended now (members' providers need looking up only then). */
    public synchronized boolean anySuspended() {
        return !providers.suspended().isEmpty();
    }

    /** The providers suspended now, by name. */
    public synchronized java.util.Map<String, Decision.Suspend> suspendedProviders() {
        return providers.suspended();
    }

    /** Whether a canary is waiting for its verdict (the run should not end before it is known). */
    public synchronized boolean canaryOut() {
        return providers.canaryOut();
    }

    /**
     * The run has nothing left to send: {@link Decision.Pause} with a reason per provider when
     * suspended providers still have members waiting, or when members refused downstream wait
     * (DESIGN.md invariant 8: they are sent when the run resumes) and the refusals are corroborated
     * ({@code guard.corroborate} distinct members, or a refusal from a source no member can forge);
     * else {@link Decision.Continue}: members blocked only by their own reports do not hold the run
     * (DESIGN.md invariant 11), they stay blocked in it.
     *
     * @param waitingProviders providers whose members are held as blocked in this run
     * @param blockedMembers   members of the run journaled blocked
     */
    Decision onRunEnd(java.util.Set<String> waitingProviders, long blockedMembers) {
        List<Evidence> ev = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        providers.suspended().forEach((name, sus) -> {
            if (!waitingProviders.contains(name)) return; // a suspended provider nobody waits for does not hold the run
            ev.addAll(sus.evidence());
            reasons.add(name + ": " + sus.reason());
        });
        if (!reasons.isEmpty()) {
            return new Decision.Pause("receiving provider(s) still suspended, their members wait: " + String.join("; ", reasons), ev);
        }
        if (blockedMembers > 0 && (blockedMembers >= corroborate || providers.unforgeableRefusalSeen())) {
            List<Evidence> all = new ArrayList<>();
            providers.suspended().values().forEach(x -> all.addAll(x.evidence()));
            return new Decision.Pause(blockedMembers + " member(s) were refused by receivers behind the relay (reputation, sender or "
                    + "rate); they wait and are sent when the run resumes"
                    + (providers.suspended().isEmpty() ? "" : "; suspended: " + providers.describeSuspended()), all);
        }
        return Decision.CONTINUE;
    }

    /**
     * The return path could not be read: like a seed mailbox, not being able to see is no evidence
     * that receivers accept; {@link Decision.Pause} once {@code guard.seed_timeout} has passed
     * since it was last read (or since the run started), else {@link Decision.Continue}.
     */
    Decision onReturnPathUnreadable(java.time.Instant lastRead, String mailbox, String why) {
        java.time.Instant now = clock.instant();
        if (lastRead.plus(seedTimeout).isAfter(now)) return Decision.CONTINUE;
        return new Decision.Pause("the return path " + mailbox + " has not been readable for "
                + org.listguard.config.Durations.human(java.time.Duration.between(lastRead, now)) + " (" + why
                + "): receivers' refusals cannot be seen", List.of(new Evidence(now, "return-path", null, null, null, null, why, mailbox)));
    }

    Decision onReply(Observation o) {
        Action a = o.classification().action();
        String who = o.reply().fromRelay() ? "the relay " + o.relay() : "receivers";
        switch (a) {
            case REPUTATION -> {
                SlidingWindow w = o.reply().fromRelay() ? relayReputation : downstreamReputation;
                if (w.add(o)) return relayProblem(who + " rejected mail for the sending IP's reputation ("
                        + w.threshold() + " reached): " + org.listguard.reply.Reasons.explained(o.classification().reason()), w);
            }
            case SENDER -> {
                if (sender.add(o)) return relayProblem(who + " refused the sender's configuration ("
                        + org.listguard.reply.Reasons.explained(o.classification().reason()) + ")", sender);
            }
            case THROTTLE -> {
                if (throttle.add(o)) {
                    return new Decision.Pause("rate limiting persists (" + throttle.threshold() + " throttle replies): "
                            + org.listguard.reply.Reasons.explained(o.classification().reason()), throttle.evidence());
                }
                return new Decision.SlowDown(who + " asked to slow down: " + org.listguard.reply.Reasons.explained(o.classification().reason()), o.evidence());
            }
            case CONTENT -> {
                if (!o.reply().stage().sawContent() && "filtered".equals(o.classification().reason())) {
                    // the recipient's own filter, refusing before the message: that member's choice
                    return Decision.CONTINUE;
                }
                if (content.add(o)) {
                    String what = o.reply().stage().sawContent()
                            ? "receivers are filtering the campaign's content (" + content.threshold()
                                    + " content rejections); review the message before resuming"
                            : "receivers refuse the campaign by policy before its content was sent (" + content.threshold()
                                    + " refusals: " + org.listguard.reply.Reasons.explained(o.classification().reason()) + "); read the evidence before resuming";
                    return new Decision.Pause(what, content.evidence());
                }
            }
            default -> {
                // hard, soft, complaint, none: the recipient's own business, not the run's
            }
        }
        return Decision.CONTINUE;
    }

    private Decision relayProblem(String reason, SlidingWindow w) {
        List<Evidence> ev = w.evidence();
        w.clear();
        if (canFailover) return new Decision.Failover(null, reason, ev);
        return new Decision.Pause(reason, ev);
    }

    /**
     * Compares a between-batch reputation re-check with the gate's audit: any failing finding that
     * the gate did not already accept (a run started with --force keeps its known failures) pauses
     * or fails over. An {@code unknown} re-check does not pause by itself — the lists may be
     * briefly unreachable — but is reported by the pipeline as an event.
     */
    Decision onRecheck(AuditReport baseline, AuditReport recheck) {
        Set<String> known = baseline.findings().stream().filter(f -> f.status() == Status.FAIL).map(Guard::key)
                .collect(Collectors.toSet());
        List<Finding> fresh = recheck.findings().stream()
                .filter(f -> f.status() == Status.FAIL && !known.contains(key(f))).toList();
        if (fresh.isEmpty()) return Decision.CONTINUE;
        List<Evidence> ev = new ArrayList<>();
        for (Finding f : fresh) {
            ev.add(Evidence.listing(clock.instant(), f.target(), f.source(), f.code(), f.meaning() == null ? f.detail() : f.meaning()));
        }
        boolean originListed = fresh.stream().anyMatch(f -> f.role() == Role.ORIGIN);
        String what = fresh.stream().map(f -> f.target() + " on " + f.source()).distinct().collect(Collectors.joining(", "));
        if (!originListed && canFailover) return new Decision.Failover(null, "new listing between batches: " + what, ev);
        return new Decision.Pause("new listing between batches: " + what, ev);
    }

    private static String key(Finding f) {
        return f.check() + "|" + f.target() + "|" + f.source() + "|" + f.code();
    }

    /**
     * Decides on the seeds still missing from the seed mailbox after a look: {@link Decision.Pause}
     * ("silent discard suspected") with one piece of evidence per seed accepted more than
     * {@code guard.seed_timeout} ago (the seed address, Message-ID, relay, accepted-at time, queue
     * id and the relay's reply); otherwise {@link Decision.Continue}.
     *
     * @param missing     seeds the relay accepted that the last look did not find
     * @param mailbox     the seed mailbox, as the watcher describes it
     * @param unreachable why the mailbox could not be read on the last look, or null when it was read
     */
    Decision onSeedsOverdue(List<Seed> missing, String mailbox, String unreachable) {
        java.time.Instant now = clock.instant();
        List<Seed> overdue = missing.stream().filter(s -> !s.acceptedAt().plus(seedTimeout).isAfter(now)).toList();
        if (overdue.isEmpty()) return Decision.CONTINUE;
        List<Evidence> ev = new ArrayList<>();
        for (Seed s : overdue) ev.add(s.evidence(java.time.Duration.between(s.acceptedAt(), now), mailbox));
        String seeds = overdue.stream().map(Seed::address).distinct().collect(Collectors.joining(", "));
        String relaysUsed = overdue.stream().map(Seed::relay).distinct().collect(Collectors.joining(", "));
        if (unreachable != null) {
            return new Decision.Pause("silent discard suspected: seed(s) " + seeds + " accepted by relay " + relaysUsed
                    + " not confirmed within " + org.listguard.config.Durations.human(seedTimeout) + " because the seed mailbox " + mailbox
                    + " cannot be read (" + unreachable + ")", ev);
        }
        return new Decision.Pause("silent discard suspected: seed(s) " + seeds + " accepted by relay " + relaysUsed
                + " did not arrive in " + mailbox + " within " + org.listguard.config.Durations.human(seedTimeout), ev);
    }
}
