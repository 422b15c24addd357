package org.listguard.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.listguard.config.BounceScore;
import org.listguard.reply.Action;

/** A year of monthly runs over a synthetic list with known fates (issue 22; {@link Replay}, scripts/replay-bounces). */
class ReplayTest {
    static Replay.Result year;

    @BeforeAll
    static void replay() {
        year = Replay.run(Corpus.load(), BounceScore.DEFAULT, 22, 100);
    }

    private static String report() {
        return Replay.report(year, BounceScore.DEFAULT);
    }

    private static EvidenceWeights.Grade grade(Replay.Member m) {
        var e = MemberBounces.entry("k", m.file(), m.report(), "run", 1, m.address(), Instant.EPOCH, null);
        return EvidenceWeights.weigh(e, List.of(e), BounceScore.DEFAULT).grade();
    }

    @Test
    void noMemberRefusedOnlyForTheSendersSakeIsEverSuppressed() {
        assertEquals(0, year.livingSuppressed(Replay.Fate.SENDER_SIDE), report());
        assertTrue(year.count(Replay.Fate.SENDER_SIDE) > 30);
    }

    @Test
    void noMemberWithoutBouncesIsEverSuppressed() {
        assertEquals(0, year.livingSuppressed(Replay.Fate.FINE), report());
    }

    /** Issue 22's rule: filtered-only evidence never suppresses, however many runs; past the threshold the operator is told. */
    @Test
    void evidenceThatTheMailboxExistsNeverSuppressesAndAsksForALookInstead() {
        int exists = 0;
        for (Replay.Member m : year.members()) {
            if (m.report() == null || (grade(m) != EvidenceWeights.Grade.EXISTS && grade(m) != EvidenceWeights.Grade.UNPROVEN)) continue;
            exists++;
            assertEquals(0, year.suppressedAt().get(m.address()), m + " suppressed: " + year.why().get(m.address()));
        }
        assertTrue(exists > 0, "the year has members refused by their own filter every run");
        assertTrue(year.flagged(Replay.Fate.FILTERED) > 0, "a filter refusing run after run is shown for a look\n" + report());
    }

    /**
     * A living member is suppressed only where the classifier reads its receiver's message as an
     * address refusal (hard) against the corpus label: the disagreements with the label kept on
     * purpose (README, "bounce score"), never on filtered, full or sender-side evidence.
     */
    @Test
    void aLivingMemberIsSuppressedOnlyWhereTheMessageItselfSaysTheAddressIsBad() {
        for (Replay.Member m : year.members()) {
            if (!m.fate().living() || year.suppressedAt().get(m.address()) == 0) continue;
            assertEquals(Action.HARD, m.report().action(), m + " suppressed: " + year.why().get(m.address()));
            assertTrue(grade(m).againstAddress(), m + " suppressed: " + year.why().get(m.address()));
        }
    }

    @Test
    void everyDeadMemberIsSuppressedWithinThreeRuns() {
        assertEquals(year.dead(), year.deadWithin(3), report());
        assertTrue(year.deadWithin(1) < year.deadWithin(2), "the ambiguous ones wait for a second run");
    }
}
