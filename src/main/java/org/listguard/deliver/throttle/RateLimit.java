package org.listguard.deliver.throttle;

/**
 * A token bucket in its GCRA form (ITU-T I.371 "virtual scheduling"): a message may go at time t
 * when t ≥ tat − (burst − 1)·interval, and then the theoretical arrival time advances by one
 * interval. With {@code interval = window / (limit − burst + 1)} no half-open window of that
 * length ever carries more than {@code limit} messages, bursts included. Times are nanoseconds on
 * the throttle's own time line. Not thread-safe: {@link SendThrottle} guards it.
 */
final class RateLimit {
    private final long burst;
    private long interval;
    private long tat;

    private RateLimit(long burst, long interval, long start) {
        this.burst = burst;
        this.interval = interval;
        this.tat = start;
    }

    /** At most {@code limit} per {@code windowNanos}, bursting up to a tenth of it (capped by {@code maxBurst}). */
    static RateLimit perWindow(int limit, long windowNanos, int maxBurst, long start) {
        if (limit < 1) throw new IllegalArgumentException("limit must be positive: " + limit);
        long burst = Math.max(1, Math.min(maxBurst, limit / 10));
        long slots = limit - burst + 1;
        return new RateLimit(burst, (windowNanos + slots - 1) / slots, start);   // round up: never over
    }

    /** A steady rate without burst (used to slow down a relay that had no limit). */
    static RateLimit everyNanos(long interval, long start) {
        return new RateLimit(1, Math.max(1, interval), start);
    }

    /** The earliest time ≥ {@code now} at which one more message conforms. */
    long earliest(long now) {
        return Math.max(now, tat - (burst - 1) * interval);
    }

    /** Records a message sent at {@code at} (a time returned by {@link #earliest} or later). */
    void take(long at) {
        tat = Math.max(tat, at) + interval;
    }

    long interval() { return interval; }

    /**
     * Changes the pace from {@code now} on; messages already granted keep their times and the
     * bucket keeps its fill (the backlog in messages is rescaled to the new interval).
     */
    void interval(long nanos, long now) {
        long next = Math.max(1, nanos);
        if (tat > now) tat = now + (long) ((double) (tat - now) / interval * next);
        this.interval = next;
    }
}
