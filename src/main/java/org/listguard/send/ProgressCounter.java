package org.listguard.send;

import java.time.Duration;
import java.util.BitSet;
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

    /** The seqs this invocation counted accepted, and of them those a receiver refused later (one bit a member). */
    private final BitSet acceptedHere = new BitSet(), refusedHere = new BitSet();
    private final AtomicLong later = new AtomicLong();

    ProgressCounter(long total) {
        this.total = total;
    }

    /**
     * A receiver refused member {@code seq} after the relay accepted it (its DSN read during the
     * run): counted refused, not accepted, if this invocation counted it accepted (a member accepted
     * in an earlier invocation of a resumed run is not in this line's counts).
     */
    void refusedLater(long seq) {
        if (seq < 0 || seq > Integer.MAX_VALUE) return;
        synchronized (acceptedHere) {
            if (acceptedHere.get((int) seq) && !refusedHere.get((int) seq)) {
                refusedHere.set((int) seq);
                later.incrementAndGet();
            }
        }
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
        if (wasAccepted) {
            accepted.incrementAndGet();
            if (seq >= 0 && seq <= Integer.MAX_VALUE) {
                synchronized (acceptedHere) {
                    acceptedHere.set((int) seq);
                }
            }
        }
        if (willRetry) deferred.add(seq);
        long d = done.get();
        long a = accepted.get() - Math.min(later.get(), accepted.get());
        return new Progress(Math.min(d, total), total, a, Math.max(0, d - a), elapsed, batch, batches, deferred.size(), rateFactor);
    }

    long done() { return done.get(); }

    long accepted() { return accepted.get(); }
}
