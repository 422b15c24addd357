package org.listguard.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.compose.dkim.DkimVerification;
import org.listguard.compose.dkim.DkimVerifier;
import org.listguard.config.Config;
import org.listguard.deliver.sandbox.SandboxScript.Command;
import org.listguard.deliver.sandbox.SandboxSmtpServer;
import org.listguard.dns.DnsAnswer;
import org.listguard.dns.DnsClient;
import org.listguard.journal.Journal;
import org.listguard.journal.RunState;
import org.listguard.journal.RunStatus;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Type;

class SendPipelineTest {
    static final String CISCO = "554 Your access to this mail system has been rejected due to the sending MTA's poor reputation. "
            + "If you believe that this failure is in error, please contact the intended recipient via alternate means.";

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;

    @Test
    void everyMemberGetsOneSignedMessageWithUnsubscribeHeadersAndAJournaledOutcome() throws Exception {
        SendFixture f = new SendFixture(dir);
        f.members(7);
        Config c = f.config(f.yaml(3, "", "isp " + greenMail.getSmtp().getPort()));
        DnsClient dns = SendFixture.world();
        try (Journal j = f.journal(c)) {
            SendOutcome r = f.pipeline(c, dns, j).send(SendFixture.options());
            assertInstanceOf(SendOutcome.Completed.class, r, r.message() + " " + f.said);
            MimeMessage[] got = greenMail.getReceivedMessages();
            assertEquals(7, got.length);
            DkimVerifier verifier = new DkimVerifier(dns);
            java.util.Set<String> to = new HashSet<>();
            for (MimeMessage m : got) {
                ByteArrayOutputStream raw = new ByteArrayOutputStream();
                m.writeTo(raw);
                assertInstanceOf(DkimVerification.Pass.class, verifier.verify(raw.toByteArray()), "DKIM verifies after delivery");
                String unsub = m.getHeader("List-Unsubscribe", null);
                assertTrue(unsub.contains("<https://example.org/unsubscribe?t=") && unsub.contains("<mailto:"), unsub);
                assertEquals("List-Unsubscribe=One-Click", m.getHeader("List-Unsubscribe-Post", null));
                assertTrue(m.getHeader("Return-Path", null).matches("<bounces\\+" + r.runId() + "-[0-9a-z]+-[a-z2-7]{12}@example.org>"),
                        "VERP return path: " + m.getHeader("Return-Path", null));
                to.add(m.getAllRecipients()[0].toString());
            }
            assertEquals(7, to.size(), "one message per member");
            RunStatus s = j.runs().status(r.runId()).orElseThrow();
            assertEquals(RunState.COMPLETED, s.state());
            assertEquals(7, s.count("accepted"));
            j.recipients(r.runId(), row -> {
                assertNotNull(row.messageId());
                assertTrue(row.replyText().startsWith("250"), row.replyText());
            });
        }
    }

    @Test
    void aReputationBlockPausesKeepsTheRestPendingAndTheNextSendFinishesWithoutDuplicates() throws Exception {
        SendFixture f = new SendFixture(dir);
        f.members(10);
        try (SandboxSmtpServer relay = SandboxSmtpServer.start(dir.resolve("out"), f.clock())) {
            relay.script().replyAfter(4, Command.RCPT, "*", CISCO);
            Config c = f.config(f.yaml(100, "", "isp " + relay.port()));
            DnsClient dns = SendFixture.world();
            try (Journal j = f.journal(c)) {
                SendOutcome first = f.pipeline(c, dns, j).send(SendFixture.options());
                assertInstanceOf(SendOutcome.Paused.class, first, first.message());
                RunStatus paused = j.runs().status(first.runId()).orElseThrow();
                assertEquals(RunState.PAUSED, paused.state());
                assertTrue(paused.pauseReason().contains("reputation"), paused.pauseReason());
                assertEquals(4, paused.count("accepted"));
                assertEquals(6, paused.count("pending") + paused.count("deferred"), "the blocked member and the rest wait");
                assertEquals(0, paused.count("rejected"));
                assertEquals(1L, paused.actions().get("reputation"));
                assertTrue(j.suppressions().list().isEmpty(), "a reputation block never suppresses a member");

                relay.script().clear();
                f.clock.advance(java.time.Duration.ofMinutes(2));
                SendOutcome second = f.pipeline(c, dns, j).send(SendFixture.options());
                assertInstanceOf(SendOutcome.Completed.class, second, second.message() + " " + f.said);
                assertEquals(first.runId(), second.runId(), "the paused run is resumed, not restarted");
                assertEquals(10, j.runs().status(first.runId()).orElseThrow().count("accepted"));
            }
            List<String> received = SendFixture.recipientsOf(relay.messages());
            assertEquals(10, received.size());
            assertEquals(10, new HashSet<>(received).size(), "nobody got it twice");
        }
    }

