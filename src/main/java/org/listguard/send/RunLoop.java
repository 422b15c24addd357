package org.listguard.send;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.listguard.events.RunRecord;
import org.listguard.audit.AuditReport;
import org.listguard.config.Relay;
import org.listguard.deliver.MailRelay;
import org.listguard.deliver.SubmitResult;
import org.listguard.reply.Stage;
import org.listguard.deliver.throttle.SendThrottle;
import org.listguard.deliver.throttle.Sleeper;
import org.listguard.guard.Decision;
import org.listguard.guard.Evidence;
import org.listguard.guard.Guard;
import org.listguard.guard.RunEvent;
import org.listguard.journal.Due;
import org.listguard.journal.Journal;

/**
 * The batches of one run, top to bottom: next batch → (throttle → deliver → guard) per
 * recipient on every connection → re-check reputation between batches → the guard decides.
 * Returns how the run stopped: {@link Decision.Continue} when every recipient is done, or the
 * {@link Decision.Pause} that stopped it.
 */
final class RunLoop {
    /** How long a run waits in-process for deferred recipients to become due before it pauses. */
    static final Duration IN_RUN_RETRY_WINDOW = Duration.ofMinutes(15);

    /** Batch size, re-check period, connections, and the end-of-run waits (guard.dsn_wait, guard.canary_wait). */
    record Settings(int batchSize, int recheckEvery, int connections, Duration dsnWait, Duration canaryWait) {}

    /**
     * The run's collaborators: the journal and the delivery act on a recipient; the throttle
     * paces; the seeds, the return path and the provider hold report to the {@link Guard}, the one
     * owner of the run's state.
     */
    record Collaborators(Journal journal, Delivery delivery, SendThrottle throttle, Guard guard, Seeds seeds, ReturnPath returnPath,
                         ProviderHold hold) {}

    /** The relays in failover order, how to reach one (its password) and how to audit one before failing over to it. */
    record Relays(MailRelay mailRelay, List<Relay> list, Function<Relay, char[]> passwords, Function<Relay, AuditReport> audit) {}

    /** The between-batch reputation re-check and the gate's audit it is compared with. */
    record Recheck(java.util.function.Supplier<AuditReport> run, AuditReport baseline) {}

    /** Who is told, what time it is, and how to wait (all injected). */
    record Context(Operator operator, Clock clock, Sleeper sleeper) {}

    private final String runId;
    private final Journal journal;
    private final Delivery delivery;
    private final SendThrottle throttle;
    private final Guard guard;
    private final MailRelay mailRelay;
    private final List<Relay> relays;
    private final Function<Relay, char[]> passwords;
    private final Function<Relay, AuditReport> relayAudit;
    private final java.util.function.Supplier<AuditReport> recheck;
    private final AuditReport baseline;
    private final Settings settings;
    private final Operator operator;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Seeds seeds;
    private final ReturnPath returnPath;
    private final ProviderHold hold;
    private final Duration dsnWait;
    private final Duration canaryWait;
    private int active;
    private boolean seedAfterFailover;
    private boolean seededFirst;
    private boolean resumedBySeed;

    RunLoop(String runId, Collaborators c, Relays r, Recheck check, Settings settings, Context ctx) {
        this.runId = runId;
        this.journal = c.journal();
        this.delivery = c.delivery();
        this.throttle = c.throttle();
        this.guard = c.guard();
        this.seeds = c.seeds();
        this.returnPath = c.returnPath();
        this.hold = c.hold();
        this.mailRelay = r.mailRelay();
        this.relays = r.list();
        this.active = 0;
        this.passwords = r.passwords();
        this.relayAudit = r.audit();
        this.recheck = check.run();
        this.baseline = check.baseline();
        this.settings = settings;
        this.dsnWait = settings.dsnWait();
        this.canaryWait = settings.canaryWait();
        this.operator = ctx.operator();
        this.clock = ctx.clock();
        this.sleeper = ctx.sleeper();
    }

