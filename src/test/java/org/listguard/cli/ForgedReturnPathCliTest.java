package org.listguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18's attack read by {@code bounces process} (cron) rather than during a run, end to end
 * through the real command line: every member holds the VERP token and Message-ID of the message
 * they received, so they can mail the return path a DSN that "proves" itself. Read this way, what
 * one member sends changes that member only: no learned egress, no remembered block, no
 * suppression of anyone, the next gate stays open, and no attacker text reaches the output. (The
 * same attack during a run, where the guard used to pause and learn 127.0.0.2, is
 * {@code send/OneMemberCannotSteerTheRunTest}; this one guards the cron path against regressions.)
 */
class ForgedReturnPathCliTest {
    @TempDir
    Path dir;

    /** One delivered message: its envelope sender (the VERP return path), recipient and Message-ID. */
    record Sent(String returnPath, String rcpt, String messageId) {}

    private List<Sent> sent(Path runs) throws IOException {
        List<Sent> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(runs)) {
            for (Path run : dirs.filter(p -> Files.isDirectory(p) && p.getFileName().toString().matches("\\d{8}-\\d{6}-.*")).toList()) {
                try (Stream<Path> files = Files.list(run)) {
                    for (Path f : files.filter(p -> p.toString().endsWith(".eml")).sorted().toList()) {
                        List<String> lines = Files.readString(f).lines().toList();
                        out.add(new Sent(header(lines, "X-Envelope-From: <"), header(lines, "X-Envelope-To: <"), header(lines, "Message-ID: ")));
                    }
                }
            }
        }
        return out;
    }

    private static String header(List<String> lines, String prefix) {
        String l = lines.stream().filter(x -> x.regionMatches(true, 0, prefix, 0, prefix.length())).findFirst().orElseThrow();
        String v = l.substring(prefix.length()).trim();
        return v.endsWith(">") && prefix.endsWith("<") ? v.substring(0, v.length() - 1) : v;
    }

    /** The member's forged DSN: their own token and Message-ID, a listing of RFC 5782's test entry, the attacker's URL. */
    private static String forgedDsn(Sent s, int n) {
        String boundary = "b" + n;
        return String.join("\r\n",
                "Return-Path: <>",
                "From: Mail Delivery System <MAILER-DAEMON@mx.attacker.example>",
                "To: <" + s.returnPath() + ">",
                "Subject: Undelivered Mail Returned to Sender",
                "Message-ID: <forged-" + n + "@attacker.example>",
                "MIME-Version: 1.0",
                "Content-Type: multipart/report; report-type=delivery-status; boundary=\"" + boundary + "\"",
                "",
                "--" + boundary,
                "Content-Type: text/plain",
                "",
                "Your message could not be delivered.",
                "",
                "--" + boundary,
                "Content-Type: message/delivery-status",
                "",
                "Reporting-MTA: dns; mx.attacker.example",
                "",
                "Final-Recipient: rfc822; " + s.rcpt(),
                "Action: failed",
                "Status: 5.7.1",
                "Remote-MTA: dns; mx.attacker.example",
                "Diagnostic-Code: smtp; 554 5.7.1 Service unavailable; Client host [127.0.0.2] blocked using zen.spamhaus.org;"
                        + " see https://evil.example/delist",
                "",
                "--" + boundary,
                "Content-Type: text/rfc822-headers",
                "",
                "Message-ID: " + s.messageId(),
                "To: <" + s.rcpt() + ">",
                "",
                "--" + boundary + "--",
                "");
    }

    @Test
    void oneMembersForgedDsnsChangeThatMemberOnly() throws Exception {
        SandboxWorld w = new SandboxWorld(dir);
        SandboxWorld.Result first = w.send(null);
        assertEquals(0, first.code(), first.toString());
        List<Sent> sent = sent(dir);
        assertTrue(sent.size() >= 4, sent.toString());
        Sent mallory = sent.get(0);
        Path inbox = dir.resolve("return-path").resolve("new");
        Files.createDirectories(inbox);
        for (int i = 0; i < 5; i++) Files.writeString(inbox.resolve("forged-" + i), forgedDsn(mallory, i)); // the same member, five times

        SandboxWorld.Result processed = w.run("bounces", "process", "--sandbox");
        assertEquals(0, processed.code(), processed.toString());

        SandboxWorld.Result egress = w.run("egress", "--sandbox", "--format", "json");
        assertEquals(0, egress.code(), egress.toString());
        assertEquals(0, egress.json().size(), "no IP is learned from one member's report: " + egress.out());
        JsonNode blocks = w.run("blocks", "--sandbox", "--format", "json").json();
        assertEquals(0, blocks.size(), "no provider block is remembered from one member's report: " + blocks);
        SandboxWorld.Result suppressed = w.run("suppression", "list", "--sandbox");
        assertFalse(sent.stream().skip(1).anyMatch(s -> suppressed.out().contains(s.rcpt())), "nobody else is touched: " + suppressed);

        SandboxWorld.Result audit = w.run("audit", "--sandbox", "--campaign", "monthly", "--format", "json");
        assertTrue(!audit.out().contains("127.0.0.2"), "the gate does not audit the planted IP: " + audit.out());
        SandboxWorld.Result again = w.run("send", "--sandbox", "--campaign", "monthly", "--yes", "--again");
        assertEquals(0, again.code(), "the next send goes: " + again);
        assertTrue(!again.out().contains("evil.example") && !again.err().contains("evil.example"), again.toString());
    }
}
