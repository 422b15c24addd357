package org.listguard.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Issue 13: retries do not count a recipient twice ("13/9 sent"). */
class ProgressCounterTest {
    @Test
    void aRecipientDeferredAndRetriedIsCountedOnceAndDoneNeverPassesTotal() {
        ProgressCounter c = new ProgressCounter(3);
        Progress p = null;
        for (int round = 0; round < 4; round++) p = c.count(2, false, true, Duration.ofSeconds(1)); // deferred four times
        assertEquals(1, p.done());
        p = c.count(1, true, false, Duration.ofSeconds(2));
        p = c.count(2, true, false, Duration.ofSeconds(3)); // finally accepted
        p = c.count(3, true, false, Duration.ofSeconds(4));
        assertEquals(3, p.done());
        assertEquals(3, p.accepted());
        assertEquals(0, p.problems());
        assertTrue(p.done() <= p.total());
    }

    /**
     * Issue 19: the progress line said "0 refused" just after "suspending example.net". The
     * receivers' refusals read from the return path are refusals: the next line counts them, and
     * those members are no longer counted accepted.
     */
    @Test
    void aReceiversRefusalReadDuringTheRunCountsAsRefusedNotAccepted() {
        ProgressCounter c = new ProgressCounter(6);
        for (long seq = 1; seq <= 4; seq++) c.count(seq, true, false, Duration.ofSeconds(seq));
        for (long seq = 1; seq <= 3; seq++) c.refusedLater(seq); // three DSNs read between batches: the guard suspends their provider
        c.refusedLater(2); // the same member's second report counts once
        Progress p = c.count(5, true, false, Duration.ofSeconds(5));
        assertEquals(5, p.done());
        assertEquals(2, p.accepted());
        assertEquals(3, p.problems() - p.deferred(), "refused");
    }

    /** A resumed run: a DSN about a member accepted by an earlier invocation is not in this invocation's counts. */
    @Test
    void aRefusalOfAMemberAcceptedInAnEarlierInvocationDoesNotChangeThisLine() {
        ProgressCounter c = new ProgressCounter(4);
        c.count(7, true, false, Duration.ofSeconds(1));
        c.refusedLater(2); // member 2 was accepted before the run paused, in another invocation
        Progress p = c.count(8, true, false, Duration.ofSeconds(2));
        assertEquals(2, p.accepted());
        assertEquals(0, p.problems() - p.deferred(), "nothing this invocation sent was refused");
    }
}
