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
import org.listguard.events.RunRecord;
import org.listguard.journal.Journal;

/** `send` wired as a user runs it reads bounces.mailbox during the run (issue 8): what it cannot use it notes and skips. */
class SendReadsReturnPathTest {
    @TempDir
    Path dir;

    @Test
    void aSandboxSendReadsItsOwnReturnPathNotesWhatIsNotAReportAndLeavesTheRealMailboxAlone() throws Exception {
        Path root = Path.of("").toAbsolutePath();
        Files.createSymbolicLink(dir.resolve("sandbox"), root.resolve("config/sandbox"));
        Path real = dir.resolve("bounces");   // the configured (real) mailbox: a sandbox run never reads it
        for (String sub : new String[] {"cur", "new", "tmp"}) Files.createDirectories(real.resolve(sub));
        Files.writeString(real.resolve("new").resolve("9.real"), "From: x@spam.test\nSubject: real\n\nnot for the sandbox\n");
        Path maildir = dir.resolve("return-path");   // the sandbox's return path, next to its journal
        for (String sub : new String[] {"cur", "new", "tmp"}) Files.createDirectories(maildir.resolve(sub));
        Files.writeString(maildir.resolve("new").resolve("1.junk"), "From: x@spam.test\nSubject: hello\n\nnot a bounce\n");
        String yaml = Files.readString(Path.of("config/listguard.yaml"));
        yaml = org.listguard.testing.ExampleConfig.withAbsolutePaths(yaml);
        yaml = yaml.replace("\nguard:\n", "\nguard:\n  dsn_wait: 1s\n").replace("# bounces:", "bounces:").replace("#   mailbox: { maildir: /var/mail/bounces }", "  mailbox: { maildir: " + maildir + " }");
        Path cfg = dir.resolve("listguard.yaml");
        Files.writeString(cfg, yaml + "\n");
        String journal = "jdbc:sqlite:" + dir.resolve("j.db");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Environment env = new Environment(Clock.systemUTC(), Map.of(), new PrintWriter(out, true), new PrintWriter(err, true), false);
        int code = Main.run(env, "send", "--sandbox", "-c", cfg.toString(), "--campaign", "monthly", "--yes", "--journal", journal);
        assertEquals(0, code, out + " " + err);
        try (Journal j = Journal.open(journal, Clock.systemUTC())) {
            String run = j.runs().latest().orElseThrow().id();
            assertTrue(j.runEvents().list(run).stream().anyMatch(e -> e.record() instanceof RunRecord.ReturnPathSkipped s && s.source().contains("1.junk")),
                    j.runEvents().list(run).toString());
            assertTrue(j.runEvents().raw(run).stream().noneMatch(e -> e.detail().contains("9.real")), j.runEvents().raw(run).toString());
        }
        assertTrue(Files.exists(maildir.resolve("new").resolve("1.junk")), "unrelated mail is left where it was");
        assertTrue(Files.exists(real.resolve("new").resolve("9.real")), "the real mailbox is not the sandbox's");
    }
}
