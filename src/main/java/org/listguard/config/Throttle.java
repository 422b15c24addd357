package org.listguard.config;

import java.time.Duration;
import java.util.Map;

/**
 * Pace of a run.
 *
 * @param batchSize   recipients per batch
 * @param batchPause  pause between batches
 * @param maxPerHour  messages per hour through one relay (smart-host quota); 0 = unlimited
 * @param connections parallel SMTP connections to the relay
 * @param perDomain   recipient domain → messages per hour (e.g. {@code gmail.com: 500})
 */
public record Throttle(Integer batchSize, Duration batchPause, Integer maxPerHour, Integer connections,
                       Map<String, Integer> perDomain) {
    public static final Throttle DEFAULT = new Throttle(null, null, null, null, null);

    public Throttle {
        batchSize = batchSize == null ? Defaults.BATCH_SIZE : batchSize;
        batchPause = batchPause == null ? Defaults.BATCH_PAUSE : batchPause;
        maxPerHour = maxPerHour == null ? Defaults.MAX_PER_HOUR : maxPerHour;
        connections = connections == null ? Defaults.CONNECTIONS : connections;
        perDomain = perDomain == null ? Map.of() : Map.copyOf(perDomain);
    }
}