    @Test
    void aListingThatAppearsBetweenBatchesPausesTheRun() throws Exception {
        SendFixture f = new SendFixture(dir);
        f.members(9);
        AtomicBoolean listed = new AtomicBoolean();
        DnsClient world = SendFixture.world();
        String name = "25.100.51.198.zen.spamhaus.org.";
        java.net.InetAddress listing = java.net.InetAddress.getByAddress(new byte[] {127, 0, 0, 2});
        DnsClient dns = (n, type) -> listed.get() && n.toString().equalsIgnoreCase(name) && type == Type.A
                ? CompletableFuture.completedFuture(new DnsAnswer.Records(List.of(new ARecord(n, DClass.IN, 60, listing)), 60))
                : world.query(n, type);
        f.onProgress = p -> {
            if (p.done() >= 3) listed.set(true);
        };
        try (SandboxSmtpServer relay = SandboxSmtpServer.start(dir.resolve("out"), f.clock())) {
            Config c = f.config(f.yaml(3, "", "isp " + relay.port()));
            try (Journal j = f.journal(c)) {
                SendOutcome r = f.pipeline(c, dns, j).send(SendFixture.options());
                assertInstanceOf(SendOutcome.Paused.class, r, r.message());
                RunStatus s = j.runs().status(r.runId()).orElseThrow();
                assertTrue(s.pauseReason().contains("198.51.100.25") && s.pauseReason().contains("zen.spamhaus.org"), s.pauseReason());
                assertEquals(3, s.count("accepted"), "the batch in flight finished, the next did not start");
                assertEquals(6, s.count("pending"));
            }
            assertEquals(3, relay.accepted());
        }
    }

    @Test
    void aBlockedRelayIsLeftForTheNextCleanOne() throws Exception {
        SendFixture f = new SendFixture(dir);
        f.members(5);
        try (SandboxSmtpServer blocked = SandboxSmtpServer.start(dir.resolve("blocked"), f.clock());
             SandboxSmtpServer clean = SandboxSmtpServer.start(dir.resolve("clean"), f.clock())) {
            blocked.script().reply(Command.RCPT, "*", CISCO);
            Config c = f.config(f.yaml(100, "", "isp " + blocked.port(), "backup " + clean.port()));
            try (Journal j = f.journal(c)) {
                SendOutcome r = f.pipeline(c, SendFixture.world(), j).send(SendFixture.options());
                assertInstanceOf(SendOutcome.Completed.class, r, r.message() + " " + f.said);
                assertEquals(5, j.runs().status(r.runId()).orElseThrow().count("accepted"));
                assertTrue(j.runEvents().list(r.runId()).stream().anyMatch(e -> e.kind().equals("failover")), "failover journaled");
            }
            assertEquals(0, blocked.accepted());
            assertEquals(5, clean.accepted());
        }
    }

    @Test
    void aNoGoAuditSendsNothing() throws Exception {
        SendFixture f = new SendFixture(dir);
        f.members(3);
        try (SandboxSmtpServer relay = SandboxSmtpServer.start(dir.resolve("out"), f.clock())) {
            // The relay's egress IP is not in example.org's SPF record: SPF fails, the gate refuses.
            Config c = f.config(f.yaml(100, "", "isp " + relay.port()).replace("ips: [198.51.100.25]", "ips: [198.51.100.99]"));
            try (Journal j = f.journal(c)) {
                SendOutcome r = f.pipeline(c, SendFixture.world(), j).send(SendFixture.options());
                assertInstanceOf(SendOutcome.GateRefused.class, r, r.message());
                assertTrue(j.runs().latest().isEmpty(), "no run was started");
            }
            assertEquals(0, relay.accepted());
        }
    }

