package org.listguard.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.config.Config;
import org.listguard.deliver.sandbox.SandboxSmtpServer;
import org.listguard.journal.Journal;
import org.listguard.journal.RecipientRow;

/**
 * A receiver's DSN that arrives during the throttle's long batch pause is read during the pause
 * and stops the run before the next batch sends anything (fake clock: the pause takes no time).
 */
class ListeningDuringBatchPauseTest {
    @TempDir
    Path dir;

    @Test
    void aListingDsnReadDuringTheBatchPauseStopsTheNextBatch() throws Exception {
        SendFixture f = new SendFixture(dir);
        f.members(9);
        Path maildir = dir.resolve("returnpath");
        try (SandboxSmtpServer relay = SandboxSmtpServer.start(dir.resolve("out"), f.clock())) {
            Config c = f.config(f.yaml(3, "", "isp " + relay.port()).replace("batch_pause: 0s", "batch_pause: 10m")
                    + "bounces:\n  mailbox: { maildir: " + maildir + " }\nguard: { dsn_wait: 0s }\n");
            f.readReturnPath(maildir, true);
            try (Journal j = f.journal(c)) {
                AtomicBoolean dropped = new AtomicBoolean();
                f.onSleep = d -> {
                    // the first minute of the first batch pause: the receiver's DSN for member 1 arrives
                    if (d.compareTo(Duration.ofSeconds(30)) <= 0 && dropped.compareAndSet(false, true)) {
                        RecipientRow row = j.recipients().get(j.runs().latest().orElseThrow().id(), 1).orElseThrow();
                        try {
                            Files.writeString(maildir.resolve("new").resolve("1.dsn"), dsn(row.email(), row.messageId()));
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }
                };
                SendOutcome r = f.pipeline(c, worldListing(), j).send(SendFixture.options());
                assertInstanceOf(SendOutcome.Paused.class, r, r.message() + f.said);
                assertTrue(r.message().contains("198.51.100.25 on bl.example.test, and the list confirms it"), r.message());
                var s = j.runs().status(r.runId()).orElseThrow();
                assertEquals(2, s.count("accepted") , "only the first batch went; member 1 is blocked: " + s.counts());
                assertEquals(1, s.count("blocked"));
                assertEquals(6, s.count("pending"), "the next batch sent nothing");
            }
        }
    }

    /**
     * The sandbox's DNS world plus bl.example.test listing the relay's configured egress
     * (198.51.100.25): one member's DSN naming a listing pauses the run only when the list itself
     * confirms it for a known egress (issue 18).
     */
    private org.listguard.dns.DnsClient worldListing() throws IOException {
        Path world = dir.resolve("world");
        Files.createDirectories(world);
        try (var files = Files.list(SendFixture.WORLD)) {
            for (Path z : files.filter(x -> x.toString().endsWith(".zone")).toList()) Files.copy(z, world.resolve(z.getFileName()));
        }
        Files.writeString(world.resolve("bl.example.test.zone"), String.join("\n",
                "$ORIGIN bl.example.test.", "$TTL 300",
                "@ IN SOA ns.bl.example.test. hostmaster.bl.example.test. 1 3600 600 86400 300",
                "@ IN NS ns.bl.example.test.",
                "25.100.51.198 IN A 127.0.0.2", ""));
        return new org.listguard.dns.ZoneDnsClient(org.listguard.dns.ZoneAnswerer.fromDirectory(world));
    }

    private static String dsn(String rcpt, String messageId) {
        return String.join("\r\n",
                "From: MAILER-DAEMON@smarthost.isp.test",
                "To: bounces@example.org",
                "Subject: Undelivered Mail Returned to Sender",
                "MIME-Version: 1.0",
                "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"",
                "",
                "--B",
                "Content-Type: text/plain",
                "",
                "refused",
                "--B",
                "Content-Type: message/delivery-status",
                "",
                "Reporting-MTA: dns; smarthost.isp.test",
                "",
                "Final-Recipient: rfc822; " + rcpt,
                "Action: failed",
                "Status: 5.7.1",
                "Remote-MTA: dns; mx.receiver.test",
                "Diagnostic-Code: smtp; 554 5.7.1 Service unavailable; Client host [198.51.100.25] blocked using bl.example.test",
                "",
                "--B",
                "Content-Type: text/rfc822-headers",
                "",
                "Message-ID: " + messageId,
                "From: news@example.org",
                "To: " + rcpt,
                "",
                "--B--",
                "");
    }
}
