package org.listguard.send;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.listguard.events.RunRecord;
import org.listguard.audit.Audit;
import org.listguard.audit.AuditContext;
import org.listguard.audit.AuditReport;
import org.listguard.audit.Checks;
import org.listguard.audit.Verdict;
import org.listguard.audit.relay.RelayProbe;
import org.listguard.compose.Composer;
import org.listguard.compose.dkim.DkimSigner;
import org.listguard.config.Campaign;
import org.listguard.config.Config;
import org.listguard.config.MailboxSettings;
import org.listguard.config.Relay;
import org.listguard.deliver.MailRelay;
import org.listguard.reply.ReplyClassifier;
import org.listguard.deliver.throttle.SendThrottle;
import org.listguard.deliver.throttle.Sleeper;
import org.listguard.dns.DnsClient;
import org.listguard.guard.Decision;
import org.listguard.guard.Guard;
import org.listguard.guard.ReturnPathWatcher;
import org.listguard.guard.SeedWatcher;
import org.listguard.journal.Journal;
import org.listguard.journal.LockResult;
import org.listguard.journal.Run;
import org.listguard.journal.RunState;
import org.listguard.journal.RunStatus;
import org.listguard.list.ListReader;
import org.listguard.report.AuditText;
import org.listguard.report.Json;

/**
 * The send use case, in the order it happens:
 * <ol>
 * <li><b>prepare</b>: compile the templates and load the DKIM key (errors here send nothing);
 * <li><b>gate</b>: the full audit plus the campaign's complaint rate ({@link ComplaintGate}); no-go or
 *     unknown refuses ({@link SendOutcome.GateRefused}) unless overridden;
 * <li><b>plan</b>: lock the campaign, resume its unfinished run or stream the list into a new one;
 * <li><b>batches</b>: {@link RunLoop} — throttle → compose + sign → submit → journal → guard;
 * <li><b>end</b>: completed, or paused with the reason and evidence ({@code --wait} waits and
 *     re-runs the gate with backoff up to {@code guard.max_pause}).
 * </ol>
 * Every way it ends is a {@link SendOutcome}; the command line maps it to an exit code.
 */
public final class SendPipeline {
    /** The outside world the use case needs, each behind its own small interface. */
    public record Ports(Config config, DnsClient dns, RelayProbe probe, MailRelay mailRelay, Journal journal,
                        ReplyClassifier classifier, Clock clock, Sleeper sleeper, Map<String, String> env, Operator operator,
                        SeedWatchers seedWatchers, ReturnPaths returnPaths) {
        /** Without a return-path watcher (the run does not read bounces.mailbox). */
        public Ports(Config config, DnsClient dns, RelayProbe probe, MailRelay mailRelay, Journal journal, ReplyClassifier classifier,
                     Clock clock, Sleeper sleeper, Map<String, String> env, Operator operator, SeedWatchers seedWatchers) {
            this(config, dns, probe, mailRelay, journal, classifier, clock, sleeper, env, operator, seedWatchers, ReturnPaths.NONE);
        }
    }

    /**
     * Opens the {@link ReturnPathWatcher} that reads {@code bounces.mailbox} during a run (issue 8),
     * or returns null when the run should not read one (no bounces section).
     */
    @FunctionalInterface
    public interface ReturnPaths {
        ReturnPathWatcher open(Config config, Journal journal);

        ReturnPaths NONE = (c, j) -> null;
    }

    /**
     * Opens the {@link SeedWatcher} for {@code guard.seed_mailbox} (the IMAP or Maildir adapter in
     * deliver/); called only when {@code guard.seeds} is not empty.
     */
    @FunctionalInterface
    public interface SeedWatchers {
        /** @param password the mailbox password (empty when it has no auth); the watcher copies it */
        SeedWatcher open(MailboxSettings mailbox, char[] password);

