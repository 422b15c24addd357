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
}
