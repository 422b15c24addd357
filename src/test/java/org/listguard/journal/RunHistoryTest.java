package org.listguard.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.reply.Stage;
import org.listguard.reply.Action;

/** {@code runs} lists every run with exactly the counts {@code status} gives it, from one query for the whole page (issue 19). */
class RunHistoryTest {
    @TempDir
    Path dir;

    @Test
    void eachListedRunCarriesStatussCountsKeyForKey() {
        JournalFixtures.MutableClock clock = new JournalFixtures.MutableClock(Instant.parse("2026-12-01T09:00:00Z"));
        try (Journal j = Journal.open(JournalFixtures.sqliteUrl(dir), clock)) {
            for (int r = 0; r < 3; r++) {
                Run run = j.runs().create(r == 1 ? "weekly" : "monthly", null, false);
                j.recipients().add(run.id(), JournalFixtures.members(6 + r));
                j.recipients().markSending(run.id(), 1, "<1@example.org>");
                j.recipients().recordOutcome(run.id(), 1, Outcome.accepted(250, "2.0.0", "250 ok", "isp", "Q1", null));
                j.recipients().markSending(run.id(), 2, "<2@example.org>");
                j.recipients().recordOutcome(run.id(), 2, new Outcome(RecipientStatus.REJECTED, 554, "5.7.1", "554 no", Stage.RCPT, "isp",
                        null, null, Action.REPUTATION, "blocked", null));
                j.recipients().markSending(run.id(), 3, "<3@example.org>"); // sending: counted pending
                if (r > 0) j.recipients().markFailed(run.id(), 4, "could not sign"); // failed: present only where there is one
                clock.advance(Duration.ofMinutes(1));
            }
            List<RunHistory.Summary> all = j.history().runs(Optional.empty(), 10);
            assertEquals(3, all.size());
            for (RunHistory.Summary s : all) assertEquals(j.runs().status(s.run().id()).orElseThrow(), s.status(), s.run().id());
            assertEquals(List.of(1L, 1L, 0L), all.stream().map(s -> s.status().count("failed")).toList(), "newest first");
            assertEquals(1L, all.get(0).status().actions().get("reputation"));
            assertEquals(2, j.history().runs(Optional.of("monthly"), 10).size());
            assertEquals(1, j.history().runs(Optional.empty(), 1).size());
        }
    }

    @Test
    void aPageLongerThanOneStatementsParametersIsCountedWhole() {
        JournalFixtures.MutableClock clock = new JournalFixtures.MutableClock(Instant.parse("2026-12-01T09:00:00Z"));
        try (Journal j = Journal.open(JournalFixtures.sqliteUrl(dir), clock)) {
            for (int r = 0; r < 520; r++) {
                Run run = j.runs().create("monthly", null, false);
                j.recipients().add(run.id(), JournalFixtures.members(1 + r % 3));
                clock.advance(Duration.ofSeconds(1));
            }
            List<RunHistory.Summary> all = j.history().runs(Optional.empty(), 1000);
            assertEquals(520, all.size());
            for (RunHistory.Summary s : all) assertEquals(j.runs().status(s.run().id()).orElseThrow(), s.status(), s.run().id());
        }
    }

    /** A DSN's "accepted by relay" is when the relay took the message it is about, not the member's re-send after the resume. */
    @Test
    void aDsnKeepsTheAcceptanceOfItsMessageAfterTheMemberIsSentAgain() {
        JournalFixtures.MutableClock clock = new JournalFixtures.MutableClock(Instant.parse("2026-12-01T09:00:00Z"));
        try (Journal j = Journal.open(JournalFixtures.sqliteUrl(dir), clock)) {
            Run run = j.runs().create("monthly", null, false);
            j.recipients().add(run.id(), JournalFixtures.members(1));
            j.recipients().markSending(run.id(), 1, "<first@example.org>");
            Instant accepted = clock.instant();
            j.recipients().recordOutcome(run.id(), 1, Outcome.accepted(250, "2.0.0", "250 ok", "isp", "Q1", "<first@example.org>"));
            clock.advance(Duration.ofSeconds(30));
            Instant refused = clock.instant();
            assertEquals(true, j.downstream().block(new DownstreamEntry("dsn-1", run.id(), 1, Action.REPUTATION, "badreputation", "5.7.1", 554,
                    "554 5.7.1 poor reputation", "smtp.isp.example", "mx.example.net", null, null, "maildir")));
            clock.advance(Duration.ofMinutes(10));
            assertEquals(1, j.downstream().release(run.id()), "the resume sends the member again");
            j.recipients().markSending(run.id(), 1, "<second@example.org>");
            j.recipients().recordOutcome(run.id(), 1, Outcome.accepted(250, "2.0.0", "250 ok", "isp", "Q2", "<second@example.org>"));

            RunHistory.Dsn dsn = j.history().dsns(run.id()).get(0);
            assertEquals(refused, dsn.at());
            assertEquals(accepted, dsn.sentAt(), "the first message's acceptance, not the re-send's");
        }
    }