    Decision run(long total) throws InterruptedException {
        Instant started = clock.instant();
        ProgressCounter counter = new ProgressCounter(total);
        returnPath.onRefusedLater(counter::refusedLater);
        Workers workers = open(relays.get(active));
        Prefetch prefetch = new Prefetch(delivery, settings.connections());
        try {
            Decision first = seedsFirst(workers); // guard.seed_first: the seeds' placement before any member
            if (first instanceof Decision.Pause || first instanceof Decision.Failover) {
                return first instanceof Decision.Failover f ? new Decision.Pause(f.reason(), f.evidence()) : first;
            }
            int batchNo = 0;
            while (true) {
                if (Interruption.requested(operator)) return Interruption.pause(operator); // clean stop (issue 10)
                Decision heard = returnPath.check(); // receivers behind the relay, before the first batch and between batches
                if (!(heard instanceof Decision.Continue)) return heard;
                List<Due> fetched = journal.recipients().nextBatch(runId, settings.batchSize());
                List<Due> batch = hold.filter(fetched); // members of suspended providers wait
                if (batch.isEmpty() && !fetched.isEmpty()) continue;
                if (batch.isEmpty()) {
                    Optional<Instant> due = journal.recipients().nextDueAt(runId);
                    if (due.isEmpty()) {
                        Decision end = settled();
                        if (end == null) continue;
                        return end;
                    }
                    Duration wait = Duration.between(clock.instant(), due.get());
                    if (wait.compareTo(IN_RUN_RETRY_WINDOW) > 0) {
                        return new Decision.Pause("deferred recipients are not due before " + due.get()
                                + "; run send again after that time to retry them", List.of());
                    }
                    operator.say("waiting " + wait.toSeconds() + " s for deferred recipients to become due");
                    if (!wait.isNegative()) sleeper.sleep(wait);
                    continue;
                }
                batchNo++;
                journal.runEvents().append(runId, new RunRecord.Batch(batchNo, batch.size(), batch.stream().map(Due::seq).toList())); // the report's batch chart
                boolean withSeeds = (seeds.due(batchNo) && !(batchNo == 1 && seededFirst))
                        || (seedAfterFailover && seeds.enabled()); // a new relay gets seeds at once
                seedAfterFailover = false;
                Decision d = withSeeds ? seedRound(workers) : Decision.CONTINUE;
                if (d instanceof Decision.Continue) d = sendBatch(batch, workers, prefetch, started, counter, batchNo, total);
                if (d instanceof Decision.Continue && batchNo % settings.recheckEvery() == 0) {
                    d = guard.decide(new RunEvent.Rechecked(baseline, recheck.get()));
                }
                if (d instanceof Decision.Continue) d = returnPath.check();
                if (d instanceof Decision.Continue) d = seeds.check(guard, false);
                if (d instanceof Decision.Resume r) release(r);
                if (d instanceof Decision.Pause) return d;
                if (d instanceof Decision.Failover f) {
                    Optional<Integer> next = nextCleanRelay(f);
                    if (next.isEmpty()) {
                        return new Decision.Pause(f.reason() + "; no other relay passed its audit", f.evidence());
                    }
                    workers.close();
                    active = next.get();
                    workers = open(relays.get(active));
                    journal.runs().setRelay(runId, relays.get(active).name());
                    seedAfterFailover = true;
                    operator.warn("failing over to relay " + relays.get(active).name() + ": " + f.reason());
                }
            }
        } finally {
            workers.close();
            prefetch.close();
        }
    }

