package org.listguard.unsubscribe;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A token bucket per client address: {@code burst} requests at once, refilled at {@code perMinute}.
 * Bounds what one client can do to the endpoint (token guessing, floods) without a database. At
 * most {@value #MAX_CLIENTS} clients are remembered (the least recently seen are forgotten).
 * Time from the injected clock. Thread-safe.
 */
public final class RateLimiter {
    static final int MAX_CLIENTS = 10_000;

    private final Clock clock;
    private final int burst;
    private final double perMilli;
    private final Map<String, double[]> buckets = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, double[]> e) { return size() > MAX_CLIENTS; }
    };

    public RateLimiter(Clock clock, int burst, int perMinute) {
        if (burst < 1 || perMinute < 1) throw new IllegalArgumentException("burst and perMinute must be >= 1");
        this.clock = clock;
        this.burst = burst;
        this.perMilli = perMinute / 60_000.0;
    }

    /** The default of {@code serve}: 10 at once, 30 a minute per client. */
    public static RateLimiter standard(Clock clock) {
        return new RateLimiter(clock, 10, 30);
    }

    /** Takes one request from the client's bucket; false when it is empty (answer 429). */
    public synchronized boolean allow(String client) {
        long now = clock.millis();
        double[] b = buckets.computeIfAbsent(client, k -> new double[] {burst, now});
        b[0] = Math.min(burst, b[0] + (now - b[1]) * perMilli);
        b[1] = now;
        if (b[0] < 1) return false;
        b[0] -= 1;
        return true;
    }

    /** Seconds until the client may try again (for Retry-After), at least 1. */
    public synchronized long retryAfterSeconds(String client) {
        double[] b = buckets.get(client);
        if (b == null || b[0] >= 1) return 1;
        return Math.max(1, (long) Math.ceil((1 - b[0]) / perMilli / 1000));
    }
}
