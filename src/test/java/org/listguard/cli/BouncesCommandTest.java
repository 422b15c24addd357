package org.listguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real command line into strings. */
class BouncesCommandTest {
    @TempDir
    Path dir;

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int run(String... args) {
        Environment env = new Environment(Clock.fixed(Instant.parse("2026-11-23T08:00:00Z"), ZoneOffset.UTC), Map.of(),
                new PrintWriter(out), new PrintWriter(err), false);
        return Main.run(env, args);
    }

    static final String BOUNCE = """
            From: MAILER-DAEMON@mx.example.org\r
            To: bounces+q1@lists.example.org\r
            Subject: failure notice\r
            \r
            I'm afraid I wasn't able to deliver your message to the following addresses.\r
            \r
            <nobody@example.net>:\r
            Remote host said: 550 5.1.1 sorry, no mailbox here by that name.\r
            \r
            --- Below this line is a copy of the message.\r
            """;

    @Test
    void classifyJsonPrintsOneObjectPerRecipientInDesignShape() throws IOException {
        Path f = Files.writeString(dir.resolve("b.eml"), BOUNCE);
        assertEquals(0, run("bounces", "classify", "--format", "json", f.toString()));
        String[] lines = out.toString().trim().split("\n");
        assertEquals(1, lines.length);
        JsonNode n = new ObjectMapper().readTree(lines[0]);
        assertEquals(f.toString(), n.get("file").asText());
        assertEquals("nobody@example.net", n.get("recipient").asText());
        assertEquals("5.1.1", n.get("status").asText());
        assertEquals("550", n.get("reply_code").asText());
        assertEquals("userunknown", n.get("reason").asText());
        assertEquals("hard", n.get("action").asText());
        assertTrue(n.get("diagnostic").asText().contains("no mailbox"));
        assertEquals("q1", n.get("verp_token").asText());
    }

    @Test
    void classifyTextPrintsATable() throws IOException {
        Path f = Files.writeString(dir.resolve("b.eml"), BOUNCE);
        assertEquals(0, run("bounces", "classify", f.toString()));
        assertTrue(out.toString().startsWith("FILE"), out.toString());
        assertTrue(out.toString().contains("nobody@example.net") && out.toString().contains("userunknown"), out.toString());
    }

    @Test
    void aMalformedFileIsReportedAndTheOthersStillPrinted() throws IOException {
        Path good = Files.writeString(dir.resolve("good.eml"), BOUNCE);
        Path bad = Files.writeString(dir.resolve("bad.eml"), "Subject: hi\r\n\r\njust a note\r\n");
        assertEquals(0, run("bounces", "classify", "--format", "json", bad.toString(), good.toString()));
        assertTrue(err.toString().contains("bad.eml"), err.toString());
        assertTrue(out.toString().contains("nobody@example.net"));
    }

    @Test
    void unreadableFilesOnlyExitTwo() {
        assertEquals(2, run("bounces", "classify", dir.resolve("missing.eml").toString()));
        assertTrue(err.toString().contains("missing.eml"), err.toString());
    }

    @Test
    void mboxMessagesAreNumbered() throws IOException {
        Path m = Files.writeString(dir.resolve("box"), "From x Mon Jan  1 00:00:00 2024\r\n" + BOUNCE + "\r\nFrom y Mon Jan  1 00:00:00 2024\r\n" + BOUNCE);
        assertEquals(0, run("bounces", "classify", "--format", "json", "--mbox", m.toString()));
        assertTrue(out.toString().contains("box#1") && out.toString().contains("box#2"), out.toString());
    }

    @Test
    void maildirIsRead() throws IOException {
        Files.createDirectories(dir.resolve("md/new"));
        Files.createDirectories(dir.resolve("md/cur"));
        Files.writeString(dir.resolve("md/new/1.host"), BOUNCE);
        assertEquals(0, run("bounces", "classify", "--format", "json", "--maildir", dir.resolve("md").toString()));
        assertTrue(out.toString().contains("nobody@example.net"));
    }

}
