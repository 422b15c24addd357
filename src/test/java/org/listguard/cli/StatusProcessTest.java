package org.listguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.journal.Journal;
import org.listguard.journal.JournalFixtures;
import org.listguard.journal.LockResult;
import org.listguard.journal.Run;
import org.listguard.journal.RunState;

/** Issue 10: status tells a run whose process is gone (nobody holds the lock) from a running one, and explains interrupted. */
class StatusProcessTest {
    @TempDir
    Path dir;

    @Test
    void aRunningRunWhoseLockNobodyHoldsIsShownAsGone() {
        JournalCliFixture f = new JournalCliFixture(dir);
        try (Journal j = Journal.open(f.url, f.clock)) {
            Run run = j.runs().create("monthly", null, false);
            j.addRecipients(run.id(), JournalFixtures.members(2));
            assertEquals(0, f.run("status", "--journal", f.url));
            assertTrue(f.out.toString().contains("Process: gone")
                    && f.out.toString().contains("`listguard send --journal " + f.url + " --campaign monthly --yes`"),
                    "the resume command keeps this invocation's --journal (issue 19): " + f.out);
            assertEquals(0, f.run("status", "--journal", f.url, "--format", "json"));
            assertTrue(f.out.toString().replaceAll("\\s", "").contains("\"process\":\"gone\""), f.out.toString());

            try (LockResult.Acquired held = (LockResult.Acquired) j.runs().lock("monthly")) {
                assertEquals(0, f.run("status", "--journal", f.url));
                assertTrue(f.out.toString().contains("Process: running"), f.out.toString());
            }
        }
    }

    @Test
    void anInterruptedRunSaysHowToResume() {
        JournalCliFixture f = new JournalCliFixture(dir);
        try (Journal j = Journal.open(f.url, f.clock)) {
            Run run = j.runs().create("monthly", null, false);
            j.runs().setState(run.id(), RunState.INTERRUPTED, "interrupted by SIGTERM", null);
        }
        assertEquals(0, f.run("status", "--journal", f.url));
        String out = f.out.toString();
        assertTrue(out.contains("interrupted") && out.contains("SIGTERM") && out.contains("resumes it"), out);
        assertTrue(!out.contains("Process:"), "no lock question for a run that stopped cleanly: " + out);
    }
}
