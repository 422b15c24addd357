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
}
