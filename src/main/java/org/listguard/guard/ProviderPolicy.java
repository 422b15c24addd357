package org.listguard.guard;

import java.time.Instant;
import java.util.ArrayList;
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
 *   <li>a verdict that names the relay's egress IP on a list pauses the run at once, when the
 *       listing is confirmed (the IP is a known egress of ours and the list itself answers
 *       "listed"): every receiver using that list will refuse it;</li>
 *   <li>{@code pause_after.provider} sender-side verdicts from one provider (default 2 in 10m)
 *       from distinct witnesses suspend that provider: its members wait, the others go on. Reports
 *       a member could forge (their own token or Message-ID) act only with {@code guard.corroborate}
 *       distinct members in the window (DESIGN.md invariant 11); our seed's report acts on its own;</li>
 *   <li>when {@code pause_after.providers} providers are suspended (default 2), the relay itself is
 *       the problem: the run pauses.</li>
 * </ul>
 * Not thread-safe: the {@link Guard} calls it under its own lock.
 */
final class ProviderPolicy {
    private final Threshold perProvider;
    private final Threshold providers;
    private final int corroborate;
    private boolean unforgeableRefusal;
    private final Map<String, SlidingWindow> windows = new LinkedHashMap<>();
    private final Map<String, Decision.Suspend> suspended = new LinkedHashMap<>();
    /** Providers suspended by a seed's placement: no canary lifts them (a member's 250 says nothing of folders), a seed in the inbox does. */
    private final java.util.Set<String> byPlacement = new java.util.HashSet<>();
    private final Map<String, Canary> canaries = new LinkedHashMap<>();
    private final java.time.Duration blockRetry;
    private final java.time.Duration canaryWait;

    /**
     * When a suspended provider gets its next canary (one waiting member), and whether one is out.
     * A canary with no sender-side verdict within {@code guard.canary_wait} lifts the suspension;
     * a refused one keeps it and doubles the retry interval (from {@code guard.block_retry}).
     */
    private record Canary(Instant nextAt, java.time.Duration interval, Instant sentAt, boolean chosen, String run, long seq) {
        Canary(Instant nextAt, java.time.Duration interval) {
            this(nextAt, interval, null, false, "", -1);
        }

        boolean out() { return chosen || sentAt != null; }

        /** Whether the report speaks for this canary: an unforgeable source, or the canary member's own report. */
        boolean heardFrom(Provenance by) {
            if (by.unforgeable() || !(by instanceof Provenance.MemberReport m)) return true;
            return m.seq() == seq && m.run().equals(run);
        }
    }

    ProviderPolicy(GuardSettings settings) {
        this.perProvider = settings.pauseAfter().provider();
        this.providers = settings.pauseAfter().providers();
        this.blockRetry = settings.blockRetry();
        this.canaryWait = settings.canaryWait();
        this.corroborate = settings.corroborate();
    }

