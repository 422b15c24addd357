package org.listguard.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.listguard.reply.Action;

/** The bounce-processing journal checks, shared by the SQLite and PostgreSQL tests. */
final class FeedbackJournalChecks {
    private FeedbackJournalChecks() {}

    /** A run of four members, all accepted with Message-IDs {@code <n@example.org>}. */
    static String runOfFour(Journal j) {
        String run = j.createRun("monthly", null, false).id();
        j.addRecipients(run, JournalFixtures.members(4));
        for (long seq = 1; seq <= 4; seq++) {
            j.markSending(run, seq, "<" + seq + "@example.org>");
            j.recordOutcome(run, seq, Outcome.accepted(250, "2.0.0", "250 2.0.0 Ok: queued as Q" + seq, "isp", "Q" + seq, null));
        }
        return run;
    }

    static BounceEntry complaint(String key, String run, long seq) {
        return new BounceEntry(key, run, seq, "member" + seq + "@Example.NET", "arf", Action.COMPLAINT, "feedback", null, 0, null, null, "f");
    }

    static void findsByMessageId(Journal j, String run) {
        assertEquals(3, j.recipientByMessageId("<3@example.org>").orElseThrow().seq());
        assertTrue(j.recipientByMessageId("<nope@example.org>").isEmpty());
    }

    static void recordsOnce(Journal j, String run) {
        assertTrue(j.markFeedbackProcessed("<r1@mx>", "file", "[]"));
        assertFalse(j.markFeedbackProcessed("<r1@mx>", "file", "[]"));
        assertTrue(j.feedbackProcessed("<r1@mx>"));
        assertTrue(j.recordBounce(complaint("<r1@mx>", run, 1)));
        assertFalse(j.recordBounce(complaint("<r1@mx>", run, 1)));
    }

    static void complaintRate(Journal j, String run) {
        j.recordBounce(complaint("<a@fbl>", run, 1));
        j.recordBounce(complaint("<b@fbl>", run, 1)); // the same member complaining twice counts once
        j.recordBounce(complaint("<c@fbl>", run, 2));
        ComplaintRate r = j.complaintRate("monthly").orElseThrow();
        assertEquals(run, r.run());
        assertEquals(2, r.complaints());
        assertEquals(4, r.accepted());
        assertEquals(50.0, r.percent(), 1e-9);
        assertTrue(j.complaintRate("other").isEmpty());
    }

    static void rollsBack(Journal j, String run) {
        long before = j.complaintRate("monthly").orElseThrow().complaints();
        assertThrows(IllegalStateException.class, () -> j.atomically(() -> {
            j.markFeedbackProcessed("<r2@mx>", "file", null);
            j.recordBounce(complaint("<r2@mx>", run, 2));
            throw new IllegalStateException("boom");
        }));
        assertFalse(j.feedbackProcessed("<r2@mx>"));
        assertEquals(before, j.complaintRate("monthly").orElseThrow().complaints());
        assertTrue(j.markFeedbackProcessed("<r3@mx>", "file", null), "the connection is usable (autocommit) afterwards");
    }
}
