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

    @Test
    void userUnknownInAFiltersRefusalSuppressesAfterThreeRuns() {
        List<Entry> h = new ArrayList<>();
        for (int m = 0; m < 3; m++) {
            h.add(at(m, "content", "filtered", null, null, "DATA_END", "user-unknown+after-data"));
            assertEquals(m == 2, decide(h, m).verdict().suppresses(), "month " + m + ": " + decide(h, m).why());
        }
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
        assertEquals(EvidenceWeights.LONG_FULL, decide(h, 1).score());
        assertFalse(decide(h, 1).verdict().suppresses());
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
