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
 * Issue 18, the first attack, during a run: member 1 mails the return path DSNs proven by their
 * own token and Message-ID, naming RFC 5782's test entry 127.0.0.2 on zen.spamhaus.org (listed
 * everywhere) and an attacker's URL, and claiming blocks at other providers. Before, the run paused
 * at once, 127.0.0.2 became a learned egress and every later gate was NO-GO. Now the reports change
 * member 1 only: the run completes for everyone else, nothing is learned or remembered, and the next
 * send's gate is open.
 */
class OneMemberCannotSteerTheRunTest {
    @TempDir
    Path dir;

    @Test
    void oneMembersForgedListingDsnsDuringARunChangeThatMemberOnly() throws Exception {
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
                    if (d.compareTo(Duration.ofSeconds(30)) <= 0 && dropped.compareAndSet(false, true)) {
                        RecipientRow row = j.recipients().get(j.runs().latest().orElseThrow().id(), 1).orElseThrow();
                        try {
                            String[] receivers = {"mx.gmail.example", "mx.yahoo.example", "mx.outlook.example", "mx.other.example"};
                            for (int i = 0; i < 8; i++) {
                                Files.writeString(maildir.resolve("new").resolve("forged-" + i), forged(row.email(), row.messageId(), i,
                                        receivers[i % receivers.length]));
                            }
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }
                };
                SendOutcome r = f.pipeline(c, SendFixture.world(), j).send(SendFixture.options());
                assertTrue(dropped.get(), "the forged DSNs arrived during the run");
                assertInstanceOf(SendOutcome.Completed.class, r, r.message() + f.said);
                var s = j.runs().status(r.runId()).orElseThrow();
                assertEquals(8, s.count("accepted"), "everyone else got it: " + s.counts());
                assertEquals(1, s.count("blocked"), "the forging member is the only one changed: " + s.counts());
                assertTrue(j.downstream().egressIps().isEmpty(), "nothing learned: " + j.downstream().egressIps());
                assertTrue(j.downstream().blocksSince(f.clock().instant().minus(Duration.ofDays(1))).isEmpty(), "no block remembered");
                assertTrue(j.suppressions().list().isEmpty(), "nobody suppressed");
                assertTrue(f.said.stream().noneMatch(x -> x.contains("evil.example") || x.contains("127.0.0.2")),
                        "no attacker text in what the operator is told: " + f.said);

                f.said.clear();
                SendOutcome next = f.pipeline(c, SendFixture.world(), j).send(SendOptions.builder("monthly").yes(true).again(true).build());
                assertInstanceOf(SendOutcome.Completed.class, next, "the next gate is open: " + next.message() + f.said);
            }
        }
    }

    private static String forged(String rcpt, String messageId, int n, String receiver) {
        return String.join("\r\n",
                "From: MAILER-DAEMON@" + receiver,
                "To: bounces@example.org",
                "Subject: Undelivered Mail Returned to Sender",
                "Message-ID: <forged-" + n + "@attacker.example>",
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
                "Reporting-MTA: dns; " + receiver,
                "",
                "Final-Recipient: rfc822; " + rcpt,
                "Action: failed",
                "Status: 5.7.1",
                "Remote-MTA: dns; " + receiver,
                "Diagnostic-Code: smtp; 554 5.7.1 Service unavailable; Client host [127.0.0.2] blocked using zen.spamhaus.org;"
                        + " see https://evil.example/delist",
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
