package org.listguard.deliver.throttle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.listguard.config.Throttle;

class SendThrottleTest {
    private final FakeTime time = new FakeTime();
    private final Instant t0 = time.instant();

    private SendThrottle throttle(int batch, Duration pause, int maxPerHour, Map<String, Integer> perDomain) {
        return new SendThrottle(new Throttle(batch, pause, maxPerHour, 1, perDomain), time, time);
    }

    private List<Permit> acquire(SendThrottle t, int n, String domain) throws InterruptedException {
        List<Permit> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(t.acquire(domain));
        return out;
    }

    @Test
    void firstBatchStartsWithoutWaiting() throws Exception {
        List<Permit> p = acquire(throttle(3, Duration.ofSeconds(60), 0, Map.of()), 3, "a.example");
        assertTrue(p.stream().allMatch(x -> x.at().equals(t0)));
        assertEquals(Duration.ZERO, time.slept());
    }

    @Test
    void batchPauseSeparatesBatches() throws Exception {
        List<Permit> p = acquire(throttle(3, Duration.ofSeconds(60), 0, Map.of()), 7, "a.example");
        assertEquals(t0.plusSeconds(60), p.get(3).at());
        assertTrue(p.get(3).startsBatch());
        assertEquals(1, p.get(3).batch());
        assertFalse(p.get(4).startsBatch());
        assertEquals(t0.plusSeconds(120), p.get(6).at());
        assertEquals(Duration.ofSeconds(120), time.slept());
    }

    @Test
    void maxPerHourIsNeverExceededInAnyRollingHour() throws Exception {
        List<Permit> p = acquire(throttle(1000, Duration.ZERO, 100, Map.of()), 500, "a.example");
        for (int i = 0; i + 100 < p.size(); i++) {
            assertTrue(!p.get(i + 100).at().isBefore(p.get(i).at().plus(Duration.ofHours(1))), "window at " + i);
        }
        Duration total = Duration.between(t0, p.get(499).at());
        assertTrue(total.compareTo(Duration.ofHours(6)) < 0, "long-run pace stays near the limit: " + total);
    }

    @Test
    void maxPerHourAllowsABurstOfATenth() throws Exception {
        List<Permit> p = acquire(throttle(1000, Duration.ZERO, 1000, Map.of()), 101, "a.example");
        assertEquals(t0, p.get(99).at());
        assertTrue(p.get(100).at().isAfter(t0));
    }

    @Test
    void perDomainLimitPacesOnlyThatDomain() throws Exception {
        SendThrottle t = throttle(1000, Duration.ZERO, 0, Map.of("Gmail.com", 10));
        List<Permit> gmail = acquire(t, 3, "gmail.com");
        assertTrue(gmail.get(1).at().isAfter(t0), "burst of one (10/10) then paced");
        Instant before = time.instant();
        Permit other = t.acquire("example.net");
        assertEquals(before, other.at());
        assertEquals(Duration.ofMinutes(6), Duration.between(gmail.get(0).at(), gmail.get(1).at()));
    }

    @Test
    void delayTellsTheWaitWithoutReserving() throws Exception {
        SendThrottle t = throttle(1000, Duration.ZERO, 0, Map.of("gmail.com", 10));
        t.acquire("gmail.com");
        assertEquals(Duration.ofMinutes(6), t.delay("gmail.com"));
        assertEquals(Duration.ofMinutes(6), t.delay("gmail.com"), "peeking twice reserves nothing");
        assertEquals(Duration.ZERO, t.delay("example.net"));
    }

    @Test
    void slowDownHalvesTheRate() throws Exception {
        SendThrottle t = throttle(1000, Duration.ZERO, 100, Map.of());
        acquire(t, 20, "a.example");                          // use up the burst
        Duration normal = gap(t);
        t.slowDown();
        Duration slow = gap(t);
        assertEquals(0.5, t.rateFactor());
        assertEquals(normal.multipliedBy(2).toSeconds(), slow.toSeconds());
    }

    @Test
    void recoverRestoresTheRateGradually() throws Exception {
        SendThrottle t = throttle(1000, Duration.ZERO, 100, Map.of());
        t.slowDown();
        t.slowDown();
        t.recover();
        assertEquals(0.25 + 0.125, t.rateFactor());
        for (int i = 0; i < 10; i++) t.recover();
        assertEquals(1.0, t.rateFactor());
    }

    @Test
    void slowDownNeverGoesBelowTheFloor() {
        SendThrottle t = throttle(1000, Duration.ZERO, 100, Map.of());
        for (int i = 0; i < 20; i++) t.slowDown();
        assertEquals(SendThrottle.MIN_FACTOR, t.rateFactor());
    }

    @Test
    void slowDownOfAnUnlimitedRelayHalvesTheObservedRate() throws Exception {
        SendThrottle t = throttle(1000, Duration.ZERO, 0, Map.of());
        for (int i = 0; i < 10; i++) {                        // the relay takes 100 ms per message
            t.acquire("a.example");
            time.advance(Duration.ofMillis(100));
        }
        t.slowDown();
        Permit a = t.acquire("a.example");
        Permit b = t.acquire("a.example");
        assertEquals(Duration.ofMillis(200), Duration.between(a.at(), b.at()));
    }

    @Test
    void workersSharingTheThrottleTogetherStayWithinTheLimit() throws Exception {
        SendThrottle t = throttle(1000, Duration.ZERO, 100, Map.of());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<List<Permit>>> parts = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            parts.add(pool.submit(() -> {
                List<Permit> mine = new ArrayList<>();
                for (int i = 0; i < 100; i++) mine.add(t.reserve("a.example"));
                return mine;
            }));
        }
        List<Instant> all = new ArrayList<>();
        for (Future<List<Permit>> f : parts) f.get().forEach(p -> all.add(p.at()));
        pool.shutdown();
        Collections.sort(all);
        assertEquals(400, all.size());
        for (int i = 0; i + 100 < all.size(); i++) {
            assertTrue(!all.get(i + 100).isBefore(all.get(i).plus(Duration.ofHours(1))), "window at " + i);
        }
    }

    private Duration gap(SendThrottle t) throws InterruptedException {
        Permit a = t.acquire("a.example");
        Permit b = t.acquire("a.example");
        return Duration.between(a.at(), b.at());
    }
}