        /**
         * The watcher of one seed's mailbox ({@code mailbox}: its own or {@code guard.seed_mailbox}),
         * with its {@code junk_folder} and {@code authserv_id}. By default the shared form.
         */
        default SeedWatcher open(org.listguard.config.SeedSpec seed, MailboxSettings mailbox, char[] password) {
            return open(mailbox, password);
        }
    }

    private final Ports p;

    public SendPipeline(Ports ports) {
        this.p = ports;
    }

    public SendOutcome send(SendOptions o) throws InterruptedException {
        java.time.Instant began = p.clock().instant(); // the summary tells what this invocation learnt, once
        Campaign campaign = p.config().campaign(o.campaign());
        // 1. prepare: everything that can be wrong with the input fails here, before any network
        Composer composer = new Composer(p.config(), campaign, p.clock());
        List<String> columns = headers(campaign);
        composer.requireColumns(columns);
        DkimSigner signer = p.config().dkimSettings().map(d -> DkimSigner.of(d, p.clock())).orElse(null);
        List<Relay> relays = p.config().relays();
        // a missing password env var is bad input, found now; a dry run sends nothing and needs no secret
        if (!o.dryRun()) relays.forEach(this::password);
        Map<org.listguard.config.SeedSpec, char[]> seedPasswords = o.dryRun() ? Map.of() : seedMailboxPasswords(); // likewise for the seed mailboxes
        // every row of a new run's list is read and checked now, so a bad row is exit 2 naming its
        // line, before the gate (whose list check would make it a no-go, exit 3)
        // (a dry run counts in its own single pass: DryRun)
        Planner.Counts counts = o.dryRun() || p.journal().runs().findUnfinished(campaign.name()).isPresent() ? null
                : Planner.count(campaign, p.journal().suppressions(), composer, o.skipBadRows());

        // a period's newsletter is sent once (issue 10): refused before the gate, and again under the lock below
        Optional<SendOutcome> sent = alreadySent(campaign, o);
        if (sent.isPresent()) return sent.get();

        // 2. gate
        AuditReport audit = ComplaintGate.apply(audit(p.config(), Optional.of(campaign)), p.journal(), p.config(), campaign.name());
        audit = RecentBlocks.apply(audit, p.journal(), p.config().guard().blockMemory(), p.clock());
        audit = DmarcGate.apply(audit, p.journal(), p.config(), p.clock()); // receivers' DMARC reports (issue 24)
        List<java.net.InetAddress> learned = LearnedEgress.unconfigured(p.journal(), p.config());
        if (!learned.isEmpty()) { // receivers named these egress IPs: the gate audits them with role relay
            audit = LearnedEgress.merge(audit, new Audit(Checks.reputation()).run(context(LearnedEgress.learnedOnly(p.config(), learned),
                    Optional.empty())), learned);
        }
        // a provider that refuses everyone is no reason to withhold the newsletter from the others: it is suspended instead
        Gate.Result gate = Gate.decide(RecentBlocks.without(audit), o.force(), o.allowUnknown());
        // the verdict shown is the one the gate decides on; remembered blocks suspend providers, they do not refuse the run
        p.operator().say("Audit before sending — " + AuditText.problems(RecentBlocks.without(audit), p.operator()::suggest).stripTrailing());
        for (var b : RecentBlocks.latest(p.journal(), p.config().guard().blockMemory(), p.clock()).values()) {
            p.operator().say("recent-blocks: receiving provider " + b.provider() + " refused the relay at " + b.at()
                    + " (run " + b.run() + "): its members wait until a canary gets through, the others are sent");
        }
        // a dry run shows the plan whatever the gate says, and says what a real send would meet
        if (o.dryRun()) return DryRun.run(p, campaign, composer, signer, audit, gate.open() ? null : gate.refusal(), o.skipBadRows());
        if (!gate.open()) return refused(audit, gate.refusal());
        if (gate.forced()) p.operator().warn("--force: sending despite a " + audit.verdict().json() + " audit; this is recorded in the journal");


        // 3. plan
        if (Interruption.requested(p.operator())) return Interruption.beforeRun(p.operator().stopRequested().get(), campaign.name());
        LockResult lock = p.journal().runs().lock(campaign.name());
        if (lock instanceof LockResult.Held held) {
            return new SendOutcome.Busy(held.holder(), "another send of campaign " + campaign.name() + " is running (" + held.holder()
                    + "); nothing was sent. Try again when it has finished.");
        }
        LockResult.Acquired campaignLock = (LockResult.Acquired) lock;
        try (campaignLock; // held until the run stops; released by the OS if the process dies
             SeedWatcher watcher = seedPasswords.isEmpty() ? null : openSeedMailboxes(p.config(), p.seedWatchers(), seedPasswords);
             ReturnPathWatcher returnPath = p.returnPaths().open(p.config(), p.journal())) {
            Optional<Run> unfinished = p.journal().runs().findUnfinished(campaign.name());
            if (unfinished.isEmpty() && o.resendUnconfirmed()) unfinished = withUnconfirmed(campaign.name()); // the operator's word (issue 19)
            String runId;
            if (unfinished.isPresent()) {
                if (!o.yes() && !p.operator().confirm(ResumePlan.text(p.journal(), unfinished.get()))) {
                    return new SendOutcome.NotConfirmed(unfinished.get().id(), "not confirmed; nothing was sent and run "
                            + unfinished.get().id() + " stays " + unfinished.get().state().db());
                }
                if (returnPath != null) returnPath.look(); // late DSNs of the stopped run block their members before release
                runId = resume(unfinished.get(), campaign, o, audit, gate, composer);
            } else {
                sent = alreadySent(campaign, o);
                if (sent.isPresent()) return sent.get();
                if (counts == null) counts = Planner.count(campaign, p.journal().suppressions(), composer, o.skipBadRows());
                String plan = planText(campaign, counts);
                if (o.yes()) p.operator().say(plan); // cron logs show what the run set out to do
                else if (!p.operator().confirm(plan)) return new SendOutcome.NotConfirmed(null, "not confirmed; nothing was sent");
                Run run = p.journal().runs().create(campaign.name(), Json.write(audit), gate.forced());
                runId = run.id();
                if (o.again()) p.journal().runEvents().append(runId, new RunRecord.Again("send --again"));
                if (gate.forced()) p.journal().runEvents().append(runId, new RunRecord.Forced(audit.verdict().json()));
                Planner.plan(p.journal(), runId, campaign, 0, o.skipBadRows() ? composer : null);
                p.journal().runEvents().append(runId, new RunRecord.Planned(counts.rows(), counts.toSend()));
            }
            p.journal().runs().setRelay(runId, relays.get(0).name());
            // 4. batches
            Seeding seeding = new Seeding(columns, watcher, returnPath);
            Decision end = batches(runId, composer, signer, audit, seeding);
            while (end instanceof Decision.Pause pause && o.waitWhenPaused() && !Interruption.requested(p.operator())) {
                Optional<AuditReport> clean = waitUntilSafe(runId, campaign, pause);
                if (clean.isEmpty()) break;
                p.journal().runs().setState(runId, RunState.RUNNING, null, null);
                p.journal().downstream().release(runId); // blocked members go again (a suspended provider gets a canary first)
                end = batches(runId, composer, signer, clean.get(), seeding);
            }
            // 5. end
            return finish(runId, end, began);
        }
    }