    /**
     * {@code guard.seed_first}: one seed to each seed address before any member, then up to the
     * wait for their placement; a seed in junk, or missing when the wait ends, suspends its
     * provider (its members are held: not mailed in this run). Continue when seed_first is off.
     */
    private Decision seedsFirst(Workers workers) throws InterruptedException {
        Optional<Duration> wait = seeds.firstWait();
        if (wait.isEmpty()) return Decision.CONTINUE;
        seededFirst = true;
        Decision d = seedRound(workers);
        if (!(d instanceof Decision.Continue)) return d;
        Instant until = clock.instant().plus(wait.get());
        Duration poll = wait.get().dividedBy(20);
        if (poll.compareTo(Seeds.POLL) > 0) poll = Seeds.POLL;
        if (poll.compareTo(Duration.ofMillis(50)) < 0) poll = Duration.ofMillis(50);
        operator.say("guard.seed_first: " + seeds.outstandingCount() + " seed message(s) sent before any member; waiting up to "
                + org.listguard.config.Durations.human(wait.get()) + " for their placement");
        while (seeds.waiting()) {
            if (Interruption.requested(operator)) return Interruption.pause(operator);
            Decision heard = returnPath.check(); // a seed's DSN explains it (refused downstream): it is no longer waited for
            if (!(heard instanceof Decision.Continue)) return heard; // a report is read once: its pause is not heard again
            d = seeds.check(guard, true, false);
            if (d instanceof Decision.Resume r) release(r);
            if (d instanceof Decision.Pause) return d;
            Duration left = Duration.between(clock.instant(), until);
            if (!seeds.waiting() || left.isNegative() || left.isZero()) break;
            sleeper.sleep(left.compareTo(poll) < 0 ? left : poll);
        }
        d = seeds.expire(guard);
        return d instanceof Decision.Pause ? d : Decision.CONTINUE;
    }

    /** A seed landed in the inbox of providers suspended by placement: their held members go again, in this run. */
    private void release(Decision.Resume r) {
        for (String provider : r.providers()) {
            int released = hold.release(provider);
            journal.runEvents().append(runId, new RunRecord.ProviderResumed(provider, released));
            operator.say("a seed at receiving provider " + provider + " landed in the inbox: resuming its " + released + " waiting member(s)");
            resumedBySeed = true;
        }
    }

    /** One seed to each seed address, on the first session, before the batch's members; refusals go to the guard. */
    private Decision seedRound(Workers workers) throws InterruptedException {
        List<org.listguard.guard.Observation> refused = new ArrayList<>();
        workers.first(session -> refused.addAll(seeds.send(session, workers.relay().host(), throttle, sleeper)));
        for (org.listguard.guard.Observation o : refused) {
            operator.warn("a seed message was refused by relay " + o.relay() + " (" + o.classification().action().json() + "): "
                    + o.reply().text() + " — check guard.seeds");
            Decision d = guard.decide(new RunEvent.Replied(o));
            if (d instanceof Decision.SlowDown s) {
                slowDown(s);
            } else if (!(d instanceof Decision.Continue)) {
                return d;
            }
        }
        return Decision.CONTINUE;
    }

    /**
     * Every member is done: the seeds are accounted for, the receivers' last DSNs are read, and a
     * run that still has suspended providers ends paused with a reason per provider. Null when a
     * canary lifted a suspension meanwhile: the run goes on with that provider's members.
     */
    private Decision settled() throws InterruptedException {
        resumedBySeed = false;
        Decision d = seedsSettled();
        if (resumedBySeed && !(d instanceof Decision.Pause)) return null; // a seed in the inbox released its provider's members
        if (d instanceof Decision.Continue) d = returnPath.settle(waitForVerdicts(), sleeper);
        if (d instanceof Decision.Continue && returnPath.takeResumed()) return null; // a provider resumed: its members are pending
        if (d instanceof Decision.Continue) {
            long blocked = journal.runs().status(runId).map(s -> s.count("blocked")).orElse(0L);
            d = guard.decide(new RunEvent.Ended(hold.heldProviders(), blocked));
            if (d instanceof Decision.Continue && blocked > 0) {
                journal.runEvents().append(runId, new RunRecord.BlockedUncorroborated(blocked));
                operator.warn(blocked + " member(s) are blocked by their own reports only (fewer than guard.corroborate distinct "
                        + "members, no seed): that does not hold the run; they stay blocked in it and get the campaign's next run");
            }
        }
        return d;
    }

