package org.listguard.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.journal.MemberEvidence;
import org.listguard.journal.Outcome;
import org.listguard.list.Recipient;
import org.listguard.testing.TestKeys;

/** {@code bounces process} keeps each member's evidence across runs and suppresses only on what it proves (issue 22). */
class MemberEvidenceProcessTest {
    static final String MEMBER = "kijitora@example.co.jp";

    @TempDir
    java.nio.file.Path dir;

    ProcessFixture f;
    BounceProcessor processor;

    @BeforeEach
    void setUp() {
        f = new ProcessFixture(dir, 3);
        processor = f.processor();
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    /** A second run of the campaign, a month later, with the same members accepted. */
    String nextRun() {
        f.clock.advance(Duration.ofDays(30));
        String run = f.journal.runs().create("monthly", null, false).id();
        List<Recipient> rs = new ArrayList<>();
        for (int i = 0; i < 3; i++) rs.add(new Recipient(i + 2, ProcessFixture.REPORTED.get(i), Map.of("email", ProcessFixture.REPORTED.get(i))));
        f.journal.recipients().add(run, rs.iterator());
        for (long seq = 1; seq <= 3; seq++) {
            f.journal.recipients().markSending(run, seq, "<" + run + "." + seq + ".x@example.org>");
            f.journal.recipients().recordOutcome(run, seq, Outcome.accepted(250, "2.0.0", "250 2.0.0 Ok", "isp", "Q" + seq, null));
        }
        f.clock.advance(Duration.ofHours(2));
        return run;
    }

    /** A DSN about recipient 1 of {@code run} from the smart host, relaying the receiver's words. */
    MessageOutcome report(String run, String id, String status, String diagnostic) {
        String dsn = String.join("\r\n", "From: MAILER-DAEMON@smarthost.example",
                "To: bounces+" + TestKeys.returnToken(run, ProcessFixture.HARD) + "@example.org",
                "Message-ID: <" + id + "@smarthost.example>", "Subject: Undelivered Mail Returned to Sender", "MIME-Version: 1.0",
                "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"", "", "--B", "Content-Type: text/plain", "",
                "The message could not be delivered.", "--B", "Content-Type: message/delivery-status", "",
                "Reporting-MTA: dns; smarthost.example", "", "Final-Recipient: rfc822; " + MEMBER, "Action: failed", "Status: " + status,
                "Remote-MTA: dns; mx.example.co.jp", "Diagnostic-Code: smtp; " + diagnostic, "", "--B--", "");
        return processor.processMessage("imap://x;UID=" + id, dsn.getBytes(StandardCharsets.ISO_8859_1));
    }

    boolean suppressed() {
        return f.journal.suppressions().find(MEMBER).isPresent();
    }

    static final String AT_RCPT = "550 sorry, no mailbox here by that name (in reply to RCPT TO command)";

    @Test
    void anUnprovenUserUnknownIsKeptAndSuppressesOnlyWhenASecondRunSaysItToo() {
        MessageOutcome first = report(f.run, "a1", "5.0.0", AT_RCPT);
        assertEquals(org.listguard.reply.Action.HARD, first.applied().get(0).action());
        assertFalse(suppressed(), "one ambiguous message is not proof");
        List<MemberEvidence.Entry> kept = f.journal.memberEvidence().of(MEMBER);
        assertEquals(1, kept.size());
        assertEquals(AT_RCPT, kept.get(0).diagnostic());
        assertEquals("smarthost.example", kept.get(0).reportingMta());
        assertTrue(processor.crossed().isEmpty());

        String second = nextRun();
        report(second, "a2", "5.0.0", AT_RCPT);
        assertTrue(suppressed(), "the same from a second run");
        assertEquals(1, processor.crossed().size());
        assertTrue(processor.crossed().get(0).why().contains("over 2 runs"), processor.crossed().get(0).why());
        String evidence = f.journal.suppressions().find(MEMBER).orElseThrow().evidence();
        assertTrue(evidence.contains("\"decision\":\"suppress-score\""), evidence);
        assertTrue(evidence.contains("no mailbox here by that name"), evidence);
    }

    /** Issue 22: "user unknown" words that cannot be placed (no code, no stage) never suppress; past the threshold, the operator is told. */
    @Test
    void anUnplacedUserUnknownNeverSuppressesRunAfterRunButIsShownForALook() {
        String run = f.run;
        for (int m = 0; m < 4; m++) {
            report(run, "u" + m, "5.0.0", "550 sorry, no mailbox here by that name");
            assertFalse(suppressed(), "run " + m);
            run = nextRun();
        }
        assertTrue(processor.crossed().isEmpty());
        assertFalse(processor.flagged().isEmpty(), "shown for the operator's look");
        for (MemberBounces.Crossing c : processor.flagged()) {
            assertEquals(MEMBER, c.address());
            assertEquals(EvidencePolicy.Verdict.NEEDS_LOOK, c.verdict());
        }
        assertTrue(f.journal.memberEvidence().of(MEMBER).get(0).rule().endsWith("+unstaged"), f.journal.memberEvidence().of(MEMBER).toString());
    }

    @Test
    void aUserUnknownWithTheAddressingCodeInTheDsnsStatusSuppressesAtOnce() {
        report(f.run, "b1", "5.1.1", "550 5.1.1 <kijitora@example.co.jp>: Recipient address rejected: User unknown");
        assertTrue(suppressed());
        assertTrue(processor.crossed().get(0).why().contains("suppressed at once"), processor.crossed().get(0).why());
    }

    @Test
    void eximsGenericStatusGivesWayToTheReceiversAddressingCodeAtRcpt() {
        String dsnText = "SMTP error from remote mail server after RCPT TO:<" + MEMBER + ">: 550 5.1.1 User unknown";
        report(f.run, "c1", "5.0.0", dsnText);
        assertTrue(suppressed(), f.journal.memberEvidence().of(MEMBER).toString());
        MemberEvidence.Entry e = f.journal.memberEvidence().of(MEMBER).get(0);
        assertEquals("5.1.1", e.status());
        assertEquals("RCPT", e.stage());
    }

    @Test
    void amazonSesRejectedAndReputationRefusalsNeverSuppressAMemberWhateverTheirNumber() {
        String run = f.run;
        for (int m = 0; m < 4; m++) {
            report(run, "s" + m, "5.7.9", "550 5.7.9 Rejected");
            report(run, "r" + m, "5.7.1", "550 5.7.1 Service unavailable; Client host [192.0.2.7] blocked using zen.spamhaus.org");
            run = nextRun();
        }
        assertFalse(suppressed());
        assertEquals(8, f.journal.memberEvidence().of(MEMBER).size(), "kept for the operator to read");
    }

    @Test
    void aMemberTheOperatorUnsuppressedStartsACleanRecord() {
        report(f.run, "d1", "5.0.0", AT_RCPT);
        String second = nextRun();
        report(second, "d2", "5.0.0", AT_RCPT);
        assertTrue(suppressed());
        f.journal.suppressions().remove(MEMBER);
        MemberBounces.reset(f.journal, MEMBER, f.clock.instant(), "suppression remove");
        f.clock.advance(Duration.ofMinutes(1));
        String third = nextRun();
        report(third, "d3", "5.0.0", AT_RCPT);
        assertFalse(suppressed(), "the old evidence no longer counts after the operator's reset");
    }
}
