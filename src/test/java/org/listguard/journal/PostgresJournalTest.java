package org.listguard.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.listguard.events.Journaled;
import org.listguard.events.RunRecord;
import org.listguard.reply.Action;
import org.listguard.reply.Stage;

/**
 * The same journal code on PostgreSQL. Skipped unless {@code LISTGUARD_TEST_PG_URL} names a
 * server, e.g. {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}; each test works in a
 * schema of its own, dropped afterwards.
 */
class PostgresJournalTest {
    final JournalFixtures.MutableClock clock = new JournalFixtures.MutableClock(Instant.parse("2026-11-01T09:00:00.123Z"));
    org.listguard.testing.PgSchema schema;
    String url;
    Journal journal;

    @BeforeEach
    void open() throws Exception {
        schema = org.listguard.testing.PgSchema.create();
        url = schema.url();
        journal = Journal.open(url, clock);
    }

    @AfterEach
    void drop() throws Exception {
        if (journal != null) journal.close();
        if (schema != null) schema.close();
    }

    @Test
    void outcomesRoundTripAndCrashRecoveryWorkOnPostgres() {
        Run run = journal.runs().create("monthly", "{\"verdict\":\"go\"}", false);
        assertEquals(3, journal.recipients().add(run.id(), JournalFixtures.members(3)));
        assertTrue(journal.recipients().markSending(run.id(), 1, "<1@x>"));
        journal.recipients().recordOutcome(run.id(), 1, new Outcome(RecipientStatus.REJECTED, 550, "5.1.1", "550 5.1.1 no such user",
                Stage.RCPT, "isp", null, null, Action.HARD, "userunknown", null));
        journal.recipients().markSending(run.id(), 2, null);
        assertEquals(1, journal.recipients().recoverCrashed(run.id()));
        assertEquals(List.of(3L), journal.recipients().nextBatch(run.id(), 10).stream().map(Due::seq).toList());
        RecipientRow r = journal.recipients().get(run.id(), 1).orElseThrow();
        assertEquals("550 5.1.1 no such user", r.replyText());
        assertEquals(Instant.parse("2026-11-01T09:00:00.123Z"), r.updatedAt());
        RunStatus s = journal.runs().status(run.id()).orElseThrow();
        assertEquals(1, s.count("rejected"));
        assertEquals(1, s.count("unknown"));
        assertEquals(1, s.count("pending"));
        journal.runEvents().append(run.id(), new RunRecord.Batch(1, 3));
        journal.runEvents().append(run.id(), new RunRecord.Interrupted("SIGTERM"));
        assertEquals(List.of(new RunRecord.Batch(1, 3), new RunRecord.Interrupted("SIGTERM")),
                journal.runEvents().list(run.id()).stream().map(Journaled::record).toList());
        StringBuilder seen = new StringBuilder();
        journal.recipients().each(run.id(), row -> seen.append(row.seq()));
        assertEquals("123", seen.toString());
    }

    @Test
    void downstreamTablesWorkOnPostgres() {
        String run = FeedbackJournalChecks.runOfFour(journal);
        DownstreamJournalChecks.blockHoldRelease(journal, run);
        DownstreamJournalChecks.blocksAndEgress(journal, run, clock.instant());
    }

    @Test
    void aLateReportAboutTheFirstMessageKeepsItsOwnMessageOnPostgres() {
        RunHistoryTest.lateReports(journal, clock);
    }

    @Test
    void bounceProcessingQueriesWorkOnPostgres() {
        String run = FeedbackJournalChecks.runOfFour(journal);
        FeedbackJournalChecks.findsByMessageId(journal, run);
        FeedbackJournalChecks.recordsOnce(journal, run);
        FeedbackJournalChecks.rollsBack(journal, run);
    }

    @Test
    void theComplaintRateWorksOnPostgres() {
        FeedbackJournalChecks.complaintRate(journal, FeedbackJournalChecks.runOfFour(journal));
    }

    @Test
    void advisoryLockRefusesASecondSession() {
        try (Journal other = Journal.open(url, clock)) {
            LockResult first = journal.runs().lock("monthly");
            assertInstanceOf(LockResult.Acquired.class, first);
            LockResult.Held held = assertInstanceOf(LockResult.Held.class, other.runs().lock("monthly"));
            assertTrue(held.holder().contains("PostgreSQL backend pid"), held.holder());
            ((LockResult.Acquired) first).close();
            assertInstanceOf(LockResult.Acquired.class, other.runs().lock("monthly"));
        }
    }

    @Test
    void suppressionUpsertWorksOnPostgres() {
        journal.suppressions().add("a@Example.net", "userunknown", Action.HARD, null, null);
        journal.suppressions().add("a@example.NET", "feedback", Action.COMPLAINT, null, null);
        assertTrue(journal.suppressions().isSuppressed("a@example.net"));
        assertEquals(1, journal.suppressions().list().size());
        Run run = journal.runs().create("monthly", null, false);
        journal.recipients().add(run.id(), java.util.List.of(new org.listguard.list.Recipient(2, "a@EXAMPLE.net", java.util.Map.of())).iterator());
        assertEquals(1, journal.recipients().skipSuppressed(run.id()));
        assertEquals("suppressed: complaint: feedback", journal.recipients().get(run.id(), 1).orElseThrow().skipReason());
        assertTrue(journal.suppressions().remove("a@example.net"));
        assertFalse(journal.suppressions().isSuppressed("a@example.net"));
    }

    @Test
    void unsubscribesAndUnverifiedReportsWorkOnPostgres() {
        Run run = journal.runs().create("monthly", null, false);
        journal.recipients().add(run.id(), JournalFixtures.members(2));
        String email = journal.recipients().get(run.id(), 1).orElseThrow().email();
        assertTrue(journal.unsubscribes().record(run.id(), 1, email, Unsubscribes.Channel.ONE_CLICK, "192.0.2.7"));
        assertFalse(journal.unsubscribes().record(run.id(), 1, email, Unsubscribes.Channel.MAILTO, null), "once per recipient");
        journal.suppressions().add(email, "unsubscribe", Action.UNSUBSCRIBE, null, run.id());
        assertEquals(Action.UNSUBSCRIBE, journal.suppressions().find(email).orElseThrow().action());
        UnverifiedReports.Entry e = new UnverifiedReports.Entry("k1", 0, "new/1", "dsn", "hard", "x@example.net", run.id(), 1L, "forged", "{}");
        assertTrue(journal.unverifiedReports().add(e));
        assertFalse(journal.unverifiedReports().add(e));
        assertEquals(List.of(e), journal.unverifiedReports().list());
    }
}
