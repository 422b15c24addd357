package org.listguard.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.listguard.config.BounceScore;
import org.listguard.journal.MemberEvidence.Entry;

/** The decision on a member's bounce evidence over runs (issue 22): pure, time given. */
class EvidencePolicyTest {
    static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");
    static final BounceScore DEFAULTS = BounceScore.DEFAULT;

    /** A report read {@code month} months (30 days) after T0, in run "r{month}". */
    static Entry at(int month, String action, String reason, String status, String from, String stage, String rule) {
        return new Entry("<m" + month + "-" + reason + "@x>", "r" + month, 1, "dead@example.org", T0.plus(Duration.ofDays(30L * month)),
                "dsn", action, reason, rule, status, from, status == null ? 0 : 550, stage, "smarthost.example", "mx.example.com",
                "550 " + (status == null ? "" : status + " ") + reason, "imap://x;UID=" + month);
    }

    static EvidencePolicy.Standing decide(List<Entry> h, int month) {
        return EvidencePolicy.decide(h, Optional.empty(), DEFAULTS, T0.plus(Duration.ofDays(30L * month)).plusSeconds(60));
    }

    @Test
    void anAddressingCodeRefusedAtRcptSuppressesAtOnce() {
        var s = decide(List.of(at(0, "hard", "userunknown", "5.1.1", "text", "RCPT", "r")), 0);
        assertEquals(EvidencePolicy.Verdict.SUPPRESS_DEFINITIVE, s.verdict());
        assertTrue(s.why().contains("at RCPT"), s.why());
    }

    @Test
    void anAddressingCodeInTheDsnsStatusFieldSuppressesAtOnce() {
        var s = decide(List.of(at(0, "hard", "hostunknown", "5.1.2", "status", "UNKNOWN", "r")), 0);
        assertEquals(EvidencePolicy.Verdict.SUPPRESS_DEFINITIVE, s.verdict());
    }

    @Test
    void anAddressingCodeReadOnlyFromWordsNeedsASecondRun() {
        List<Entry> h = new ArrayList<>(List.of(at(0, "hard", "userunknown", "5.1.1", "text", "UNKNOWN", "r")));
        assertEquals(EvidencePolicy.Verdict.WATCH, decide(h, 0).verdict());
        h.add(at(1, "hard", "userunknown", "5.1.1", "text", "UNKNOWN", "r"));
        var s = decide(h, 1);
        assertEquals(EvidencePolicy.Verdict.SUPPRESS_DEFINITIVE, s.verdict());
        assertTrue(s.why().contains("two distinct runs"), s.why());
    }

    @Test
    void userUnknownWithNeitherCodeNorStageIsSuppressedOnlyByTheScoreOfTwoRuns() {
        List<Entry> h = new ArrayList<>(List.of(at(0, "hard", "userunknown", null, null, "UNKNOWN", "r")));
        var one = decide(h, 0);
        assertEquals(EvidencePolicy.Verdict.WATCH, one.verdict());
        assertEquals(2.5, one.score());
        h.add(at(1, "hard", "userunknown", null, null, "UNKNOWN", "r"));
        var two = decide(h, 1);
        assertEquals(EvidencePolicy.Verdict.SUPPRESS_SCORE, two.verdict());
        assertEquals(2, two.runs());
    }

