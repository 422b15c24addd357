package org.listguard.guard;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.listguard.config.Threshold;

/** Counts events against a {@link Threshold}: N events in the whole run, or N within a sliding window. */
final class SlidingWindow {
    private final Threshold threshold;
    private final Deque<Observation> events = new ArrayDeque<>();

    SlidingWindow(Threshold threshold) {
        this.threshold = threshold;
    }

    /** Adds the event; true when the threshold is now reached. */
    boolean add(Observation o) {
        events.addLast(o);
        if (threshold.window() != null) {
            Instant cutoff = o.at().minus(threshold.window());
            while (!events.isEmpty() && events.peekFirst().at().isBefore(cutoff)) events.removeFirst();
        }
        return events.size() >= threshold.count();
    }

    List<Evidence> evidence() {
        List<Evidence> out = new ArrayList<>();
        for (Observation o : events) out.add(o.evidence());
        return out;
    }

    void clear() { events.clear(); }

    Threshold threshold() { return threshold; }
}