    @Test
    void aLineBreakInTheLastRowsNameStopsTheRunBeforeAnythingIsSent() throws Exception {
        SendFixture f = new SendFixture(dir);
        f.members(5);
        java.nio.file.Files.writeString(dir.resolve("members.csv"),
                "member06@example.net,\"Eve\r\nBcc: victim@example.com\"\n", java.nio.file.StandardOpenOption.APPEND);
        try (SandboxSmtpServer relay = SandboxSmtpServer.start(dir.resolve("out"), f.clock())) {
            Config c = f.config(f.yaml(2, "", "isp " + relay.port()));
            try (Journal j = f.journal(c)) {
                org.listguard.InputException e = org.junit.jupiter.api.Assertions.assertThrows(org.listguard.InputException.class,
                        () -> f.pipeline(c, SendFixture.world(), j).send(SendFixture.options()));
                assertTrue(e.getMessage().contains("members.csv:7") && e.getMessage().contains("first_name"), e.getMessage());
                assertTrue(j.runs().latest().isEmpty(), "no run was started");
            }
            assertEquals(0, relay.accepted(), "nothing was sent");
        }
    }

    @Test
    void aSecondSendOfTheSameCampaignWhileOneRunsIsRefused() throws Exception {
        SendFixture f = new SendFixture(dir);
        f.members(2);
        try (SandboxSmtpServer relay = SandboxSmtpServer.start(dir.resolve("out"), f.clock())) {
            Config c = f.config(f.yaml(2, "", "isp " + relay.port()));
            try (Journal j = f.journal(c);
                 org.listguard.journal.LockResult.Acquired held = assertInstanceOf(org.listguard.journal.LockResult.Acquired.class,
                         j.runs().lock("monthly"));
                 Journal other = f.journal(c)) {
                SendOutcome r = f.pipeline(c, SendFixture.world(), other).send(SendFixture.options());
                assertInstanceOf(SendOutcome.Busy.class, r, r.message());
                assertTrue(r.message().contains("another send of campaign monthly is running"), r.message());
            }
            assertEquals(0, relay.accepted());
        }
    }

    @Test
    void sendWithWaitResumesByItselfWhenTheBlockIsLifted() throws Exception {
        SendFixture f = new SendFixture(dir);
        f.members(6);
        try (SandboxSmtpServer relay = SandboxSmtpServer.start(dir.resolve("out"), f.clock())) {
            relay.script().replyAfter(2, Command.RCPT, "*", CISCO);
            f.onSleep = d -> relay.script().clear(); // the block is lifted while listguard waits
            Config c = f.config(f.yaml(100, "", "isp " + relay.port()));
            try (Journal j = f.journal(c)) {
                SendOutcome r = f.pipeline(c, SendFixture.world(), j)
                        .send(SendOptions.builder("monthly").yes(true).waitWhenPaused(true).build());
                assertInstanceOf(SendOutcome.Completed.class, r, r.message() + " " + f.said);
                assertEquals(6, j.runs().status(r.runId()).orElseThrow().count("accepted"));
                assertTrue(j.runEvents().list(r.runId()).stream().anyMatch(e -> e.kind().equals("resumed")), "the resume is journaled");
            }
            assertTrue(!f.slept.isEmpty(), "it waited (on the injected sleeper) before re-checking");
            assertEquals(6, new HashSet<>(SendFixture.recipientsOf(relay.messages())).size());
            assertEquals(6, relay.accepted(), "nobody twice");
        }
    }

    @Test
    void throughARealPostfixSmartHostEveryMessageArrives(@TempDir Path sinkDir) throws Exception {
        org.listguard.testing.Peers.requireExecutable(Path.of("/usr/sbin/postfix"), "run scripts/install-peers (Debian package postfix)");
        SendFixture f = new SendFixture(dir);
        f.members(25);
        try (org.listguard.testing.SmtpSink sink = org.listguard.testing.SmtpSink.start(
                org.listguard.testing.SmtpSink.options().store(sinkDir)); // its own dir: the sink writes as nobody
             org.listguard.testing.PostfixRelay postfix = org.listguard.testing.PostfixRelay.start(sink)) {
            Config c = f.config(f.yaml(10, "", "isp " + postfix.port()));
            try (Journal j = f.journal(c)) {
                SendOutcome r = f.pipeline(c, SendFixture.world(), j).send(SendFixture.options());
                assertInstanceOf(SendOutcome.Completed.class, r, r.message() + " " + f.said);
                j.recipients(r.runId(), row -> assertNotNull(row.queueId(), "Postfix's queue id is journaled"));
            }
            assertEquals(25, sink.awaitStored(25, java.time.Duration.ofSeconds(60)), "all 25 relayed by Postfix to the sink: " + postfix.log());
        }
    }
}