    @Test
    void manyAmbiguousReportsInOneRunAreNeverEnough() {
        List<Entry> h = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            h.add(new Entry("<k" + i + "@x>", "r0", 1, "a@example.org", T0.plusSeconds(i), "dsn", "hard", "userunknown", "r", null, null,
                    550, "UNKNOWN", null, null, "550 user unknown", "s"));
        }
        var s = EvidencePolicy.decide(h, Optional.empty(), DEFAULTS, T0.plusSeconds(10));
        assertFalse(s.verdict().suppresses(), s.why());
        assertEquals(2.5, s.score(), "one run counts once, with its strongest report");
    }

    @Test
    void aMemberBehindAFilterIsNeverSuppressedByAYearOfMonthlyRefusals() {
        List<Entry> h = new ArrayList<>();
        for (int m = 0; m < 12; m++) {
            h.add(at(m, "content", "filtered", null, null, "DATA_END", "filter-rule"));
            assertFalse(decide(h, m).verdict().suppresses(), "month " + m + ": " + decide(h, m).why());
        }
    }

    /** Issue 22: filtered-only evidence never suppresses, however many runs; past the threshold the operator is told. */
    @Test
    void userUnknownInAFiltersRefusalNeverSuppressesAndAsksForALookAfterThreeRuns() {
        List<Entry> h = new ArrayList<>();
        for (int m = 0; m < 12; m++) {
            h.add(at(m, "content", "filtered", null, null, "DATA_END", "user-unknown+after-data"));
            var s = decide(h, m);
            assertFalse(s.verdict().suppresses(), "month " + m + ": " + s.why());
            assertEquals(m >= 2 ? EvidencePolicy.Verdict.NEEDS_LOOK : EvidencePolicy.Verdict.WATCH, s.verdict(), "month " + m + ": " + s.why());
            assertEquals(0, s.score(), "nothing against the address");
        }
        assertTrue(decide(h, 11).why().startsWith("needs your look"), decide(h, 11).why());
    }

    /**
     * "User unknown" words with neither an addressing code nor a stage, outside a mailbox host's own
     * directory notice (BounceParser: filtered, +unstaged); journalled hard by earlier versions: the
     * same grade either way.
     */
    @ParameterizedTest
    @CsvSource({"content, filtered", "hard, userunknown"})
    void anUnplacedUserUnknownNeverSuppressesAndAsksForALook(String action, String reason) {
        List<Entry> h = new ArrayList<>();
        for (int m = 0; m < 6; m++) {
            h.add(at(m, action, reason, null, null, "UNKNOWN", "userunknown+unstaged"));
            var s = decide(h, m);
            assertFalse(s.verdict().suppresses(), "month " + m + ": " + s.why());
            assertEquals(EvidenceWeights.Grade.UNPROVEN, s.history().get(m).weighed().grade());
        }
        assertEquals(EvidencePolicy.Verdict.NEEDS_LOOK, decide(h, 5).verdict());
    }

    /** lhost-bigfoot-02: "553 Invalid recipient" at RCPT, no code of the receiver's own; sendmail wrote Status: 5.7.1. */
    @Test
    void anX7CodeOnlyTheReportingMtaWroteGivesWayToTheReceiversAddressingStatementAtRcpt() {
        Entry guess = new Entry("<g@x>", "r0", 1, "dead@example.org", T0, "dsn", "hard", "userunknown", "userunknown", "5.7.1", "status", 553,
                "RCPT", "litemail00.bigfoot.com", "neko22.mx.example.org", "553 Invalid recipient kijitora@example.org (Mode: normal)", "s");
        var w = EvidenceWeights.weigh(guess, List.of(guess), DEFAULTS);
        assertEquals(EvidenceWeights.Grade.AMBIGUOUS, w.grade(), w.why());
        Entry again = new Entry("<g2@x>", "r1", 1, "dead@example.org", T0.plus(Duration.ofDays(30)), "dsn", "hard", "userunknown", "userunknown",
                "5.7.1", "status", 553, "RCPT", "litemail00.bigfoot.com", "neko22.mx.example.org", "553 Invalid recipient kijitora@example.org", "s");
        assertEquals(EvidencePolicy.Verdict.SUPPRESS_SCORE, decide(List.of(guess, again), 1).verdict());
    }

    /** lhost-sendmail-48: the receiver itself answered 5.7.1 (its policy), whatever words follow: never counts. */
    @Test
    void anX7CodeTheReceiverGaveNeverCountsEvenBesideUserUnknownAtRcpt() {
        List<Entry> h = new ArrayList<>();
        for (int m = 0; m < 6; m++) {
            h.add(new Entry("<s" + m + "@x>", "r" + m, 1, "a@example.org", T0.plus(Duration.ofDays(30L * m)), "dsn", "hard", "userunknown",
                    "userunknown", "5.7.1", "status", 550, "RCPT", "m", "smtp-in.sfr.fr",
                    "550 5.7.1 <a@example.org>: Recipient address rejected: User unknown", "s"));
        }
        var s = decide(h, 5);
        assertEquals(EvidencePolicy.Verdict.CLEAN, s.verdict(), s.why());
        // and a relay's own 5.7.1 (status from its reply, not a Status: field) never counts either
        Entry relay = new Entry("relay-reply:r0#1", "r0", 1, "a@example.org", T0, "relay", "hard", "userunknown", "userunknown", "5.7.1",
                EvidenceWeights.FROM_RELAY, 550, "RCPT", "relay", "relay", "550 5.7.1 Invalid recipient", "smtp:relay");
        assertEquals(EvidenceWeights.Grade.NEVER, EvidenceWeights.weigh(relay, List.of(relay), DEFAULTS).grade());
    }

    /** Issue 22 item 1: our relay's synchronous refusal weighs as a DSN does, by its stage. */
    @Test
    void aRelaysReplyIsDefinitiveAtRcptAndNeedsASecondRunAfterData() {
        Entry rcpt = new Entry("relay-reply:r0#1", "r0", 1, "a@example.org", T0, "relay", "hard", "userunknown", "userunknown", "5.1.1",
                EvidenceWeights.FROM_RELAY, 550, "RCPT", "relay", "relay", "550 5.1.1 <a@example.org>: Recipient address rejected", "smtp:relay");
        assertEquals(EvidencePolicy.Verdict.SUPPRESS_DEFINITIVE, decide(List.of(rcpt), 0).verdict());
        Entry data = new Entry("relay-reply:r0#1", "r0", 1, "a@example.org", T0, "relay", "hard", "userunknown", "userunknown", "5.1.1",
                EvidenceWeights.FROM_RELAY, 550, "DATA_END", "relay", "relay", "550 5.1.1 user unknown", "smtp:relay");
        assertEquals(EvidenceWeights.Grade.ADDRESSING, EvidenceWeights.weigh(data, List.of(data), DEFAULTS).grade());
        assertEquals(EvidencePolicy.Verdict.WATCH, decide(List.of(data), 0).verdict());
    }

    @Test
    void senderSideAndPolicyRefusalsNeverCountWhateverTheClassifierSaid() {
        List<Entry> h = new ArrayList<>();
        for (int m = 0; m < 12; m++) {
            h.add(at(m, "reputation", "blocked", "5.7.1", "status", "RCPT", "r"));
            h.add(at(m, "hard", "userunknown", "5.7.9", "status", "RCPT", "ses-rejected")); // Amazon SES 550 5.7.9 Rejected
            h.add(at(m, "content", "spamdetected", "5.7.1", "status", "DATA_END", "r"));
        }
        var s = decide(h, 11);
        assertEquals(EvidencePolicy.Verdict.CLEAN, s.verdict(), s.why());
        assertEquals(0, s.score());
    }

    @Test
    void evidenceOlderThanStaleAfterNoLongerCounts() {
        List<Entry> h = List.of(at(0, "hard", "userunknown", null, null, "UNKNOWN", "r"), at(4, "hard", "userunknown", null, null, "UNKNOWN", "r"));
        var s = decide(h, 4);
        assertFalse(s.verdict().suppresses(), s.why());
        assertTrue(s.history().get(0).note().startsWith("stale"), s.history().get(0).note());
    }

    @Test
    void evidenceReadBeforeTheOperatorsResetNoLongerCounts() {
        List<Entry> h = List.of(at(0, "hard", "userunknown", null, null, "UNKNOWN", "r"), at(1, "hard", "userunknown", null, null, "UNKNOWN", "r"));
        Instant reset = T0.plus(Duration.ofDays(31));
        var s = EvidencePolicy.decide(h, Optional.of(reset), DEFAULTS, T0.plus(Duration.ofDays(32)));
        assertEquals(EvidencePolicy.Verdict.CLEAN, s.verdict(), s.why());
        assertEquals("before the operator's reset", s.history().get(1).note());
    }

    @Test
    void aFullMailboxCountsOnlyOnceItHasBeenFullLongerThanFullAfter() {
        List<Entry> h = new ArrayList<>(List.of(at(0, "soft", "mailboxfull", "4.2.2", "status", "RCPT", "r")));
        assertEquals(0, decide(h, 0).score());
        h.add(at(1, "soft", "mailboxfull", "4.2.2", "status", "RCPT", "r"));
        assertEquals(EvidenceWeights.LONG_FULL, decide(h, 1).look(), "on the look score");
        assertEquals(0, decide(h, 1).score(), "a full mailbox exists: never against the address");
        for (int m = 2; m < 12; m++) h.add(at(m, "soft", "mailboxfull", "4.2.2", "status", "RCPT", "r"));
        var year = decide(h, 11);
        assertFalse(year.verdict().suppresses(), "a year full: the mailbox exists; " + year.why());
        assertEquals(0, year.score());
        assertTrue(year.why().contains("only evidence that the mailbox exists"), year.why());
    }

    @Test
    void aTransientSoftBounceSaysNothingAboutTheAddress() {
        var s = decide(List.of(at(0, "soft", "systemerror", "4.3.0", "status", "UNKNOWN", "r"),
                at(1, "soft", "expired", "4.4.7", "status", "UNKNOWN", "r")), 1);
        assertEquals(EvidencePolicy.Verdict.CLEAN, s.verdict());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"5.1.1", "5.1.2", "5.1.3", "5.1.6", "5.1.10"})
    void everyAddressingCodeInStatusIsDefinitive(String status) {
        assertEquals(EvidencePolicy.Verdict.SUPPRESS_DEFINITIVE, decide(List.of(at(0, "hard", "userunknown", status, "status", "UNKNOWN", "r")), 0).verdict());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"5.0.0", "5.1.0", "5.1.4", "5.2.1", "5.5.0", "4.1.1"})
    void otherCodesAreNotDefinitiveEvenAtRcpt(String status) {
        assertFalse(decide(List.of(at(0, "hard", "userunknown", status, "status", "RCPT", "r")), 0).verdict().suppresses());
    }
}
