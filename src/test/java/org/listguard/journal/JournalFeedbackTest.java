package org.listguard.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.reply.Action;

/** The journal's bounce-processing methods (schema V2). */
class JournalFeedbackTest {
    @TempDir
    Path dir;

    final JournalFixtures.MutableClock clock = new JournalFixtures.MutableClock(Instant.parse("2026-11-01T09:00:00Z"));
    Journal j;
    String run;

    @BeforeEach
    void open() {
        j = Journal.open(JournalFixtures.sqliteUrl(dir), clock);
        run = FeedbackJournalChecks.runOfFour(j);
    }

    @AfterEach
    void close() {
        j.close();
    }

    @Test
    void aRecipientIsFoundByTheMessageIdItWasSentWith() {
        FeedbackJournalChecks.findsByMessageId(j, run);
    }

    @Test
    void theSameReportIsRecordedOnce() {
        FeedbackJournalChecks.recordsOnce(j, run);
    }

    @Test
    void theComplaintRateCountsDistinctComplainersOverAccepted() {
        FeedbackJournalChecks.complaintRate(j, run);
    }

    @Test
    void aFailureInsideAtomicallyRollsEverythingBack() {
        FeedbackJournalChecks.rollsBack(j, run);
    }

    @Test
    void aReputationReportCannotBeKeptAgainstAMember() {
        assertThrows(IllegalArgumentException.class, () -> new BounceEntry("<k>", run, 1, "a@b", "dsn", Action.REPUTATION, "blocked",
                null, 0, null, null, "f"));
    }

    @Test
    void aLaterActionKeepsTheRelaysAcceptedReply() {
        assertTrue(j.feedback().recordLaterAction(run, 1, Action.HARD, "userunknown"));
        RecipientRow r = j.recipient(run, 1).orElseThrow();
        assertEquals("hard", r.action());
        assertEquals(RecipientStatus.ACCEPTED, r.status());
        assertEquals("250 2.0.0 Ok: queued as Q1", r.replyText());
        assertFalse(j.feedback().recordLaterAction(run, 99, Action.HARD, "userunknown"));
    }
}
