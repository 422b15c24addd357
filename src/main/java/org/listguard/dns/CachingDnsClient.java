package org.listguard.dns;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.xbill.DNS.Name;

/**
 * Caches answers by their TTL (negative answers by the SOA minimum), bounded by a maximum age.
 * Failures are never cached: the next query tries again. The clock is injected so that guard
 * re-checks between batches are testable without waiting.
 */
public final class CachingDnsClient implements DnsClient {
    private record Key(Name name, int type) {}

    private record Entry(DnsAnswer answer, Instant expires) {}

    private final DnsClient delegate;
    private final Clock clock;
    private final long maxTtlSeconds;
    private final ConcurrentHashMap<Key, Entry> cache = new ConcurrentHashMap<>();

    public CachingDnsClient(DnsClient delegate, Clock clock, long maxTtlSeconds) {
        this.delegate = delegate;
        this.clock = clock;
        this.maxTtlSeconds = maxTtlSeconds;
    }

    @Override
    public CompletableFuture<DnsAnswer> query(Name name, int type) {
        Key k = new Key(name, type);
        Entry e = cache.get(k);
        Instant now = clock.instant();
        if (e != null && now.isBefore(e.expires())) return CompletableFuture.completedFuture(e.answer());
        return delegate.query(name, type).thenApply(a -> {
            long ttl = a instanceof DnsAnswer.Records r ? r.ttlSeconds()
                    : a instanceof DnsAnswer.NxDomain n ? n.negativeTtlSeconds()
                    : a instanceof DnsAnswer.NoData n ? n.negativeTtlSeconds()
                    : -1;
            if (ttl > 0) cache.put(k, new Entry(a, clock.instant().plusSeconds(Math.min(ttl, maxTtlSeconds))));
            else cache.remove(k);
            return a;
        });
    }
}
