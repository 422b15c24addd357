package org.listguard.send;

import java.time.Duration;
import org.listguard.config.Throttle;

/**
 * The throttle's schedule as arithmetic, for the plan's estimate and the progress ETA (so the two
 * agree): batches of {@code batchSize} separated by {@code batchPause}, at most {@code maxPerHour}
 * (0 = no hourly cap), slowed by the guard's rate factor.
 */
public record Pace(int batchSize, Duration batchPause, int maxPerHour) {
    public Pace {
        batchSize = Math.max(1, batchSize);
    }

    public static Pace of(Throttle t) {
        return new Pace(t.batchSize(), t.batchPause(), t.maxPerHour());
    }

    /** Batches needed for {@code n} recipients. */
    public long batches(long n) {
        return (n + batchSize - 1) / batchSize;
    }

    /** Time for a fresh run of {@code n} recipients: the later of the hourly cap and the pauses between batches. */
    public Duration estimate(long n) {
        return estimate(n, Math.min(n, batchSize), 1.0);
    }

    /**
     * Time to send {@code remaining} recipients of which {@code inThisBatch} still belong to the batch
     * under way (no pause before them), at {@code factor} of the configured rate.
     */
    public Duration estimate(long remaining, long inThisBatch, double factor) {
        if (remaining <= 0) return Duration.ZERO;
        long after = Math.max(0, remaining - inThisBatch);
        Duration byPause = batchPause.multipliedBy(batches(after));
        Duration byRate = maxPerHour <= 0 ? Duration.ZERO
                : Duration.ofMillis((long) (remaining * 3_600_000.0 / (maxPerHour * Math.max(factor, 1.0 / 64))));
        return byRate.compareTo(byPause) > 0 ? byRate : byPause;
    }

    /** "12 s", "4 min", "2 h 5 min". */
    public static String words(Duration d) {
        return org.listguard.config.Durations.human(d);
    }
}
