package org.listguard.journal;

import java.time.Instant;

/** A receiving provider that blocked the relay (table {@code provider_blocks}); cleared ones are history. */
public record ProviderBlock(String provider, String run, Instant at, String reason, String egressIp, String zone, String evidence,
                            Instant clearedAt, String clearedBy) {
    public boolean cleared() { return clearedAt != null; }
}
