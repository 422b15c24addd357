package org.listguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.events.RunRecord;
import org.listguard.journal.Journal;

/**
 * Issue 21 as a user runs it: junk in the return path is read once, across two sends (two
 * processes' worth of journal connections), and a run notes the first 100 skipped messages one
 * by one and the rest by their number, so junk cannot fill its journal.
 */
class SendReturnPathJunkTest {
    @TempDir
    Path dir;

    @Test
    void junkIsNotedBoundedAndReadOnceAcrossSends() throws Exception {
        Path root = Path.of("").toAbsolutePath();
        Files.createSymbolicLink(dir.resolve("sandbox"), root.resolve("config/sandbox"));
        Path maildir = dir.resolve("return-path");
        for (String sub : new String[] {"cur", "new", "tmp"}) Files.createDirectories(maildir.resolve(sub));
        for (int i = 0; i < 150; i++) {
            Files.writeString(maildir.resolve("new").resolve(String.format("17650%05d.M%dP1.junk", i, i)),
                    "From: club@news.example\nTo: bounces@example.org\nSubject: digest " + i + "\n\nclub news\n");
        }
        String journal = "jdbc:sqlite:" + dir.resolve("j.db");
        String first = send(journal);
        String second = send(journal);
        try (Journal j = Journal.open(journal, Clock.systemUTC())) {
            List<RunRecord.ReturnPathSkipped> a = skipped(j, first);
            assertEquals(101, a.size(), a.toString());
            assertTrue(a.get(100).why().startsWith("50 more message(s) that are not reports"), a.get(100).toString());
            assertEquals(List.of(), skipped(j, second), "the second send reads none of the junk again");
        }
        try (Stream<Path> s = Files.list(maildir.resolve("new"))) {
            assertEquals(150, s.count(), "junk is left where it was");
        }
    }

    private String send(String journal) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Environment env = new Environment(Clock.systemUTC(), Map.of(), new PrintWriter(out, true), new PrintWriter(err, true), false);
        int code = Main.run(env, "send", "--sandbox", "-c", Path.of("config/listguard.yaml").toAbsolutePath().toString(), "--campaign", "monthly",
                "--yes", "--again", "--journal", journal);
        assertEquals(0, code, out + " " + err);
        try (Journal j = Journal.open(journal, Clock.systemUTC())) {
            return j.runs().latest().orElseThrow().id();
        }
    }

    private static List<RunRecord.ReturnPathSkipped> skipped(Journal j, String run) {
        return j.runEvents().list(run).stream().map(e -> e.record()).filter(r -> r instanceof RunRecord.ReturnPathSkipped)
                .map(r -> (RunRecord.ReturnPathSkipped) r).toList();
    }
}
