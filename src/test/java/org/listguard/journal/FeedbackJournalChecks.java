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
        String run = j.runs().create("monthly", null, false).id();
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
        assertTrue(j.feedback().markProcessed("<r1@mx>", "file", "[]"));
        assertFalse(j.feedback().markProcessed("<r1@mx>", "file", "[]"));
        assertTrue(j.feedback().processed("<r1@mx>"));
        assertTrue(j.feedback().recordBounce(complaint("<r1@mx>", run, 1)));
        assertFalse(j.feedback().recordBounce(complaint("<r1@mx>", run, 1)));
    }

    static BounceEntry provenComplaint(String key, String run, long seq) {
        return complaint(key, run, seq).provenBy("feedback-loop", "Yahoo CFL");
    }

    static void complaintRate(Journal j, String run) {
        j.feedback().recordBounce(complaint("<a@fbl>", run, 1));
        j.feedback().recordBounce(complaint("<b@fbl>", run, 1)); // the same member complaining twice counts once
        j.feedback().recordBounce(complaint("<c@fbl>", run, 2));
        ComplaintRate r = j.feedback().complaintRate("monthly", 3).orElseThrow();
        assertEquals(run, r.run());
        assertEquals(2, r.members());
        assertEquals(0, r.complaints(), "two members' own reports are below guard.corroborate=3");
        assertEquals(4, r.accepted());
        assertEquals(0.0, r.percent(), 1e-9);
        assertEquals(2, j.feedback().complaintRate("monthly", 2).orElseThrow().complaints(), "two members corroborate at guard.corroborate=2");
        assertTrue(j.feedback().complaintRate("other", 3).isEmpty());

        j.feedback().recordBounce(provenComplaint("<d@fbl>", run, 3));
        j.feedback().recordBounce(provenComplaint("<e@fbl>", run, 2)); // member 2 also reported by the feedback loop: counted once, as proven
        ComplaintRate p = j.feedback().complaintRate("monthly", 3).orElseThrow();
        assertEquals(2, p.proven());
        assertEquals(1, p.members());
        assertEquals(2, p.complaints());
        assertEquals(50.0, p.percent(), 1e-9);
        assertEquals(3, p.reported());
    }

    static void rollsBack(Journal j, String run) {
        long before = j.feedback().complaintRate("monthly", 1).orElseThrow().reported();
        assertThrows(IllegalStateException.class, () -> j.atomically(() -> {
            j.feedback().markProcessed("<r2@mx>", "file", null);
            j.feedback().recordBounce(complaint("<r2@mx>", run, 2));
            throw new IllegalStateException("boom");
        }));
        assertFalse(j.feedback().processed("<r2@mx>"));
        assertEquals(before, j.feedback().complaintRate("monthly", 1).orElseThrow().reported());
        assertTrue(j.feedback().markProcessed("<r3@mx>", "file", null), "the connection is usable (autocommit) afterwards");
    }
}
