package org.listguard.feedback;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.events.Journaled;
import org.listguard.events.RunRecord;
import org.listguard.reply.Action;
import org.listguard.journal.ComplaintRate;
import org.listguard.journal.RecipientRow;
import org.listguard.journal.RecipientStatus;
import org.listguard.journal.Suppression;

/** {@code bounces process} over a real Maildir of (VERP-adapted) corpus messages and a SQLite journal. */
class BounceProcessorTest {
    @TempDir
    Path dir;

    ProcessFixture f;
    Path maildir;

    @BeforeEach
    void setUp() throws IOException {
        f = new ProcessFixture(dir, 200);
        maildir = ProcessFixture.maildir(dir.resolve("Maildir"));
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    ProcessSummary process() throws MailboxException {
        return process(Optional.of("listguard-processed"));
    }

    ProcessSummary process(Optional<String> processedFolder) throws MailboxException {
        try (MaildirMailbox m = MaildirMailbox.open(maildir, processedFolder)) {
            return f.processor().process(m, Set.of());
        }
    }

    Path processed(String name) {
        return maildir.resolve(".listguard-processed").resolve("cur").resolve(name + ":2,S");
    }

    @Test
    void aHardBounceSuppressesTheMemberWithTheEvidenceAndKeepsTheAcceptedReply() throws IOException {
        ProcessFixture.deliver(maildir, "1000.hard", f.sample("hard.eml", ProcessFixture.HARD));
        ProcessSummary s = process();
        assertEquals(1, s.matched());
        assertEquals(1, s.count(Action.HARD));
        assertEquals(1, s.suppressed());
        Suppression sup = f.journal.suppressions().find("kijitora@example.co.jp").orElseThrow();
        assertEquals(Action.HARD, sup.action());
        assertEquals("userunknown", sup.reason());
        assertEquals(f.run, sup.sourceRun());
        for (String part : List.of("550 5.1.1 Address rejected", "\"status\":\"5.1.1\"", "\"reply_code\":550", "mx01.example.co.jp",
                "1000.hard", "2026-11-02T09:00:00.000Z", "\"matched_by\":\"verp\"")) {
            assertTrue(sup.evidence().contains(part), part + " in " + sup.evidence());
        }
        RecipientRow row = f.journal.recipient(f.run, ProcessFixture.HARD).orElseThrow();
        assertEquals("hard", row.action());
        assertEquals(RecipientStatus.ACCEPTED, row.status(), "the relay did accept it: that evidence stays");
        assertTrue(row.replyText().startsWith("250 2.0.0 Ok: queued as Q1"), row.replyText());
        assertTrue(Files.exists(processed("1000.hard")), "moved to the processed folder, flagged seen");
        assertTrue(Files.exists(maildir.resolve(".listguard-processed").resolve("maildirfolder")));
        assertFalse(Files.exists(maildir.resolve("new").resolve("1000.hard")));
    }

    @Test
    void aReputationBounceIsEvidenceAgainstTheRunBlocksTheMemberAndNeverSuppressesThem() throws IOException {
        ProcessFixture.deliver(maildir, "1000.rep", f.sample("reputation.eml", ProcessFixture.REPUTATION));
        ProcessSummary s = process();
        assertEquals(1, s.count(Action.REPUTATION));
        assertEquals(0, s.suppressed());
        assertTrue(f.journal.suppressions().list().isEmpty());
        RecipientRow row = f.journal.recipient(f.run, ProcessFixture.REPUTATION).orElseThrow();
        assertEquals(RecipientStatus.BLOCKED, row.status(), "the member did not get it: they wait to be sent again (invariant 8)");
        assertEquals("reputation", row.action());
        var verdict = f.journal.downstream().verdicts(f.run).get(0);
        assertTrue(verdict.diagnostic().contains("very low reputation"), verdict.diagnostic());
        RunRecord.Bounce e = f.journal.runEvents().list(f.run).stream().map(Journaled::record).filter(RunRecord.Bounce.class::isInstance)
                .map(RunRecord.Bounce.class::cast).filter(x -> x.action() == Action.REPUTATION).findFirst().orElseThrow();
        assertTrue(e.diagnostic().contains("very low reputation"), e.toString());
        assertEquals("neko-1718501322@gmail.com", e.recipient());
        assertEquals("member", e.provenance().orElseThrow(), "proven by that member's token alone");
        assertTrue(Files.exists(processed("1000.rep")));
    }

    @Test
    void aReputationBounceAfterTheRunCompletedReopensItPausedSoSendResumesTheBlockedMember() throws IOException {
        f.journal.runs().setState(f.run, org.listguard.journal.RunState.COMPLETED, null, null);
        ProcessFixture.deliver(maildir, "1000.rep", f.sample("reputation.eml", ProcessFixture.REPUTATION));
        process();
        var run = f.journal.runs().get(f.run).orElseThrow();
        assertEquals(org.listguard.journal.RunState.PAUSED, run.state());
        assertTrue(run.pauseReason().contains("after the run completed"), run.pauseReason());
        assertEquals(1, f.journal.runs().status(f.run).orElseThrow().count("blocked"));
    }

    @Test
    void aDelayDsnForReputationIsEvidenceButLeavesTheMemberAcceptedBecauseTheRelayStillHoldsIt() throws IOException {
        String token = org.listguard.testing.TestKeys.returnToken(f.run, ProcessFixture.REPUTATION);
        String dsn = String.join("\r\n", "From: MAILER-DAEMON@smarthost.example", "To: bounces+" + token + "@example.org",
                "Message-ID: <delay-1@smarthost.example>", "Subject: Delayed Mail (still being retried)", "MIME-Version: 1.0",
                "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"", "", "--B", "Content-Type: text/plain", "",
                "still trying", "--B", "Content-Type: message/delivery-status", "", "Reporting-MTA: dns; smarthost.example", "",
                "Final-Recipient: rfc822; " + ProcessFixture.REPORTED.get(1), "Action: delayed", "Status: 4.7.0",
                "Remote-MTA: dns; mta5.am0.yahoodns.net",
                "Diagnostic-Code: smtp; 421 4.7.0 [TSS04] Messages from 192.0.2.7 temporarily deferred due to unexpected volume or user complaints",
                "", "--B--", "");
        ProcessFixture.deliver(maildir, "1000.delay", dsn.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        ProcessSummary s = process();
        assertEquals(1, s.matched());
        assertEquals(RecipientStatus.ACCEPTED, f.journal.recipient(f.run, ProcessFixture.REPUTATION).orElseThrow().status(),
                "the smart host is still retrying: sending again could deliver twice");
        assertTrue(f.journal.downstream().verdicts(f.run).isEmpty());
        assertTrue(f.journal.runEvents().list(f.run).stream().anyMatch(e -> e.record() instanceof RunRecord.Bounce b && "delayed".equals(b.dsnAction())),
                f.journal.runEvents().list(f.run).toString());
    }

    @Test
    void aMembersOwnComplaintSuppressesThemButDoesNotCountTowardTheRateAlone() throws IOException {
        ProcessFixture.deliver(maildir, "1000.arf", f.sample("complaint.eml", ProcessFixture.COMPLAINT));
        ProcessSummary s = process();
        assertEquals(1, s.complaints());
        assertEquals(Action.COMPLAINT, f.journal.suppressions().find("kijitora@y.example.com").orElseThrow().action());
        ComplaintRate rate = f.journal.feedback().complaintRate("monthly", org.listguard.config.Defaults.CORROBORATE).orElseThrow();
        assertEquals(1, rate.members(), "journaled as one member's own report");
        assertEquals(0, rate.proven());
        assertEquals(0, rate.complaints(), "one member is not guard.corroborate=3 members (DESIGN.md invariant 11)");
        assertEquals(200, rate.accepted());
        assertEquals(0.0, rate.percent(), 1e-9);
        assertEquals(ComplaintLevel.OK, s.rates().get(0).level());
        assertEquals(0.5, f.journal.feedback().complaintRate("monthly", 1).orElseThrow().percent(), 1e-9, "with guard.corroborate=1 it counts");
    }

    @Test
    void aReportWithoutAVerpTokenIsMatchedByTheOriginalMessageId() throws IOException {
        ProcessFixture.deliver(maildir, "1000.arf", ProcessFixture.sample("complaint-by-message-id.eml", "unused"));
        ProcessSummary s = process();
        assertEquals(1, s.matched());
        assertEquals("complaint", f.journal.recipient(f.run, ProcessFixture.BY_MESSAGE_ID).orElseThrow().action());
        assertTrue(f.journal.suppressions().find("kijitora@example.com").orElseThrow().evidence().contains("\"matched_by\":\"message-id\""));
    }

    @Test
    void anAutoReplyIsOnlyMovedOutOfTheWay() throws IOException {
        ProcessFixture.deliver(maildir, "1000.auto", f.sample("autoreply.eml", ProcessFixture.AUTOREPLY));
        ProcessSummary s = process();
        assertEquals(1, s.matched());
        assertEquals(1, s.count(Action.NONE));
        assertTrue(f.journal.suppressions().list().isEmpty());
        assertTrue(f.journal.runEvents().list(f.run).isEmpty());
        assertEquals("none", f.journal.recipient(f.run, ProcessFixture.AUTOREPLY).orElseThrow().action());
        assertTrue(Files.exists(processed("1000.auto")));
    }

    @Test
    void unrelatedAndUnmatchedMailIsLeftExactlyWhereItWas() throws IOException {
        byte[] personal = ProcessFixture.sample("unrelated.eml", "x");
        byte[] foreign = ProcessFixture.sample("unmatched.eml", "x");
        Path p1 = ProcessFixture.deliver(maildir, "1000.personal", personal);
        Path p2 = ProcessFixture.deliver(maildir, "1001.foreign", foreign);
        ProcessSummary s = process();
        assertEquals(2, s.read());
        assertEquals(0, s.matched());
        assertEquals(List.of(p2.toString()), s.unmatched());
        assertEquals(p1.toString(), s.unrelated().get(0).source());
        assertArrayEquals(personal, Files.readAllBytes(p1));
        assertArrayEquals(foreign, Files.readAllBytes(p2));
        assertTrue(f.journal.suppressions().list().isEmpty(), "an unmatched hard bounce suppresses nobody");
        assertFalse(Files.exists(maildir.resolve(".listguard-processed")));
    }

    @Test
    void processingTheSameReportsAgainCountsNothingTwice() throws IOException {
        byte[] hard = f.sample("hard.eml", ProcessFixture.HARD);
        byte[] arf = f.sample("complaint.eml", ProcessFixture.COMPLAINT);
        byte[] rep = f.sample("reputation.eml", ProcessFixture.REPUTATION);
        ProcessFixture.deliver(maildir, "1000.hard", hard);
        ProcessFixture.deliver(maildir, "1001.arf", arf);
        ProcessFixture.deliver(maildir, "1002.rep", rep);
        process();
        // the same reports delivered again (a copy, a retry by the sender's MTA)
        ProcessFixture.deliver(maildir, "2000.hard", hard);
        ProcessFixture.deliver(maildir, "2001.arf", arf);
        ProcessFixture.deliver(maildir, "2002.rep", rep);
        ProcessSummary again = process();
        assertEquals(3, again.alreadyProcessed());
        assertEquals(0, again.matched());
        assertEquals(0, again.suppressed());
        assertEquals(0, again.complaints());
        assertEquals(1, f.journal.feedback().complaintRate("monthly", org.listguard.config.Defaults.CORROBORATE).orElseThrow().reported(), "journaled; one member alone does not count toward the rate");
        assertEquals(1, f.journal.runEvents().list(f.run).stream().filter(e -> e.kind().equals("bounce-reputation")).count());
        assertEquals(2, f.journal.suppressions().list().size());
        assertTrue(Files.exists(processed("2000.hard")), "a report seen before is still moved out of the way");
        ProcessSummary third = process();
        assertEquals(0, third.read(), "nothing left to read");
    }

    @Test
    void flagModeLeavesProcessedMessagesInTheFolderMarkedSeen() throws IOException {
        ProcessFixture.deliver(maildir, "1000.hard", f.sample("hard.eml", ProcessFixture.HARD));
        process(Optional.empty());
        assertTrue(Files.exists(maildir.resolve("cur").resolve("1000.hard:2,S")));
        try (Stream<Path> s = Files.list(maildir.resolve("new"))) {
            assertEquals(0, s.count());
        }
        ProcessSummary again = process(Optional.empty());
        assertEquals(1, again.alreadyProcessed(), "the journal remembers it");
        assertEquals(1, f.journal.suppressions().list().size());
    }

    @Test
    void aDirectoryThatIsNotAMaildirIsAMailboxError() throws IOException {
        Path plain = Files.createDirectories(dir.resolve("plain"));
        MailboxException e = org.junit.jupiter.api.Assertions.assertThrows(MailboxException.class,
                () -> MaildirMailbox.open(plain, Optional.empty()));
        assertEquals("maildir", e.setting());
    }
}
