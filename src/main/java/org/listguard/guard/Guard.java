package org.listguard.guard;

import java.time.Clock;
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
 * Watches a run and decides: {@link Decision.Continue}, {@link Decision.SlowDown},
 * {@link Decision.Pause} or {@link Decision.Failover}. It never touches the journal or the network;
 * the pipeline feeds it every classified reply and every between-batch reputation re-check.
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
 *     is not evidence of arrival: it pauses too, once the timeout has passed (fail closed).
 * </ul>
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
    }

    /**
     * A receiver's verdict read from the return path (issue 8): {@link Decision.Suspend} the
     * provider, {@link Decision.Pause} the run (a named listing of the egress IP, or too many
     * providers refusing), or {@link Decision.Continue}. Policy in {@link ProviderPolicy}.
     */
    public Decision onDownstream(DownstreamVerdict v) {
        return providers.on(v);
    }

    /** Lifts a provider's suspension (a canary got through, or the operator cleared the block). */
    public void resumeProvider(String provider) {
        providers.resume(provider);
    }

    /** Suspends a provider remembered as blocking the relay (an earlier run's block, guard.block_memory). */
    public Decision.Suspend suspendRemembered(String provider, String reason, List<Evidence> evidence) {
        providers.suspendRemembered(provider, reason, evidence, clock.instant());
        return providers.suspended().get(provider);
    }

    /**
     * Whether one waiting member of a suspended provider should go now as a canary: at the start
     * of a send for a remembered block, {@code guard.block_retry} after an in-run suspension, and
     * twice as long after each refused canary.
     */
    public boolean canaryDue(String provider) {
        return providers.canaryDue(provider, clock.instant());
    }

    /** A waiting member of the provider goes in the next batch as its canary (not sent yet: no other canary meanwhile). */
    public void canaryChosen(String provider) {
        providers.canaryChosen(provider);
    }

    /** The relay accepted the provider's canary; a refusal is awaited from now for guard.canary_wait. */
    public void canarySent(String provider) {
        providers.canarySent(provider, clock.instant());
    }

    /** The relay did not accept the canary: the provider stays suspended and its retry interval doubles. */
    public void canaryRefused(String provider) {
        providers.canaryRefused(provider, clock.instant());
    }

    /** Whether a canary is waiting for its verdict (the run should not end before it is known). */
    public boolean canaryOut() {
        return providers.canaryOut();
    }

    /**
     * The providers whose canary drew no sender-side verdict within {@code guard.canary_wait}: no
     * longer suspended (their members go again). A refused canary instead keeps the provider
     * suspended ({@link #onDownstream} returns a {@link Decision.Suspend}).
     */
    public List<String> canariesPassed() {
        return providers.canariesPassed(clock.instant());
    }

    /** The providers suspended now, by name. */
    public java.util.Map<String, Decision.Suspend> suspendedProviders() {
        return providers.suspended();
    }

    /**
     * The run has nothing left to send: {@link Decision.Pause} with a reason per provider when
     * suspended providers still have members waiting, or when members refused downstream wait
     * (DESIGN.md invariant 8: they are sent when the run resumes); else {@link Decision.Continue}.
     *
     * @param waitingProviders providers whose members are held as blocked in this run
     * @param blockedMembers   members of the run journaled blocked
     */
    public Decision onRunEnd(java.util.Set<String> waitingProviders, long blockedMembers) {
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
        if (blockedMembers > 0) {
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
    public Decision onReturnPathUnreadable(java.time.Instant lastRead, String mailbox, String why) {
        java.time.Instant now = clock.instant();
        if (lastRead.plus(seedTimeout).isAfter(now)) return Decision.CONTINUE;
        return new Decision.Pause("the return path " + mailbox + " has not been readable for "
                + org.listguard.config.Durations.format(java.time.Duration.between(lastRead, now)) + " (" + why
                + "): receivers' refusals cannot be seen", List.of(new Evidence(now, "return-path", null, null, null, null, why, mailbox)));
    }

    public Decision onReply(Observation o) {
        Action a = o.classification().action();
        String who = o.reply().fromRelay() ? "the relay " + o.relay() : "receivers";
        switch (a) {
            case REPUTATION -> {
                SlidingWindow w = o.reply().fromRelay() ? relayReputation : downstreamReputation;
                if (w.add(o)) return relayProblem(who + " rejected mail for the sending IP's reputation ("
                        + w.threshold() + " reached): " + o.classification().reason(), w);
            }
            case SENDER -> {
                if (sender.add(o)) return relayProblem(who + " refused the sender's configuration ("
                        + o.classification().reason() + ")", sender);
            }
            case THROTTLE -> {
                if (throttle.add(o)) {
                    return new Decision.Pause("rate limiting persists (" + throttle.threshold() + " throttle replies): "
                            + o.classification().reason(), throttle.evidence());
                }
                return new Decision.SlowDown(who + " asked to slow down: " + o.classification().reason(), o.evidence());
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
                                    + " refusals: " + o.classification().reason() + "); read the evidence before resuming";
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
    public Decision onRecheck(AuditReport baseline, AuditReport recheck) {
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
    public Decision onSeedsOverdue(List<Seed> missing, String mailbox, String unreachable) {
        java.time.Instant now = clock.instant();
        List<Seed> overdue = missing.stream().filter(s -> !s.acceptedAt().plus(seedTimeout).isAfter(now)).toList();
        if (overdue.isEmpty()) return Decision.CONTINUE;
        List<Evidence> ev = new ArrayList<>();
        for (Seed s : overdue) ev.add(s.evidence(java.time.Duration.between(s.acceptedAt(), now), mailbox));
        String seeds = overdue.stream().map(Seed::address).distinct().collect(Collectors.joining(", "));
        String relaysUsed = overdue.stream().map(Seed::relay).distinct().collect(Collectors.joining(", "));
        if (unreachable != null) {
            return new Decision.Pause("silent discard suspected: seed(s) " + seeds + " accepted by relay " + relaysUsed
                    + " not confirmed within " + org.listguard.config.Durations.format(seedTimeout) + " because the seed mailbox " + mailbox
                    + " cannot be read (" + unreachable + ")", ev);
        }
        return new Decision.Pause("silent discard suspected: seed(s) " + seeds + " accepted by relay " + relaysUsed
                + " did not arrive in " + mailbox + " within " + org.listguard.config.Durations.format(seedTimeout), ev);
    }
}