    private String resume(Run run, Campaign campaign, SendOptions o, AuditReport audit, Gate.Result gate, Composer composer) {
        String runId = run.id();
        int crashed = p.journal().recipients().recoverCrashed(runId);
        if (crashed > 0) {
            p.operator().warn(crashed + " recipient(s) were being sent when the previous run stopped; they are marked unknown"
                    + (o.resendUnknown() ? " and will be sent again (--resend-unknown)" : " and will not be re-sent (use --resend-unknown to send them again)"));
        }
        if (o.resendUnknown()) p.journal().recipients().resendUnknown(runId);
        if (o.resendUnconfirmed()) {
            int n = p.journal().recipients().resendUnconfirmed(runId);
            if (n > 0) p.operator().say(n + " unconfirmed member(s) (accepted by the relay, their provider's seed never arrived) "
                    + "will be sent again (--resend-unconfirmed)");
        }
        int blocked = p.journal().downstream().release(runId);
        if (blocked > 0) p.operator().say(blocked + " member(s) refused downstream or waiting for a suspended provider will be sent again");
        boolean planned = p.journal().runEvents().list(runId).stream().anyMatch(e -> e.kind().equals("planned")); // an unreadable plan row still planned
        if (!planned) {
            RunStatus s = p.journal().runs().status(runId).orElseThrow();
            Planner.plan(p.journal(), runId, campaign, s.total(), o.skipBadRows() ? composer : null);
            p.journal().runEvents().append(runId, new RunRecord.PlannedOnResume(s.total()));
        }
        p.journal().runEvents().append(runId, new RunRecord.Resumed(audit.verdict().json(), gate.forced(), run.state().db()));
        p.journal().runs().setState(runId, RunState.RUNNING, null, null);
        p.operator().say("resuming run " + runId + " (was " + run.state().db()
                + (run.pauseReason() == null ? "" : ": " + run.pauseReason()) + ")");
        return runId;
    }