    /** How long the end of a run reads the return path: guard.dsn_wait, plus guard.canary_wait while a canary is out. */
    private Duration waitForVerdicts() {
        boolean canary = guard.canaryOut();
        // a canary's wait starts when the relay's acceptance is seen, up to a look later: both waits, end to end
        return canary ? dsnWait.plus(canaryWait).plus(ReturnPath.POLL) : dsnWait;
    }

    /**
     * Every member is done: waits (through the sleeper) until every seed has arrived, or the guard
     * pauses the run because one is overdue. A run is complete only when its seeds are accounted for.
     */
    private Decision seedsSettled() throws InterruptedException {
        boolean said = false;
        while (seeds.waiting()) {
            if (Interruption.requested(operator)) return Interruption.pause(operator); // clean stop (issue 10)
            Decision d = returnPath.check(); // a seed's DSN explains it (refused downstream, not discarded)
            if (!(d instanceof Decision.Continue)) return d;
            if (!seeds.waiting()) break;
            d = seeds.check(guard, true);
            if (d instanceof Decision.Resume r) release(r);
            if (d instanceof Decision.Pause || d instanceof Decision.Failover) return d;
            if (!seeds.waiting()) return Decision.CONTINUE;
            if (!said) {
                operator.say("every member is done; waiting for " + seeds.outstandingCount() + " seed message(s) to arrive in the seed mailbox");
                said = true;
            }
            sleeper.sleep(Seeds.POLL);
        }
        return Decision.CONTINUE;
    }

    private Workers open(Relay relay) {
        return new Workers(mailRelay, relay, passwords.apply(relay), settings.connections());
    }

    private Decision sendBatch(List<Due> batch, Workers workers, Prefetch prefetch, Instant started, ProgressCounter counter,
                               int batchNo, long total) throws InterruptedException {
        long batches = batchNo - 1 + (Math.max(0, total - counter.done()) + settings.batchSize() - 1) / settings.batchSize();
        prefetch.batch(batch.iterator());
        AtomicReference<Decision> stop = new AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean slowed = new java.util.concurrent.atomic.AtomicBoolean();
        String host = workers.relay().host();
        workers.each(session -> {
            Delivery.Prepared next;
            Delivery.Unrecorded last = null;
            try {
                while (stop.get() == null && (next = prefetch.next()) != null) {
                    Decision heard = waitListening(throttle.reserve(next.due().recipient().domain()).at());
                    if (heard != null) stop.compareAndSet(null, heard); // receivers' verdicts read during the wait stop the run first
                    if (Interruption.requested(operator) || stop.get() != null) break; // clean stop (issue 10): start no new transaction
                    Delivery.Attempt a = delivery.submit(next, session, host, last);
                    last = a.unrecorded();
                    if (a.failure() != null) {  // journaled failed or skipped; the run goes on (RecipientFailure)
                        operator.warn("recipient #" + next.due().seq() + " (list line " + next.due().recipient().line() + "): " + a.failure());
                        operator.progress(counter.count(next.due().seq(), false, false, Duration.between(started, clock.instant()),
                                batchNo, Math.max(batchNo, batches), throttle.rateFactor()));
                    }
                    if (!a.sent()) continue;
                    boolean retry = a.unrecorded() != null && a.unrecorded().outcome().status() == org.listguard.journal.RecipientStatus.DEFERRED;
                    operator.progress(counter.count(next.due().seq(), a.result().accepted(), retry, Duration.between(started, clock.instant()),
                            batchNo, Math.max(batchNo, batches), throttle.rateFactor()));
                    operator.outcome(runId, a.result(), a.unrecorded() == null ? null
                            : a.unrecorded().outcome().status().name().toLowerCase(java.util.Locale.ROOT));
                    Decision d = unreachable(a.result());
                    if (d == null && a.observation().isPresent()) d = guard.decide(new RunEvent.Replied(a.observation().get()));
                    if (d instanceof Decision.SlowDown s) {
                        slowDown(s);
                        slowed.set(true);
                    } else if (d != null && !(d instanceof Decision.Continue)) {
                        stop.compareAndSet(null, d);
                    }
                }
            } finally {
                delivery.record(last); // every outcome is journaled before the next batch is read
            }
        });
        Decision d = stop.get();
        if (d == null && !slowed.get()) recover();
        return d == null ? Decision.CONTINUE : d;
    }

