package org.listguard.guard;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.listguard.config.Threshold;

/**
 * Counts what distinct witnesses said against a {@link Threshold} (N in the whole run, or N within
 * a sliding window), DESIGN.md invariant 11: one member reporting twice is one witness, and a
 * window of reports that members could forge acts only when {@code corroborate} distinct members
 * are in it, or when a source a member cannot forge (the relay's reply, our seed) is.
 */
final class SlidingWindow {
    /** One report: when, by whom ({@code witness}: a member's key, a seed, or a unique id), and whether a member could have forged it. */
    private record Entry(Instant at, String witness, boolean unforgeable, Evidence evidence) {}

    private final Threshold threshold;
    private final int corroborate;
    private final Deque<Entry> events = new ArrayDeque<>();
    private long anonymous;

    SlidingWindow(Threshold threshold, int corroborate) {
        this.threshold = threshold;
        this.corroborate = corroborate;
    }

    SlidingWindow(Threshold threshold) {
        this(threshold, 1);
    }

    /**
     * Adds a report; true when the threshold is now reached by distinct witnesses and the window is
     * corroborated. A null {@code witness} counts as a witness of its own.
     */
    boolean add(Instant at, String witness, boolean unforgeable, Evidence evidence) {
        events.addLast(new Entry(at, witness == null ? "\u0000anonymous-" + (++anonymous) : witness, unforgeable, evidence));
        if (threshold.window() != null) {
            Instant cutoff = at.minus(threshold.window());
            while (!events.isEmpty() && events.peekFirst().at().isBefore(cutoff)) events.removeFirst();
        }
        return distinct() >= threshold.count() && corroborated();
    }

    /** A relay's reply about one recipient: unforgeable, one witness per recipient. */
    boolean add(Observation o) {
        return add(o.at(), o.member(), true, o.evidence());
    }

    /** Distinct witnesses in the window. */
    int distinct() {
        Set<String> seen = new HashSet<>();
        for (Entry e : events) seen.add(e.witness());
        return seen.size();
    }

    /** Whether a source a member cannot forge is in the window, or {@code corroborate} distinct members are. */
    boolean corroborated() {
        Set<String> members = new HashSet<>();
        for (Entry e : events) {
            if (e.unforgeable()) return true;
            members.add(e.witness());
        }
        return members.size() >= corroborate;
    }

    /** The evidence, one item per report (a witness's repeated reports included: they are what was said). */
    List<Evidence> evidence() {
        List<Evidence> out = new ArrayList<>();
        for (Entry e : events) out.add(e.evidence());
        return out;
    }

    void clear() { events.clear(); }

    Threshold threshold() { return threshold; }
}
