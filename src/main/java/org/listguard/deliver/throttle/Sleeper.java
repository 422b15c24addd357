package org.listguard.deliver.throttle;

import java.time.Duration;

/**
 * Waiting, injected like the clock so that throttle tests run in milliseconds: their sleeper
 * advances a fake clock instead of blocking.
 */
@FunctionalInterface
public interface Sleeper {
    /** Returns after {@code d} has passed (immediately for zero or negative durations). */
    void sleep(Duration d) throws InterruptedException;

    /** The real one: blocks the calling thread. The only place in listguard that sleeps. */
    Sleeper SYSTEM = d -> {
        if (d.isNegative() || d.isZero()) return;
        long ms = d.toMillis();
        Thread.sleep(ms, (int) (d.toNanos() - ms * 1_000_000L));
    };
}
