package org.listguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13: a journal that cannot be written is a clear exit 75 saying what to do, not "internal error" (exit 1). */
class JournalFailureExitTest {
    @TempDir
    Path dir;

    @Test
    void aJournalInAPlaceThatCannotBeCreatedExits75WithWhatToDo() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");   // a file where the journal's directory should be
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Environment env = new Environment(Clock.systemUTC(), Map.of(), new PrintWriter(out, true), new PrintWriter(err, true), false);
        Path maildir = org.listguard.feedback.ProcessFixture.maildir(dir.resolve("Maildir"));
        String yaml = Files.readString(Path.of("config/listguard.yaml"));
        Path root = Path.of("").toAbsolutePath();
        yaml = org.listguard.testing.ExampleConfig.withAbsolutePaths(yaml)
                .replace("\nsender:\n", "\nsender:\n  token_key_file: " + org.listguard.testing.TestKeys.write(dir) + "\n");
        Path cfg = Files.writeString(dir.resolve("listguard.yaml"), yaml + "bounces:\n  mailbox: { maildir: " + maildir + " }\n");
        int code = Main.run(env, "bounces", "process", "-c", cfg.toString(), "--journal", "jdbc:sqlite:" + file.resolve("sub").resolve("j.db"));
        assertEquals(75, code, err.toString());
        assertTrue(err.toString().contains("the journal failed") && err.toString().contains("run the same command again"), err.toString());
        assertTrue(!err.toString().contains("internal error"), err.toString());
    }
}