    /** The campaign's latest run when it completed with unconfirmed members: {@code --resend-unconfirmed} reopens it. */
    private Optional<Run> withUnconfirmed(String campaign) {
        return p.journal().runs().latestOf(campaign, Optional.empty())
                .filter(r -> p.journal().runs().status(r.id()).map(s -> s.count("unconfirmed") > 0).orElse(false));
    }

    /** What a run loop needs to mix seeds in: the list's columns and the open watcher (null without seeds). */
    private record Seeding(List<String> columns, SeedWatcher watcher, ReturnPathWatcher returnPath) {}

    private Decision batches(String runId, Composer composer, DkimSigner signer, AuditReport baseline, Seeding seeding)
            throws InterruptedException {
        Config c = p.config();
        Delivery delivery = new Delivery(runId, composer, signer, p.journal(), p.classifier(), p.clock()).retrying(p.config().throttle())
                .weighing(p.config().bounceSettings().map(org.listguard.config.BounceSettings::score).orElse(org.listguard.config.BounceScore.DEFAULT));
        Guard guard = new Guard(c.guard(), p.clock(), c.relays().size() > 1);
        org.listguard.provider.Providers providers = new org.listguard.provider.Providers(p.dns());
        Seeds seeds = seeding.watcher() == null ? Seeds.none(runId, p.journal(), p.clock())
                : new Seeds(runId, c.guard().seedAddresses(), seeding.columns(), composer, signer, p.journal(), p.classifier(),
                        seeding.watcher(), c.guard().seedTimeout(), p.clock()).watching(relayIps(c), p.operator(), d -> providers.of(d).name())
                        .first(c.guard().seedFirst());
        ProviderHold hold = new ProviderHold(runId, p.journal(), guard, providers);
        RecentBlocks.suspend(guard, p.journal(), c.guard().blockMemory(), p.clock(), runId, p.operator());
        ReturnPath returnPath = new ReturnPath(runId, seeding.returnPath(), providers, p.journal(), guard, relayIps(c), seeds,
                hold, new NamedZoneProbe(p.dns(), org.listguard.audit.dnsbl.ZoneCatalog.bundled()), p.operator(), p.clock());
        SendThrottle throttle = new SendThrottle(c.throttle(), p.clock(), p.sleeper());
        long todo = p.journal().runs().status(runId).map(s -> s.count("pending") + s.count("deferred")).orElse(0L);
        p.operator().pace(Pace.of(c.throttle()));
        RunLoop loop = new RunLoop(runId,
                new RunLoop.Collaborators(p.journal(), delivery, throttle, guard, seeds, returnPath, hold),
                new RunLoop.Relays(p.mailRelay(), c.relays(), this::password, relay -> audit(c.withRelays(List.of(relay)), Optional.empty())),
                new RunLoop.Recheck(() -> new Audit(Checks.reputation()).run(context(LearnedEgress.withLearned(c,
                        LearnedEgress.unconfigured(p.journal(), c)), Optional.empty())), baseline),
                new RunLoop.Settings(c.throttle().batchSize(), c.guard().recheckEvery(), c.throttle().connections(), c.guard().dsnWait(),
                        c.guard().canaryWait()),
                new RunLoop.Context(p.operator(), p.clock(), p.sleeper()));
        return loop.run(todo);
    }

