package org.listguard.deliver.throttle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A settable clock and a sleeper that advances it instead of blocking: throttle tests in milliseconds. */
public final class FakeTime extends Clock implements Sleeper {
    private final AtomicReference<Instant> now;
    private volatile Duration slept = Duration.ZERO;

    public FakeTime(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    public FakeTime() {
        this(Instant.parse("2026-01-05T09:00:00Z"));
    }

    @Override
    public synchronized void sleep(Duration d) {
        if (d.isNegative() || d.isZero()) return;
        now.updateAndGet(t -> t.plus(d));
        slept = slept.plus(d);
    }

    public void advance(Duration d) { now.updateAndGet(t -> t.plus(d)); }

    /** Total time "slept" so far. */
    public Duration slept() { return slept; }

    @Override
    public Instant instant() { return now.get(); }

    @Override
    public ZoneId getZone() { return ZoneOffset.UTC; }

    @Override
    public Clock withZone(ZoneId zone) { return this; }
}
