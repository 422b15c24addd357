package org.listguard.send;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts one invocation's progress per recipient, not per attempt: a deferred recipient retried
 * later in the run is counted once (its last outcome wins), so "done" never passes "total"
 * (a run with retries once showed "13/9 sent"). Remembers only the deferred ones' seqs.
 */
final class ProgressCounter {
    private final long total;
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final Set<Long> deferred = ConcurrentHashMap.newKeySet();

    /** Of the accepted, those a receiver refused later (its DSN read during the run). */
    private final java.util.function.LongSupplier refusedLater;

    ProgressCounter(long total) {
        this(total, () -> 0);
    }

    /** Counts with {@code refusedLater}: accepted by the relay and refused by the receiver behind it, counted refused, not accepted. */
    ProgressCounter(long total, java.util.function.LongSupplier refusedLater) {
        this.total = total;
        this.refusedLater = refusedLater;
    }

    /**
     * Counts one outcome of recipient {@code seq}.
     *
     * @param wasAccepted the relay accepted it
     * @param willRetry   it was deferred and will come back in this run
     */
    Progress count(long seq, boolean wasAccepted, boolean willRetry, Duration elapsed) {
        return count(seq, wasAccepted, willRetry, elapsed, 0, 0, 1.0);
    }

    /** As {@link #count(long, boolean, boolean, Duration)}, with the batch, the batches expected and the throttle's rate factor. */
    Progress count(long seq, boolean wasAccepted, boolean willRetry, Duration elapsed, int batch, long batches, double rateFactor) {
        boolean counted = deferred.remove(seq);
        if (!counted) done.incrementAndGet();
        if (wasAccepted) accepted.incrementAndGet();
        if (willRetry) deferred.add(seq);
        long d = done.get();
        long later = Math.min(refusedLater.getAsLong(), accepted.get());
        long a = accepted.get() - later;
        return new Progress(Math.min(d, total), total, a, Math.max(0, d - a), elapsed, batch, batches, deferred.size(), rateFactor);
    }

    long done() { return done.get(); }

    long accepted() { return accepted.get(); }
}
