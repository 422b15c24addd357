package org.listguard.events;

import java.time.Instant;

/** A run record as the journal holds it: the run, its place in the run's sequence (1…) and when it was journaled (UTC). */
public record Journaled(String run, long seq, Instant at, RunRecord record) {
    public String kind() { return record.kind(); }
}
