package org.listguard.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Pace of a run.
 *
 * @param batchSize   recipients per batch
 * @param batchPause  pause between batches
 * @param maxPerHour  messages per hour through one relay (smart-host quota); 0 = unlimited
 * @param connections parallel SMTP connections to the relay
 * @param perDomain   recipient domain → messages per hour (e.g. {@code gmail.com: 500})
 * @param retry       how long a deferred recipient waits before its 1st, 2nd, … retry; the last
 *                    interval repeats (default 1m, 5m, 15m, 30m)
 */
public record Throttle(Integer batchSize, Duration batchPause, Integer maxPerHour, Integer connections,
                       Map<String, Integer> perDomain, List<Duration> retry) {
    public static final Throttle DEFAULT = new Throttle(null, null, null, null, null, null);

    @com.fasterxml.jackson.annotation.JsonCreator
    public Throttle {
        batchSize = batchSize == null ? Defaults.BATCH_SIZE : batchSize;
        batchPause = batchPause == null ? Defaults.BATCH_PAUSE : batchPause;
        maxPerHour = maxPerHour == null ? Defaults.MAX_PER_HOUR : maxPerHour;
        connections = connections == null ? Defaults.CONNECTIONS : connections;
        perDomain = perDomain == null ? Map.of() : Map.copyOf(perDomain);
        retry = retry == null || retry.isEmpty() ? Defaults.RETRY : List.copyOf(retry);
    }

    /** The default retry schedule. */
    public Throttle(Integer batchSize, Duration batchPause, Integer maxPerHour, Integer connections, Map<String, Integer> perDomain) {
        this(batchSize, batchPause, maxPerHour, connections, perDomain, null);
    }

    /** How long to wait before retry number {@code attempts} (1-based); the last interval repeats. */
    public Duration retryAfter(int attempts) {
        return retry.get(Math.max(0, Math.min(attempts, retry.size()) - 1));
    }
}