    private static java.util.Set<String> relayIps(Config c) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        for (Relay r : c.relays()) {
            if (r.ips() != null) r.ips().forEach(ip -> out.add(ip.getHostAddress()));
        }
        return out;
    }

    /** Waits with backoff (1, 2, 4 … minutes) and re-runs the gate until it is clean or guard.max_pause has passed. */
    private Optional<AuditReport> waitUntilSafe(String runId, Campaign campaign, Decision.Pause pause) throws InterruptedException {
        p.journal().runs().setState(runId, RunState.PAUSED, pause.reason(), org.listguard.events.EvidenceJson.text(pause.evidence()));
        Duration waited = Duration.ZERO;
        Duration step = Duration.ofMinutes(1);
        Duration max = p.config().guard().maxPause();
        while (waited.compareTo(max) < 0) {
            p.operator().say("paused: " + pause.reason() + "; re-checking in " + step.toMinutes() + " min (--wait)");
            p.sleeper().sleep(step);
            if (Interruption.requested(p.operator())) return Optional.empty(); // stays paused: that is the truth
            waited = waited.plus(step);
            AuditReport a = audit(p.config(), Optional.of(campaign));
            if (a.verdict() == Verdict.GO) {
                p.journal().runEvents().append(runId, new RunRecord.ResumedAfterWait(waited.toSeconds()));
                return Optional.of(a);
            }
            step = step.multipliedBy(2).compareTo(Duration.ofMinutes(30)) > 0 ? Duration.ofMinutes(30) : step.multipliedBy(2);
        }
        return Optional.empty();
    }

    private SendOutcome finish(String runId, Decision end, java.time.Instant began) {
        Optional<String> signal = Interruption.of(end, p.operator());
        if (signal.isPresent()) return Interruption.finish(p.journal(), runId, signal.get());
        if (end instanceof Decision.Pause pause) {
            p.journal().runs().setState(runId, RunState.PAUSED, pause.reason(), org.listguard.events.EvidenceJson.text(pause.evidence()));
            RunStatus s = p.journal().runs().status(runId).orElseThrow();
            return new SendOutcome.Paused(runId, pause.reason(), "run " + runId + " paused: " + pause.reason() // the reason may quote a reply
                    + p.operator().suggest(". Nothing more will be sent until you run send again; `listguard status " + runId + "` shows the evidence")
                    + afterTheRelay(s, facts(runId)) + p.operator().suggest(needsLook(began)) + ".");
        }
        p.journal().runs().setState(runId, RunState.COMPLETED, null, null);
        RunStatus s = p.journal().runs().status(runId).orElseThrow();
        return new SendOutcome.Completed(runId, "run " + runId + " completed: " + s.count("accepted") + " accepted, "
                + s.count("rejected") + " rejected, " + s.count("skipped") + " skipped, " + s.count("unknown") + " unknown"
                + (s.count("failed") > 0 ? p.operator().suggest(", " + s.count("failed") + " failed (`listguard status " + runId + "` says why)") : "")
                + (s.count("unconfirmed") > 0 ? p.operator().suggest(", " + s.count("unconfirmed") + " unconfirmed (not sent again: `listguard send --campaign "
                        + s.campaign() + " --resend-unconfirmed --yes` does)") : "")
                + afterTheRelay(s, facts(runId)) + p.operator().suggest(needsLook(began)));
    }

    /**
     * The members this invocation newly flagged for the operator's look (issue 22: a relay's refusal
     * or a report the return path read), from the journaled events {@code status} and
     * {@code bounces process} read: told here once; a later pass does not flag them again.
     */
    private String needsLook(java.time.Instant began) {
        // not the ones a `bounces process` pass flagged meanwhile (cron, while this send ran): that pass told them
        return org.listguard.report.NeedsLook.sentence(org.listguard.report.NeedsLook.of(
                p.journal().runEvents().since(RunRecord.MemberNeedsLook.KIND, began).stream()
                        .filter(e -> ((RunRecord.MemberNeedsLook) e.record()).bySend()).toList()));
    }

    /** The run's facts, from the one query every report uses (report/RunData, RunFacts). */
    private org.listguard.report.RunFacts facts(String runId) {
        org.listguard.journal.Run run = p.journal().runs().get(runId).orElseThrow();
        return org.listguard.report.RunFacts.of(org.listguard.report.RunData.of(p.journal(), run, List.of()));
    }

    /**
     * What became of the accepted after the relay said 250, from the same counts as {@code status}
     * (issue 19: "accepted" is the relay's word, not delivery): the receivers' later verdicts by
     * action, and the members still blocked in the run.
     */
    static String afterTheRelay(RunStatus s, org.listguard.report.RunFacts f) {
        List<String> parts = new java.util.ArrayList<>();
        long later = 0;
        for (String a : List.of("hard", "soft", "content", "complaint", "unsubscribe")) {
            long n = s.actions().getOrDefault(a, 0L);
            if (n == 0) continue;
            later += n;
            parts.add(n + " " + switch (a) {
                case "hard" -> "bounced (hard)";
                case "soft" -> "bounced (soft)";
                case "content" -> "refused for their content or by the member's filter";
                case "complaint" -> "complained";
                default -> "unsubscribed";
            });
        }
        long refused = f.refusedDownstream(); // tried: the relay took it, a receiver refused it (waiting to be sent again)
        long untried = f.waitingUntried();    // held for a suspended provider before its turn: never handed to the relay
        long unconfirmed = s.count("unconfirmed");
        if (later == 0 && refused == 0 && unconfirmed == 0 && untried == 0) return "";
        long delivered = Math.max(0, s.count("accepted") - later);
        return "; of " + (s.count("accepted") + refused + unconfirmed) + " the relay took: " + delivered + " delivered as far as listguard knows"
                + (parts.isEmpty() ? "" : ", " + String.join(", ", parts))
                + (refused == 0 ? "" : ", " + refused + " blocked by receivers (not delivered; waiting)")
                + (unconfirmed == 0 ? "" : ", " + unconfirmed + " unconfirmed (their provider's seed never arrived: not counted delivered)")
                + (untried == 0 ? "" : "; " + untried + " waiting for a suspended provider, not sent yet");
    }

    /** The {@link PeriodRule} refusal (naming the earlier run), unless resuming, a dry run, or --again. */
    private Optional<SendOutcome> alreadySent(Campaign campaign, SendOptions o) {
        if (o.dryRun() || o.again() || p.journal().runs().findUnfinished(campaign.name()).isPresent()) return Optional.empty();
        if (o.resendUnconfirmed() && withUnconfirmed(campaign.name()).isPresent()) return Optional.empty(); // the same run again
        return PeriodRule.check(p.journal(), campaign, p.clock())
                .map(r -> new SendOutcome.AlreadySent("not sending: " + r.message()));
    }

    private SendOutcome refused(AuditReport audit, String why) {
        return new SendOutcome.GateRefused(audit.verdict(), "not sending: " + why);
    }

    AuditReport audit(Config c, Optional<Campaign> campaign) {
        return new Audit(Checks.standard(new org.listguard.deliver.HttpEndpointProbe())).run(context(c, campaign));
    }

    private AuditContext context(Config c, Optional<Campaign> campaign) {
        return new AuditContext(c, p.dns(), p.probe(), p.clock(), p.env(), campaign);
    }

    private char[] password(Relay relay) {
        if (relay.credentials().isEmpty()) return new char[0];
        try {
            return relay.credentials().get().password(p.env());
        } catch (IllegalStateException e) {
            throw p.config().source().error("relays[" + p.config().relays().indexOf(relay) + "].auth", e.getMessage());
        }
    }

    /** Each seed's mailbox password (empty without auth), in the order of guard.seeds; empty without seeds. */
    private Map<org.listguard.config.SeedSpec, char[]> seedMailboxPasswords() {
        return seedMailboxPasswords(p.config(), p.env());
    }

    /**
     * Each seed's mailbox password: of its own mailbox, or of {@code guard.seed_mailbox}; a missing
     * one is bad input naming the setting.
     */
    static Map<org.listguard.config.SeedSpec, char[]> seedMailboxPasswords(Config config, Map<String, String> env) {
        var g = config.guard();
        Map<org.listguard.config.SeedSpec, char[]> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < g.seeds().size(); i++) {
            org.listguard.config.SeedSpec seed = g.seeds().get(i);
            MailboxSettings box = seed.mailbox() != null ? seed.mailbox() : g.seedMailbox();
            if (box == null) continue;
            String key = seed.mailbox() != null ? "guard.seeds[" + i + "].mailbox.auth" : "guard.seed_mailbox.auth";
            if (box.auth() == null) {
                out.put(seed, new char[0]);
                continue;
            }
            try {
                out.put(seed, box.auth().password(env));
            } catch (IllegalStateException e) {
                throw config.source().error(key, e.getMessage());
            }
        }
        return out;
    }

    /**
     * One watcher per mailbox: seeds that share {@code guard.seed_mailbox} (and have no junk_folder
     * or authserv_id of their own) share one watcher, each seed with its own mailbox gets its own.
     */
    static SeedWatcher openSeedMailboxes(Config config, SeedWatchers opener, Map<org.listguard.config.SeedSpec, char[]> passwords) {
        Map<String, SeedWatcher> byAddress = new java.util.LinkedHashMap<>();
        SeedWatcher shared = null;
        for (Map.Entry<org.listguard.config.SeedSpec, char[]> e : passwords.entrySet()) {
            org.listguard.config.SeedSpec seed = e.getKey();
            boolean plain = seed.mailbox() == null && seed.junkFolder() == null && seed.authservId() == null;
            SeedWatcher w;
            if (plain) {
                if (shared == null) shared = opener.open(seed, config.guard().seedMailbox(), e.getValue());
                w = shared;
            } else {
                w = opener.open(seed, seed.mailbox() != null ? seed.mailbox() : config.guard().seedMailbox(), e.getValue());
            }
            java.util.Arrays.fill(e.getValue(), '\0');
            byAddress.put(seed.address(), w);
        }
        return new SeedMailboxes(byAddress);
    }

    private static List<String> headers(Campaign campaign) {
        try (ListReader r = ListReader.open(campaign.list())) {
            return r.headers();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String planText(Campaign campaign, Planner.Counts c) {
        var t = p.config().throttle();
        long n = c.toSend();
        Pace pace = Pace.of(t);
        return "campaign " + campaign.name() + ": " + n + " recipient(s) to send of " + c.rows() + " row(s) ("
                + c.invalid() + " invalid, " + c.duplicate() + " duplicate, " + c.suppressed() + " suppressed skipped; "
                + c.role() + " role address(es) included)\n"
                + pace.batches(n) + " batch(es) of " + t.batchSize() + ", " + t.batchPause().toSeconds() + " s apart, "
                + (t.maxPerHour() == 0 ? "no hourly cap" : "at most " + t.maxPerHour() + "/h") + ", through relay " + p.config().relays().get(0).name()
                + "\nestimated time: " + Pace.words(pace.estimate(n));
    }
}