    /**
     * A receiver's refusal behind the relay.
     *
     * @param by               who proved it (a member's report counts as that member, once per window)
     * @param listingConfirmed whether the listing it names is confirmed by our own lookup of a known egress IP
     */
    Decision on(DownstreamVerdict v, Provenance by, boolean listingConfirmed) {
        if (!v.senderSide()) return Decision.CONTINUE;
        if (by.unforgeable()) unforgeableRefusal = true;
        Canary c = canaries.get(v.provider());
        if (c != null && c.out() && c.heardFrom(by)) { // the canary was refused: the block holds
            // (another member's report about another message says nothing about the canary: it goes the usual way below)
            // the block was started by unforgeable or corroborated reports; a member's own report may keep it
            // one more interval (the next canary is another member), but only an unforgeable one lengthens it
            java.time.Duration next = by.unforgeable() ? c.interval().multipliedBy(2) : c.interval();
            canaries.put(v.provider(), new Canary(v.at().plus(next), next));
            return new Decision.Suspend(v.provider(), "receiving provider " + v.provider() + " still refuses mail from the relay (canary "
                    + v.action().json() + ": " + org.listguard.reply.Reasons.explained(v.reason()) + "); next canary in " + org.listguard.config.Durations.human(next),
                    List.of(v.evidence()));
        }
        if (v.listing() != null && listingConfirmed) {
            return new Decision.Pause("receiver " + who(v) + " refuses the relay's egress IP " + v.listing()
                    + ", and the list confirms it (" + v.action().json() + ": " + org.listguard.reply.Reasons.explained(v.reason()) + ")", List.of(v.evidence()));
        }
        if (suspended.containsKey(v.provider())) return Decision.CONTINUE;
        SlidingWindow w = windows.computeIfAbsent(v.provider(), k -> new SlidingWindow(perProvider, corroborate));
        if (!w.add(v.at(), witness(by), by.unforgeable(), v.evidence())) return Decision.CONTINUE;
        List<Evidence> ev = w.evidence();
        int witnesses = w.distinct();
        w.clear();
        Decision.Suspend s = new Decision.Suspend(v.provider(), "receiving provider " + v.provider() + " refuses mail from the relay ("
                + witnesses + " distinct " + (by.unforgeable() ? "sources" : "members") + " within " + perProvider + ", "
                + v.action().json() + ", latest from " + who(v) + ": " + org.listguard.reply.Reasons.explained(v.reason()) + ")", ev);
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

    /**
     * Where our seed ended up (DELIVERABILITY.md s10; a seed is our own mailbox, no member can forge
     * it): in junk, or missing when {@code guard.seed_first} stopped waiting, suspends its provider
     * (no canary: only a later seed in the inbox lifts it); {@code pause_after.providers} suspended
     * providers pause the run. In the inbox, it resumes a provider suspended by placement.
     */
    Decision placed(RunEvent.SeedPlaced e, Instant now) {
        String provider = e.provider();
        Seed seed = e.seed();
        if (e.placement() == org.listguard.placement.Placement.INBOX) {
            if (!byPlacement.contains(provider)) return Decision.CONTINUE;
            resume(provider);
            return new Decision.Resume(List.of(provider));
        }
        if (suspended.containsKey(provider)) return Decision.CONTINUE;
        String where = e.placement() == org.listguard.placement.Placement.JUNK
                ? "was filed in junk" + (e.folder() == null ? "" : " (folder '" + e.folder() + "')")
                : "did not arrive in its mailbox (inbox or junk)";
        String after = e.after() == null ? "" : " after " + org.listguard.config.Durations.human(e.after());
        String why = e.placement() == org.listguard.placement.Placement.JUNK ? "; the receiver's verdict: " + e.verdict().summary() : "";
        String reason = "our seed " + seed.address() + " at " + provider + " " + where + after + why;
        Evidence ev = new Evidence(now, "placement", seed.relay(), seed.domain(), null, null,
                reason + "; Message-ID " + seed.messageId() + ", accepted by relay " + seed.relay() + " at " + seed.acceptedAt()
                        + (seed.queueId() == null ? "" : " as queue id " + seed.queueId()),
                "seed", seed.address(), seed.messageId(), seed.queueId());
        Decision.Suspend s = new Decision.Suspend(provider, reason, List.of(ev));
        suspended.put(provider, s);
        byPlacement.add(provider);
        if (suspended.size() >= providers.count()) {
            List<Evidence> all = new ArrayList<>();
            suspended.values().forEach(x -> all.addAll(x.evidence()));
            return new Decision.Pause(suspended.size() + " receiving providers are suspended (" + String.join(", ", suspended.keySet())
                    + "), the latest because " + reason + ": the relay's reputation, not one receiver, is the problem", all);
        }
        return s;
    }

    /** Who counts as one witness: a member (however many reports they send), a seed, or the source itself. */
    static String witness(Provenance p) {
        if (p instanceof Provenance.MemberReport m) return "member:" + m.member();
        if (p instanceof Provenance.Seed s) return "seed:" + s.address();
        return null; // an unforgeable source of its own: each report counts
    }

    /**
     * A member of the provider is next: sent ({@link Decision.Continue}), sent as the suspended
     * provider's canary when one is due, or held.
     */
    Decision memberDue(String provider, Instant now) {
        Decision.Suspend s = suspended.get(provider);
        if (s == null) return Decision.CONTINUE;
        if (canaryDue(provider, now)) {
            canaryChosen(provider);
            return new Decision.Canary(provider);
        }
        return new Decision.Hold(provider, "waiting: receiving provider " + provider + " suspended: " + s.reason());
    }

    /** A provider whose suspension was lifted (a canary got through, or the operator cleared it). */
    void resume(String provider) {
        suspended.remove(provider);
        byPlacement.remove(provider);
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
        if (c != null) canaries.put(provider, new Canary(c.nextAt(), c.interval(), null, true, "", -1));
    }

    /** The relay accepted the canary: its verdict is awaited from now for canary_wait. */
    void canarySent(String provider, Instant now, String run, long seq) {
        Canary c = canaries.get(provider);
        if (c != null) canaries.put(provider, new Canary(c.nextAt(), c.interval(), now, true, run, seq));
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

    /** Whether a sender-side refusal from a source no member can forge (our seed's) was seen in this run. */
    boolean unforgeableRefusalSeen() { return unforgeableRefusal; }

    String describeSuspended() {
        return suspended.values().stream().map(s -> s.provider() + ": " + s.reason()).collect(Collectors.joining("; "));
    }

    private static String who(DownstreamVerdict v) {
        return v.remoteMta() == null ? v.provider() : v.remoteMta();
    }
}
