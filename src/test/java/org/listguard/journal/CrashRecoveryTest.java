package org.listguard.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN.md invariant 2 against a real crash: a second JVM journals a recipient as sending and is
 * killed with SIGKILL. The committed rows survive, the campaign lock dies with the process, and
 * the interrupted recipient becomes unknown, not pending.
 */
class CrashRecoveryTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void sigkilledSenderLeavesSendingRowsThatBecomeUnknownAndReleasesTheLock() throws Exception {
        String url = JournalFixtures.sqliteUrl(dir);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(), url)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String runId;
        try (Journal journal = Journal.open(url, new JournalFixtures.MutableClock(Instant.parse("2026-11-01T10:00:00Z")))) {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertTrue(line != null && line.startsWith("SENDING "), "child said: " + line);
            runId = line.substring("SENDING ".length());

            LockResult.Held held = assertInstanceOf(LockResult.Held.class, journal.runs().lock("monthly"));
            assertTrue(held.holder().contains("pid " + child.pid()), held.holder());

            child.destroyForcibly(); // SIGKILL: no shutdown hooks, no close()
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));

            assertEquals(RecipientStatus.ACCEPTED, journal.recipient(runId, 1).orElseThrow().status());
            assertEquals(RecipientStatus.SENDING, journal.recipient(runId, 2).orElseThrow().status());
            LockResult after = journal.runs().lock("monthly");
            assertInstanceOf(LockResult.Acquired.class, after, "the lock died with the process");
            ((LockResult.Acquired) after).close();

            assertEquals(1, journal.recoverCrashed(runId));
            assertEquals(List.of(3L), journal.nextBatch(runId, 10).stream().map(Due::seq).toList());
            assertEquals(1, journal.runs().status(runId).orElseThrow().count("unknown"));
        } finally {
            child.destroyForcibly();
        }
    }
}
