package org.listguard.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.listguard.config.BounceScore;

/** A year of monthly runs over a synthetic list with known fates (issue 22; {@link Replay}, scripts/replay-bounces). */
class ReplayTest {
    static Replay.Result year;

    @BeforeAll
    static void replay() {
        year = Replay.run(Corpus.load(), BounceScore.DEFAULT, 22, 100);
    }

    @Test
    void noMemberRefusedOnlyForTheSendersSakeIsEverSuppressed() {
        assertEquals(0, year.livingSuppressed(Replay.Fate.SENDER_SIDE), Replay.report(year, BounceScore.DEFAULT));
        assertTrue(year.count(Replay.Fate.SENDER_SIDE) > 30);
    }

    @Test
    void noMemberWithoutBouncesIsEverSuppressed() {
        assertEquals(0, year.livingSuppressed(Replay.Fate.FINE));
    }

    @Test
    void aFilteredMemberIsSuppressedOnlyWhenItsReceiverSaysTheAddressIsBadRunAfterRun() {
        for (Replay.Member m : year.members()) {
            if (m.fate() != Replay.Fate.FILTERED || year.suppressedAt().get(m.address()) == 0) continue;
            BounceRecord r = m.report();
            boolean saysAddressIsBad = "userunknown".equals(r.reason()) || EvidenceWeights.userUnknownFiltered(r.rule());
            assertTrue(saysAddressIsBad, m + " suppressed: " + year.why().get(m.address()));
        }
    }

    @Test
    void everyDeadMemberWhoseEvidenceIsNotAPolicyCodeIsSuppressedWithinThreeRuns() {
        long vetoed = year.members().stream().filter(m -> m.fate() == Replay.Fate.DEAD)
                .filter(m -> m.report().status() != null && m.report().status().substring(2).startsWith("7.")).count();
        assertTrue(vetoed <= 1, "X.7 codes never count against a member; " + vetoed + " dead members carry one");
        assertEquals(year.dead() - vetoed, year.deadWithin(3), Replay.report(year, BounceScore.DEFAULT));
        assertTrue(year.deadWithin(1) < year.deadWithin(2), "the ambiguous ones wait for a second run");
    }
}