    /**
     * Waits until the throttle's slot; a wait longer than {@link ReturnPath#DURING_WAIT} (a long
     * batch pause) reads the return path every {@link ReturnPath#DURING_WAIT} meanwhile, so
     * receivers' verdicts on the last batch count before the next one. Returns the guard's decision
     * when it stops the run (a Pause or Failover), else null once the slot has come.
     */
    private Decision waitListening(Instant slot) throws InterruptedException {
        while (true) {
            Duration left = Duration.between(clock.instant(), slot);
            if (left.isNegative() || left.isZero()) return null;
            if (!returnPath.listens() || left.compareTo(ReturnPath.DURING_WAIT) <= 0) {
                sleeper.sleep(left);
                return null;
            }
            sleeper.sleep(ReturnPath.DURING_WAIT);
            Decision d = returnPath.check();
            if (!(d instanceof Decision.Continue)) return d;
        }
    }

    /** Halves the rate (the guard asked) and journals the new rate factor, so the slow-down is in the run's evidence. */
    private void slowDown(Decision.SlowDown s) {
        throttle.slowDown();
        double factor = throttle.rateFactor();
        journal.runEvents().append(runId, new RunRecord.SlowDown(s.reason(), factor, s.evidence()));
        operator.warn("slowing down to " + Math.round(factor * 100) + " % of the configured rate: " + s.reason());
    }

    /** After a batch without throttle replies: gives back part of the rate (journaled when it changes). */
    private void recover() {
        double before = throttle.rateFactor();
        throttle.recover();
        double after = throttle.rateFactor();
        if (after != before) journal.runEvents().append(runId, new RunRecord.RateRecovered(after));
    }

    /** A relay that cannot be reached or talked to at all stops the run at once (it would fail everyone). */
    private Decision unreachable(SubmitResult r) {
        if (r.code() != 0 || !(r.stage() == Stage.CONNECT || r.stage() == Stage.EHLO || r.stage() == Stage.STARTTLS
                || r.stage() == Stage.AUTH)) {
            return null;
        }
        Evidence e = new Evidence(clock.instant(), "relay", r.relay(), null, null, null, r.text(), "relay");
        String reason = "relay " + r.relay() + " unreachable at " + r.stage().name().toLowerCase(java.util.Locale.ROOT) + ": " + r.text();
        return relays.size() > active + 1 ? new Decision.Failover(r.relay(), reason, List.of(e)) : new Decision.Pause(reason, List.of(e));
    }

    /** The next relay after the active one whose own audit passes; the attempt is journaled either way. */
    private Optional<Integer> nextCleanRelay(Decision.Failover f) {
        for (int i = active + 1; i < relays.size(); i++) {
            Relay candidate = relays.get(i);
            AuditReport a = relayAudit.apply(candidate);
            boolean ok = a.verdict() == org.listguard.audit.Verdict.GO;
            journal.runEvents().append(runId, new RunRecord.Failover(relays.get(active).name(), candidate.name(), f.reason(),
                    a.verdict().json(), f.evidence()));
            if (ok) return Optional.of(i);
            operator.warn("relay " + candidate.name() + " is not clean either (audit: " + a.verdict().json() + ")");
        }
        return Optional.empty();
    }
}
