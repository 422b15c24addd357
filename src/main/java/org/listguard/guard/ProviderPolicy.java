package org.listguard.guard;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.listguard.config.GuardSettings;
import org.listguard.config.Threshold;

/**
 * The guard's policy on receivers' verdicts behind the relay, per receiving provider (issue 8,
 * DELIVERABILITY.md s5: receivers decide separately):
 * <ul>
 *   <li>a verdict that names the relay's egress IP on a list pauses the run at once: every
 *       receiver using that list will refuse it;</li>
 *   <li>{@code pause_after.provider} sender-side verdicts from one provider (default 2 in 10m)
 *       suspend that provider: its members wait, the others go on;</li>
 *   <li>when {@code pause_after.providers} providers are suspended (default 2), the relay itself is
 *       the problem: the run pauses.</li>
 * </ul>
 * Not thread-safe: the {@link Guard} calls it under its caller's lock.
 */
final class ProviderPolicy {
    private final Threshold perProvider;
    private final Threshold providers;
    private final Map<String, Deque<DownstreamVerdict>> windows = new LinkedHashMap<>();
    private final Map<String, Decision.Suspend> suspended = new LinkedHashMap<>();
    private final Map<String, Canary> canaries = new LinkedHashMap<>();
    private final java.time.Duration blockRetry;
    private final java.time.Duration canaryWait;

    /**
     * When a suspended provider gets its next canary (one waiting member), and whether one is out.
     * A canary with no sender-side verdict within {@code guard.canary_wait} lifts the suspension;
     * a refused one keeps it and doubles the retry interval (from {@code guard.block_retry}).
     */
    private record Canary(Instant nextAt, java.time.Duration interval, Instant sentAt, boolean chosen) {
        Canary(Instant nextAt, java.time.Duration interval) {
            this(nextAt, interval, null, false);
        }

        boolean out() { return chosen || sentAt != null; }
    }

    ProviderPolicy(GuardSettings settings) {
        this.perProvider = settings.pauseAfter().provider();
        this.providers = settings.pauseAfter().providers();
        this.blockRetry = settings.blockRetry();
        this.canaryWait = settings.canaryWait();
    }

    Decision on(DownstreamVerdict v) {
        if (!v.senderSide()) return Decision.CONTINUE;
        Canary c = canaries.get(v.provider());
        if (c != null && c.out()) { // the canary (or a member sent with it) was refused: the block holds
            java.time.Duration next = c.interval().multipliedBy(2);
            canaries.put(v.provider(), new Canary(v.at().plus(next), next));
            return new Decision.Suspend(v.provider(), "receiving provider " + v.provider() + " still refuses mail from the relay (canary "
                    + v.action().json() + ": " + v.reason() + "); next canary in " + org.listguard.config.Durations.format(next),
                    List.of(v.evidence()));
        }
        if (v.listing() != null) {
            return new Decision.Pause("receiver " + who(v) + " refuses the relay's egress IP " + v.listing()
                    + " (" + v.action().json() + ": " + v.reason() + ")", List.of(v.evidence()));
        }
        if (suspended.containsKey(v.provider())) return Decision.CONTINUE;
        Deque<DownstreamVerdict> w = windows.computeIfAbsent(v.provider(), k -> new ArrayDeque<>());
        w.addLast(v);
        if (perProvider.window() != null) {
            Instant cutoff = v.at().minus(perProvider.window());
            while (!w.isEmpty() && w.peekFirst().at().isBefore(cutoff)) w.removeFirst();
        }
        if (w.size() < perProvider.count()) return Decision.CONTINUE;
        List<Evidence> ev = new ArrayList<>();
        for (DownstreamVerdict x : w) ev.add(x.evidence());
        w.clear();
        Decision.Suspend s = new Decision.Suspend(v.provider(), "receiving provider " + v.provider() + " refuses mail from the relay ("
                + perProvider + " " + v.action().json() + " verdicts, latest from " + who(v) + ": " + v.reason() + ")", ev);
        suspended.put(v.provider(), s);
        canaries.put(v.provider(), new Canary(v.at().plus(blockRetry), blockRetry));
        if (suspended.size() >= providers.count()) {
            List<Evidence> all = new ArrayList<>();
            suspended.values().forEach(x -> all.addAll(x.evidence()));
            return new Decision.Pause(suspended.size() + " receiving providers refuse mail from the relay ("
                    + String.join(", ", suspended.keySet()) + "): the relay's reputation, not one receiver, is the problem", all);
        }
        return s;
    }

    /** A provider whose suspension was lifted (a canary got through, or the operator cleared it). */
    void resume(String provider) {
        suspended.remove(provider);
        windows.remove(provider);
        canaries.remove(provider);
    }

    /** Suspended by a remembered block (from an earlier run): its canary is due at once (the start of a send). */
    void suspendRemembered(String provider, String reason, List<Evidence> evidence, Instant now) {
        suspended.put(provider, new Decision.Suspend(provider, reason, evidence));
        canaries.put(provider, new Canary(now, blockRetry));
    }

    boolean canaryDue(String provider, Instant now) {
        Canary c = canaries.get(provider);
        return suspended.containsKey(provider) && c != null && !c.out() && !c.nextAt().isAfter(now);
    }

    /** A waiting member was let through as the canary; it is not sent yet (the throttle may still hold it). */
    void canaryChosen(String provider) {
        Canary c = canaries.get(provider);
        if (c != null) canaries.put(provider, new Canary(c.nextAt(), c.interval(), null, true));
    }

    /** The relay accepted the canary: its verdict is awaited from now for canary_wait. */
    void canarySent(String provider, Instant now) {
        Canary c = canaries.get(provider);
        if (c != null) canaries.put(provider, new Canary(c.nextAt(), c.interval(), now, true));
    }

    /** The canary did not get through at all (refused or deferred at submission): the block holds, the interval doubles. */
    void canaryRefused(String provider, Instant now) {
        Canary c = canaries.get(provider);
        if (c == null) return;
        java.time.Duration next = c.interval().multipliedBy(2);
        canaries.put(provider, new Canary(now.plus(next), next));
    }

    boolean canaryOut() {
        return canaries.values().stream().anyMatch(Canary::out);
    }

    /** Providers whose canary got no sender-side verdict within canary_wait: resumed, and returned. */
    List<String> canariesPassed(Instant now) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Canary> e : List.copyOf(canaries.entrySet())) {
            Instant sent = e.getValue().sentAt();
            if (sent != null && !sent.plus(canaryWait).isAfter(now)) out.add(e.getKey());
        }
        out.forEach(this::resume);
        return out;
    }

    Map<String, Decision.Suspend> suspended() { return Map.copyOf(suspended); }

    String describeSuspended() {
        return suspended.values().stream().map(s -> s.provider() + ": " + s.reason()).collect(Collectors.joining("; "));
    }

    private static String who(DownstreamVerdict v) {
        return v.remoteMta() == null ? v.provider() : v.remoteMta();
    }
}
