package org.listguard.send;

import java.time.Duration;

/**
 * Where a run stands, for progress output.
 *
 * @param done      recipients with a final or deferred outcome in this invocation
 * @param total     recipients this invocation set out to attempt
 * @param accepted  of {@code done}, accepted by the relay
 * @param problems  of {@code done}, not accepted (deferred, rejected, unknown)
 * @param elapsed   since the first message of this invocation
 */
public record Progress(long done, long total, long accepted, long problems, Duration elapsed) {
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
}
