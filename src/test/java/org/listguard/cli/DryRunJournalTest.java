package org.listguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.journal.Journal;

/** Issue 21: a dry run reads the journal when it exists and never creates it. */
class DryRunJournalTest {
    @TempDir
    Path dir;

    private int dryRun(Path journal, StringWriter out) {
        StringWriter err = new StringWriter();
        int code = Main.run(new Environment(Clock.systemUTC(), Map.of(), new PrintWriter(out, true), new PrintWriter(err, true), false),
                "send", "-c", "config/listguard.yaml", "--sandbox", "--journal", "jdbc:sqlite:" + journal, "--campaign", "monthly", "--dry-run");
        assertEquals(0, code, out + "\n" + err);
        return code;
    }

    @Test
    void aDryRunWithoutAJournalDoesNotCreateIt() {
        Path journal = dir.resolve("data/listguard.db");
        StringWriter out = new StringWriter();
        dryRun(journal, out);
        assertTrue(out.toString().contains("12 message(s) would be sent"), out.toString());
        assertFalse(Files.exists(journal), "no journal file");
    }

    @Test
    void aDryRunReadsAnExistingJournalsSuppressions() {
        Path journal = dir.resolve("data/listguard.db");
        try (Journal j = Journal.open("jdbc:sqlite:" + journal, Clock.systemUTC())) {
            j.suppressions().add("margaret.hollis@example.net", "unsubscribed", org.listguard.reply.Action.UNSUBSCRIBE, null, null);
        }
        StringWriter out = new StringWriter();
        dryRun(journal, out);
        assertTrue(out.toString().contains("11 message(s) would be sent"), out.toString());
    }
}