    /**
     * A report that arrives after the re-send but is about the first message (it quotes the first
     * Message-ID) quotes neither the re-send's Message-ID nor its acceptance time (schema 13); one
     * about the re-send quotes the re-send's; one quoting nothing keeps the row's, as before.
     */
    @Test
    void aLateReportAboutTheFirstMessageIsNotDatedByTheReSend() {
        JournalFixtures.MutableClock clock = new JournalFixtures.MutableClock(Instant.parse("2026-12-01T09:00:00Z"));
        try (Journal j = Journal.open(JournalFixtures.sqliteUrl(dir), clock)) {
            lateReports(j, clock);
        }
    }

    /** The scenario above on any journal (PostgresJournalTest runs it on PostgreSQL). */
    static void lateReports(Journal j, JournalFixtures.MutableClock clock) {
        {
            Run run = j.runs().create("monthly", null, false);
            j.recipients().add(run.id(), JournalFixtures.members(2));
            for (long seq = 1; seq <= 2; seq++) {
                j.recipients().markSending(run.id(), seq, "<first-" + seq + "@example.org>");
                j.recipients().recordOutcome(run.id(), seq, Outcome.accepted(250, "2.0.0", "250 ok", "isp", "Q1", "<first-" + seq + "@example.org>"));
            }
            clock.advance(Duration.ofSeconds(30));
            assertEquals(true, j.downstream().block(new DownstreamEntry("dsn-1", run.id(), 1, Action.REPUTATION, "badreputation", "5.7.1", 554,
                    "554 5.7.1 poor reputation", "smtp.isp.example", "mx.example.net", null, null, "maildir", "<first-1@example.org>")));
            clock.advance(Duration.ofMinutes(10));
            assertEquals(1, j.downstream().release(run.id()));
            j.recipients().markSending(run.id(), 1, "<second-1@example.org>");
            Instant resent = clock.instant();
            j.recipients().recordOutcome(run.id(), 1, Outcome.accepted(250, "2.0.0", "250 ok", "isp", "Q2", "<second-1@example.org>"));
            clock.advance(Duration.ofHours(2));
            // a second receiver's late DSN about the first message; one about the re-send; one quoting nothing (member 2)
            assertEquals(true, j.feedback().recordBounce(new BounceEntry("late-1", run.id(), 1, "member1@example.net", "dsn", Action.SOFT,
                    "expired", "4.4.7", 0, "delivery time expired", "mx2.example.net", "maildir").about("<first-1@example.org>")));
            assertEquals(true, j.feedback().recordBounce(new BounceEntry("late-2", run.id(), 1, "member1@example.net", "dsn", Action.SOFT,
                    "mailboxfull", "4.2.2", 452, "452 mailbox full", "mx.example.net", "maildir").about("<second-1@example.org>")));
            Instant first2 = resent.minus(Duration.ofMinutes(10)).minus(Duration.ofSeconds(30));
            assertEquals(true, j.feedback().recordBounce(new BounceEntry("late-3", run.id(), 2, "member2@example.net", "text", Action.SOFT,
                    "mailboxfull", null, 452, "452 mailbox full", "mx.example.net", "maildir").about("not a message id")));

            List<RunHistory.Dsn> dsns = j.history().dsns(run.id());
            RunHistory.Dsn aboutFirst = dsns.stream().filter(d -> "expired".equals(d.reason())).findFirst().orElseThrow();
            assertEquals(null, aboutFirst.sentAt(), "not the re-send's acceptance");
            assertEquals("<first-1@example.org>", aboutFirst.messageId());
            RunHistory.Dsn aboutSecond = dsns.stream().filter(d -> d.seq() == 1 && "mailboxfull".equals(d.reason())).findFirst().orElseThrow();
            assertEquals(resent, aboutSecond.sentAt());
            assertEquals("<second-1@example.org>", aboutSecond.messageId());
            RunHistory.Dsn quotesNothing = dsns.stream().filter(d -> d.seq() == 2).findFirst().orElseThrow();
            assertEquals(first2, quotesNothing.sentAt());
            assertEquals("<first-2@example.org>", quotesNothing.messageId());
            RunHistory.Dsn verdict = dsns.stream().filter(d -> "badreputation".equals(d.reason())).findFirst().orElseThrow();
            assertEquals(first2, verdict.sentAt(), "journaled before the re-send: the first acceptance");
            assertEquals("<first-1@example.org>", verdict.messageId(), "the message it refused, not the re-send");
        }
    }
}
