package org.listguard.send;

import java.time.Duration;

/**
 * Where a run stands, for progress output.
 *
 * @param done       recipients with a final or deferred outcome in this invocation
 * @param total      recipients this invocation set out to attempt
 * @param accepted   of {@code done}, accepted by the relay
 * @param problems   of {@code done}, not accepted (deferred, rejected, unknown)
 * @param elapsed    since the first message of this invocation
 * @param batch      the batch being sent (1…; 0 when not known)
 * @param batches    the batches this invocation is expected to need (0 when not known)
 * @param deferred   of {@code problems}, deferred (tried again later)
 * @param rateFactor the throttle's current rate as a fraction of the configured one (the guard's slow-down)
 */
public record Progress(long done, long total, long accepted, long problems, Duration elapsed, int batch, long batches,
                       long deferred, double rateFactor) {

    public Progress(long done, long total, long accepted, long problems, Duration elapsed) {
        this(done, total, accepted, problems, elapsed, 0, 0, 0, 1.0);
    }

    /** Messages per second so far. */
    public double rate() {
        double s = elapsed.toMillis() / 1000.0;
        return s <= 0 ? 0 : done / s;
    }

    /** Estimated time to finish at the current rate, or null when unknown. */
    public Duration eta() {
        double r = rate();
        if (r <= 0 || done >= total) return done >= total ? Duration.ZERO : null;
        return Duration.ofMillis((long) ((total - done) / r * 1000));
    }

    /**
     * Estimated time to finish from the throttle's schedule (the same arithmetic as the plan's
     * estimate: pauses between the batches still ahead, the hourly cap, the guard's slow-down);
     * the measured rate's estimate when that is longer (a slow relay) after the first half minute.
     */
    public Duration eta(Pace pace) {
        if (pace == null) return eta();
        long remaining = Math.max(0, total - done);
        long leftInBatch = (pace.batchSize() - done % pace.batchSize()) % pace.batchSize();
        Duration scheduled = pace.estimate(remaining, Math.min(remaining, leftInBatch), rateFactor);
        Duration measured = eta();
        return measured != null && measured.compareTo(scheduled) > 0 && elapsed.toSeconds() > 30 ? measured : scheduled;
    }
}
