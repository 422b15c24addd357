package org.listguard.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.journal.Journal;
import org.listguard.journal.LockResult;
import org.listguard.journal.PgSessions;

/**
 * A firing that resumes a run left running waits for the campaign lock of the process that ran it,
 * up to the time PostgreSQL takes to end a vanished host's session, and no longer. The lock holder
 * here is another journal in this JVM; the sleeper counts the waits instead of sleeping.
 */
class SenderGoneTest {
    @TempDir
    Path dir;

    @Test
    void aLockReleasedWhileWaitingLetsTheRunResume() {
        try (Journal mine = Journal.open("jdbc:sqlite:" + dir.resolve("j.db"), Clock.systemUTC());
             Journal dead = Journal.open("jdbc:sqlite:" + dir.resolve("j.db"), Clock.systemUTC())) {
            LockResult.Acquired held = (LockResult.Acquired) dead.runs().lock("monthly");
            AtomicInteger waits = new AtomicInteger();
            SenderGone gone = new SenderGone(mine, d -> {
                if (waits.incrementAndGet() == 3) held.close(); // the server ended the dead host's session
            }, () -> false);
            assertTrue(gone.await("monthly", "r1"));
            assertEquals(3, waits.get(), "tried again after every poll until the lock was free");
            assertTrue(mine.runs().lock("monthly") instanceof LockResult.Acquired a && closed(a), "and left it free for the send");
        }
    }

    @Test
    void aLockStillHeldAfterTheDeadHostBoundIsALiveSenderAndNothingIsResumed() {
        try (Journal mine = Journal.open("jdbc:sqlite:" + dir.resolve("j.db"), Clock.systemUTC());
             Journal alive = Journal.open("jdbc:sqlite:" + dir.resolve("j.db"), Clock.systemUTC())) {
            LockResult.Acquired held = (LockResult.Acquired) alive.runs().lock("monthly");
            AtomicInteger waits = new AtomicInteger();
            assertFalse(new SenderGone(mine, d -> waits.incrementAndGet(), () -> false).await("monthly", "r1"));
            assertEquals(PgSessions.DEAD_HOST.plus(SenderGone.POLL).toMillis() / SenderGone.POLL.toMillis(), waits.get(),
                    "waited the dead-host bound, in polls");
            held.close();
        }
    }

    @Test
    void aStoppingDaemonStopsWaiting() {
        try (Journal mine = Journal.open("jdbc:sqlite:" + dir.resolve("j.db"), Clock.systemUTC());
             Journal alive = Journal.open("jdbc:sqlite:" + dir.resolve("j.db"), Clock.systemUTC())) {
            LockResult.Acquired held = (LockResult.Acquired) alive.runs().lock("monthly");
            AtomicInteger waits = new AtomicInteger();
            assertFalse(new SenderGone(mine, d -> waits.incrementAndGet(), () -> true).await("monthly", "r1"));
            assertEquals(0, waits.get());
            held.close();
        }
    }

    private static boolean closed(LockResult.Acquired a) {
        a.close();
        return true;
    }
}
