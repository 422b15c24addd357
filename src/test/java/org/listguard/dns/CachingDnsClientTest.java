package org.listguard.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

class CachingDnsClientTest {
    static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-11-01T09:00:00Z");

        @Override public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }

    @Test
    void answersAreCachedForTheirTtlAndFailuresNever() {
        AtomicInteger calls = new AtomicInteger();
        DnsClient fake = (name, type) -> {
            int n = calls.incrementAndGet();
            return CompletableFuture.completedFuture(name.toString().startsWith("fail")
                    ? new DnsAnswer.Failure(DnsAnswer.Failure.Kind.TIMEOUT, "x")
                    : new DnsAnswer.Records(List.of(), 60));
        };
        MutableClock clock = new MutableClock();
        CachingDnsClient c = new CachingDnsClient(fake, clock, 3600);
        c.query("ok.example.", 1).join();
        c.query("ok.example.", 1).join();
        assertEquals(1, calls.get());
        clock.now = clock.now.plus(Duration.ofSeconds(61));
        c.query("ok.example.", 1).join();
        assertEquals(2, calls.get());
        c.query("fail.example.", 1).join();
        c.query("fail.example.", 1).join();
        assertEquals(4, calls.get());
    }
}
