package org.listguard.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.events.Journaled;
import org.listguard.events.RunRecord;
import org.listguard.reply.Action;
import org.listguard.reply.Stage;

class JournalTest {
    @TempDir
    Path dir;

    final JournalFixtures.MutableClock clock = new JournalFixtures.MutableClock(Instant.parse("2026-11-01T09:00:00.123Z"));
    Journal journal;
    String url;

    @BeforeEach
    void open() {
        url = JournalFixtures.sqliteUrl(dir);
        journal = Journal.open(url, clock);
    }

    @AfterEach
    void close() {
        journal.close();
    }

    @Test
    void migrationsCreateTheSchemaAndTheDirectory() throws Exception {
        assertTrue(Files.isRegularFile(dir.resolve("data/journal.db")));
        Set<String> tables = new TreeSet<>();
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
            while (rs.next()) tables.add(rs.getString(1));
        }
        assertTrue(tables.containsAll(List.of("runs", "recipients", "events", "suppressions")), tables.toString());
    }

    @Test
    void sqliteRunsInWalModeWithForeignKeys() throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
            rs.next();
            assertEquals("wal", rs.getString(1));
        }
        Run run = journal.runs().create("monthly", null, false);
        // a recipient of a run that does not exist violates the foreign key
        assertThrowsJournal(() -> journal.recipients().add(run.id() + "-nope", JournalFixtures.members(1)));
    }

    @Test
    void reopeningAMigratedJournalKeepsItsRuns() {
        Run run = journal.runs().create("monthly", "{\"verdict\":\"go\"}", true);
        journal.close();
        journal = Journal.open(url, clock);
        Run again = journal.runs().get(run.id()).orElseThrow();
        assertEquals("20261101-090000-monthly", again.id());
        assertTrue(again.forced());
        assertEquals("{\"verdict\":\"go\"}", again.audit());
        assertEquals(Instant.parse("2026-11-01T09:00:00.123Z"), again.startedAt());
    }

    @Test
    void secondRunInTheSameSecondGetsASuffix() {
        journal.runs().create("monthly", null, false);
        assertEquals("20261101-090000-monthly-2", journal.runs().create("monthly", null, false).id());
    }

    @Test
    void outcomeRoundTripsWithMillisecondUtcTimestamps() {
        Run run = journal.runs().create("monthly", null, false);
        journal.recipients().add(run.id(), JournalFixtures.members(2));
        clock.advance(Duration.ofMillis(4_321));
        assertTrue(journal.recipients().markSending(run.id(), 1, "<m1@example.org>"));
        clock.advance(Duration.ofMillis(7));
        String text = "554 5.7.1 Service unavailable; Client host [198.51.100.25] blocked using zen.spamhaus.org";
        journal.recipients().recordOutcome(run.id(), 1, new Outcome(RecipientStatus.REJECTED, 554, "5.7.1", text, Stage.RCPT, "isp",
                null, null, Action.REPUTATION, "blocked", null));

        RecipientRow row = journal.recipients().get(run.id(), 1).orElseThrow();
        assertEquals(RecipientStatus.REJECTED, row.status());
        assertEquals(554, row.replyCode());
        assertEquals("5.7.1", row.enhancedCode());
        assertEquals(text, row.replyText());
        assertEquals("rcpt", row.stage());
        assertEquals("isp", row.relay());
        assertEquals("<m1@example.org>", row.messageId());
        assertEquals("reputation", row.action());
        assertEquals("blocked", row.reason());
        assertEquals(1, row.attempts());
        assertEquals(Instant.parse("2026-11-01T09:00:04.451Z"), row.updatedAt());
        assertEquals("member1@example.net", row.emailKey());
        assertEquals("member1@Example.NET", row.email());
    }

    @Test
    void timestampsAreStoredAsIsoUtcWithThreeFractionDigits() throws Exception {
        clock.advance(Duration.ofMillis(-123));
        Run run = journal.runs().create("monthly", null, false);
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT started_at FROM runs WHERE id = '" + run.id() + "'")) {
            rs.next();
            assertEquals("2026-11-01T09:00:00.000Z", rs.getString(1));
        }
    }

    @Test
    void nextBatchReturnsPendingAndDueDeferredInSeqOrder() {
        Run run = journal.runs().create("monthly", null, false);
        journal.recipients().add(run.id(), JournalFixtures.members(5));
        for (long s = 1; s <= 3; s++) journal.recipients().markSending(run.id(), s, null);
        journal.recipients().recordOutcome(run.id(), 1, Outcome.accepted(250, "2.0.0", "250 2.0.0 Ok: queued as ABC", "isp", "ABC", null));
        journal.recipients().recordOutcome(run.id(), 2, deferredUntil(clock.instant().plusSeconds(60)));
        journal.recipients().recordOutcome(run.id(), 3, deferredUntil(clock.instant().plusSeconds(600)));

        assertEquals(List.of(4L, 5L), seqs(journal.recipients().nextBatch(run.id(), 10)));
        clock.advance(Duration.ofSeconds(60));
        assertEquals(List.of(2L, 4L, 5L), seqs(journal.recipients().nextBatch(run.id(), 10)));
        assertEquals(List.of(2L, 4L), seqs(journal.recipients().nextBatch(run.id(), 2)));
    }

    @Test
    void nextBatchCarriesTheListRowForCompose() {
        Run run = journal.runs().create("monthly", null, false);
        journal.recipients().add(run.id(), JournalFixtures.members(1));
        Due due = journal.recipients().nextBatch(run.id(), 1).get(0);
        assertEquals("member1@Example.NET", due.recipient().email());
        assertEquals(2, due.recipient().line());
        assertEquals("M1", due.recipient().fields().get("name"));
    }

    @Test
    void crashRecoveryTurnsSendingIntoUnknownAndNextBatchNeverReturnsThem() {
        Run run = journal.runs().create("monthly", null, false);
        journal.recipients().add(run.id(), JournalFixtures.members(3));
        journal.recipients().markSending(run.id(), 1, null);
        journal.recipients().markSending(run.id(), 2, null);
        journal.recipients().recordOutcome(run.id(), 1, Outcome.accepted(250, null, "250 Ok", "isp", "Q1", null));
        journal.close(); // the process "dies" with seq 2 in flight
        journal = Journal.open(url, clock);

        assertEquals(1, journal.recipients().recoverCrashed(run.id()));
        assertEquals(RecipientStatus.UNKNOWN, journal.recipients().get(run.id(), 2).orElseThrow().status());
        assertEquals(List.of(3L), seqs(journal.recipients().nextBatch(run.id(), 10)));
        assertFalse(journal.recipients().markSending(run.id(), 2, null), "an unknown recipient cannot be claimed for sending");
        assertEquals(1, journal.runs().status(run.id()).orElseThrow().count("unknown"));
    }

    @Test
    void resendUnknownMakesThemPendingAgain() {
        Run run = journal.runs().create("monthly", null, false);
        journal.recipients().add(run.id(), JournalFixtures.members(2));
        journal.recipients().markSending(run.id(), 1, null);
        journal.recipients().recoverCrashed(run.id());

        assertEquals(1, journal.recipients().resendUnknown(run.id()));
        assertEquals(List.of(1L, 2L), seqs(journal.recipients().nextBatch(run.id(), 10)));
        assertTrue(journal.recipients().markSending(run.id(), 1, null));
        assertEquals(2, journal.recipients().get(run.id(), 1).orElseThrow().attempts());
    }

    /** Issue 19: an accepted member whose provider's seed never arrived is unconfirmed until the operator's word. */
    @Test
    void unconfirmedKeepsItsRelayTimeIsNeverPickedUpAndOnlyResendUnconfirmedReleasesIt() {
        Run run = journal.runs().create("monthly", null, false);
        journal.recipients().add(run.id(), JournalFixtures.members(2));
        journal.recipients().markSending(run.id(), 1, null);
        journal.recipients().recordOutcome(run.id(), 1, Outcome.accepted(250, null, "250 Ok", "isp", "Q1", null));
        Instant relayTime = journal.recipients().get(run.id(), 1).orElseThrow().updatedAt();
        clock.advance(java.time.Duration.ofMinutes(5));

        assertFalse(journal.recipients().markUnconfirmed(run.id(), 2, "seed never arrived"), "only an accepted member");
        assertTrue(journal.recipients().markUnconfirmed(run.id(), 1, "unconfirmed: the seed at google never arrived"));
        RecipientRow row = journal.recipients().get(run.id(), 1).orElseThrow();
        assertEquals(RecipientStatus.UNCONFIRMED, row.status());
        assertEquals(relayTime, row.updatedAt(), "its batch in the report does not move");
        assertEquals("unconfirmed: the seed at google never arrived", journal.downstream().blockedReason(run.id(), 1));
        RunStatus st = journal.runs().status(run.id()).orElseThrow();
        assertEquals(List.of(0L, 1L), List.of(st.count("accepted"), st.count("unconfirmed")));
        assertEquals(0, journal.downstream().release(run.id()), "a resume's release of blocked members leaves it alone");
        assertEquals(List.of(2L), seqs(journal.recipients().nextBatch(run.id(), 10)));

        assertEquals(1, journal.recipients().resendUnconfirmed(run.id()));
        assertEquals(List.of(1L, 2L), seqs(journal.recipients().nextBatch(run.id(), 10)));
        assertNull(journal.downstream().blockedReason(run.id(), 1));
    }

    @Test
    void aRecipientAlreadySendingCannotBeClaimedTwice() {
        Run run = journal.runs().create("monthly", null, false);
        journal.recipients().add(run.id(), JournalFixtures.members(1));
        assertTrue(journal.recipients().markSending(run.id(), 1, null));
        assertFalse(journal.recipients().markSending(run.id(), 1, null));
    }

    @Test
    void markSkippedKeepsTheReasonAndOnlyTouchesPendingRows() {
        Run run = journal.runs().create("monthly", null, false);
        journal.recipients().add(run.id(), JournalFixtures.members(2));
        assertTrue(journal.recipients().markSkipped(run.id(), 1, "suppressed: hard bounce"));
        journal.recipients().markSending(run.id(), 2, null);
        assertFalse(journal.recipients().markSkipped(run.id(), 2, "late"));
        RecipientRow row = journal.recipients().get(run.id(), 1).orElseThrow();
        assertEquals(RecipientStatus.SKIPPED, row.status());
        assertEquals("suppressed: hard bounce", row.skipReason());
        assertEquals(List.of(), seqs(journal.recipients().nextBatch(run.id(), 10)));
    }

    @Test
    void findUnfinishedRunFindsRunningOrPausedButNotCompleted() {
        Run a = journal.runs().create("monthly", null, false);
        journal.runs().setState(a.id(), RunState.COMPLETED, null, null);
        assertTrue(journal.runs().findUnfinished("monthly").isEmpty());
        clock.advance(Duration.ofSeconds(1));
        Run b = journal.runs().create("monthly", null, false);
        journal.runs().setState(b.id(), RunState.PAUSED, "reputation: zen.spamhaus.org", "{\"zone\":\"zen\"}");
        Run found = journal.runs().findUnfinished("monthly").orElseThrow();
        assertEquals(b.id(), found.id());
        assertEquals("reputation: zen.spamhaus.org", found.pauseReason());
        assertEquals("{\"zone\":\"zen\"}", found.pauseEvidence());
        assertTrue(journal.runs().findUnfinished("weekly").isEmpty());
        assertTrue(journal.runs().get(a.id()).orElseThrow().finishedAt() != null);
    }

    @Test
    void resumingClearsThePauseReason() {
        Run run = journal.runs().create("monthly", null, false);
        journal.runs().setState(run.id(), RunState.PAUSED, "throttle", null);
        journal.runs().setState(run.id(), RunState.RUNNING, null, null);
        assertEquals(null, journal.runs().get(run.id()).orElseThrow().pauseReason());
    }

    @Test
    void eventsKeepTheirOrder() {
        Run run = journal.runs().create("monthly", null, false);
        journal.runEvents().append(run.id(), new RunRecord.Planned(4, 3));
        journal.runEvents().append(run.id(), new RunRecord.Batch(1, 3));
        List<Journaled> events = journal.runEvents().list(run.id());
        assertEquals(List.of(new RunRecord.Planned(4, 3), new RunRecord.Batch(1, 3)), events.stream().map(Journaled::record).toList());
        assertEquals(List.of(1L, 2L), events.stream().map(Journaled::seq).toList());
    }

    @Test
    void eventsAreStoredWithTheirSchemaVersionAndOldOrForeignRowsStillRead() throws Exception {
        Run run = journal.runs().create("monthly", null, false);
        journal.runEvents().append(run.id(), new RunRecord.Interrupted("SIGINT"));
        assertEquals("{\"v\":1,\"signal\":\"SIGINT\"}", journal.runEvents().raw(run.id()).get(0).detail());
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) { // rows as older and newer versions left them
            st.executeUpdate("INSERT INTO events (run_id, seq, at, kind, detail) VALUES ('" + run.id() + "', 2, '2026-11-01T09:00:00.000Z', "
                    + "'slow_down', '{\n  \"rate_factor\" : 0.5,\n  \"reason\" : \"421 slow\",\n  \"evidence\" : { }\n}')");
            st.executeUpdate("INSERT INTO events (run_id, seq, at, kind, detail) VALUES ('" + run.id() + "', 3, '2026-11-01T09:00:01.000Z', "
                    + "'batch', '{\"v\":2,\"batch\":3}')");
            st.executeUpdate("INSERT INTO events (run_id, seq, at, kind, detail) VALUES ('" + run.id() + "', 4, '2026-11-01T09:00:02.000Z', "
                    + "'pause', NULL)");
        }
        List<RunRecord> read = journal.runEvents().list(run.id()).stream().map(Journaled::record).toList();
        assertEquals(List.of(new RunRecord.Interrupted("SIGINT"), new RunRecord.SlowDown("421 slow", 0.5, null),
                new RunRecord.Unreadable("batch", "{\"v\":2,\"batch\":3}"), new RunRecord.Unreadable("pause", null)), read);
    }

    @Test
    void statusCountsPendingPlusSendingAsPendingAndEveryAction() {
        Run run = journal.runs().create("monthly", null, false);
        journal.recipients().add(run.id(), JournalFixtures.members(4));
        journal.recipients().markSending(run.id(), 1, null);
        journal.recipients().recordOutcome(run.id(), 1, Outcome.accepted(250, null, "250 Ok", "isp", "Q1", null));
        journal.recipients().markSending(run.id(), 2, null);
        RunStatus s = journal.runs().status(run.id()).orElseThrow();
        assertEquals(4, s.total());
        assertEquals(1, s.count("accepted"));
        assertEquals(3, s.count("pending"));
        assertEquals(List.of("accepted", "deferred", "rejected", "skipped", "unknown", "blocked", "unconfirmed", "pending"), new ArrayList<>(s.counts().keySet()));
        assertEquals(1L, s.actions().get("none"));
        assertEquals(0L, s.actions().get("reputation"));
    }

    @Test
    void lockHeldByOneJournalRefusesASecond() {
        try (Journal other = Journal.open(url, clock)) {
            LockResult first = journal.runs().lock("monthly");
            assertInstanceOf(LockResult.Acquired.class, first);
            LockResult second = other.runs().lock("monthly");
            LockResult.Held held = assertInstanceOf(LockResult.Held.class, second);
            assertTrue(held.holder().contains("pid " + ProcessHandle.current().pid()), held.holder());
            assertInstanceOf(LockResult.Acquired.class, other.runs().lock("weekly"));
            ((LockResult.Acquired) first).close();
            LockResult third = other.runs().lock("monthly");
            assertInstanceOf(LockResult.Acquired.class, third);
            ((LockResult.Acquired) third).close();
        }
    }

    @Test
    void lockIsRefusedWhenTheFileIsLockedOutsideTheTable() throws Exception {
        Path lockFile = FileCampaignLock.lockFile(dir.resolve("data/journal.db"), "monthly");
        try (var ch = java.nio.channels.FileChannel.open(lockFile, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.WRITE); var lock = ch.lock()) {
            assertInstanceOf(LockResult.Held.class, journal.runs().lock("monthly"));
        }
    }

    private static Outcome deferredUntil(Instant at) {
        return new Outcome(RecipientStatus.DEFERRED, 451, "4.7.1", "451 4.7.1 Try again later", Stage.RCPT, "isp", null, null,
                Action.SOFT, "systemerror", at);
    }

    private static List<Long> seqs(List<Due> batch) {
        return batch.stream().map(Due::seq).toList();
    }

    private static void assertThrowsJournal(org.junit.jupiter.api.function.Executable e) {
        org.junit.jupiter.api.Assertions.assertThrows(JournalException.class, e);
    }

    @Test
    void runIdsAreSafeForVerpWhateverTheCampaignIsCalled() {
        assertEquals("monthly", Journal.slug("monthly"));
        assertEquals("monthly-news", Journal.slug("Monthly_News"));
        assertEquals("caf-club", Journal.slug("Café Club!"));
        assertEquals("a-very-long-campa", Journal.slug("A very long campaign name indeed"));
        assertEquals("run", Journal.slug("___"));
        org.listguard.compose.VerpToken t = new org.listguard.compose.VerpToken("20261101-090000-" + Journal.slug("A very long campaign name indeed") + "-12", 7);
        String text = org.listguard.testing.TestKeys.returnToken(t.runId(), t.seq());
        assertEquals(new org.listguard.compose.KeyedTokens.Check.Valid(t, false),
                org.listguard.testing.TestKeys.TOKENS.check(text, org.listguard.compose.VerpToken.Purpose.RETURN));
        assertTrue(("bounces+u-" + text).length() <= 64, text);
    }

    @Test
    void theStepFromOneRecipientToTheNextIsOneTransactionThatRecordsAndMarks() {
        Run run = journal.runs().create("monthly", null, false);
        journal.recipients().add(run.id(), JournalFixtures.members(3));
        assertTrue(journal.recipients().recordAndMarkSending(run.id(), 0, null, 1, "<m1@example.org>"));
        Outcome ok = Outcome.accepted(250, "2.0.0", "250 2.0.0 Ok: queued as ABC", "isp", "ABC", "<m1@example.org>");
        assertTrue(journal.recipients().recordAndMarkSending(run.id(), 1, ok, 2, "<m2@example.org>"));
        assertEquals(RecipientStatus.ACCEPTED, journal.recipients().get(run.id(), 1).orElseThrow().status());
        assertEquals(RecipientStatus.SENDING, journal.recipients().get(run.id(), 2).orElseThrow().status());
        // a recipient that is not ours to send is refused, and the previous outcome is still recorded
        journal.recipients().markSkipped(run.id(), 3, "suppressed");
        assertFalse(journal.recipients().recordAndMarkSending(run.id(), 2, ok, 3, "<m3@example.org>"));
        assertEquals(RecipientStatus.ACCEPTED, journal.recipients().get(run.id(), 2).orElseThrow().status());
        assertEquals(RecipientStatus.SKIPPED, journal.recipients().get(run.id(), 3).orElseThrow().status());
    }
}
