package org.listguard.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.events.RunRecord;
import org.listguard.guard.Evidence;
import org.listguard.journal.Journal;
import org.listguard.journal.JournalFixtures;
import org.listguard.journal.Run;

/** The batch chart's markers come from the records production journals, typed, and from the run's own pause. */
class RunFactsMarkersTest {
    @TempDir
    Path dir;

    @Test
    void everyCourseChangeTheSendPathJournalsIsMarkedAndNothingElse() {
        JournalFixtures.MutableClock clock = new JournalFixtures.MutableClock(Instant.parse("2026-11-01T09:00:00Z"));
        try (Journal j = Journal.open(JournalFixtures.sqliteUrl(dir), clock)) {
            Run run = j.runs().create("monthly", null, false);
            Evidence e = new Evidence(clock.instant(), "seed", "isp", "seeds.example", 250, null, "250 ok", "seed");
            List<RunRecord> course = List.of(new RunRecord.Planned(3, 3), new RunRecord.Batch(1, 3),
                    new RunRecord.SlowDown("isp asked to slow down", 0.5, null), new RunRecord.RateRecovered(0.75),
                    new RunRecord.ProviderSuspended("gmail", "refuses", List.of(), false), new RunRecord.CanarySent("gmail", 2, "gmail.com"),
                    new RunRecord.ProviderResumed("gmail", 1), new RunRecord.Failover("isp", "backup", "listed", "go", List.of()),
                    new RunRecord.SeedOverdue("silent discard suspected", List.of(e)), new RunRecord.Resumed("go", false, "paused"),
                    new RunRecord.Interrupted("SIGTERM"));
            for (RunRecord r : course) {
                j.runEvents().append(run.id(), r);
                clock.advance(Duration.ofSeconds(1));
            }
            List<String> kinds = RunFacts.of(RunData.of(j, j.runs().get(run.id()).orElseThrow(), List.of())).markers().stream()
                    .map(RunFacts.Marker::kind).toList();
            assertEquals(List.of("slow_down", "provider_suspended", "provider_resumed", "failover", "seed_overdue", "resumed", "interrupted"),
                    kinds);
        }
    }

    /**
     * Batch 2 starts in the very millisecond batch 1's last outcome is journaled (a fast relay on
     * loopback): its bar must not take that outcome. The batch records name their members.
     */
    @Test
    void anOutcomeJournaledInTheMillisecondTheNextBatchStartsStaysInItsOwnBatch() {
        JournalFixtures.MutableClock clock = new JournalFixtures.MutableClock(Instant.parse("2026-11-01T09:00:00Z"));
        try (Journal j = Journal.open(JournalFixtures.sqliteUrl(dir), clock)) {
            Run run = j.runs().create("monthly", null, false);
            List<org.listguard.list.Recipient> members = new java.util.ArrayList<>();
            for (int i = 1; i <= 6; i++) members.add(new org.listguard.list.Recipient(i + 1, "m" + i + "@example.net", java.util.Map.of("email", "m" + i + "@example.net")));
            j.recipients().add(run.id(), members.iterator());
            j.runEvents().append(run.id(), new RunRecord.Batch(1, 3, List.of(1L, 2L, 3L)));
            for (long seq = 1; seq <= 3; seq++) {
                clock.advance(Duration.ofMillis(2));
                accept(j, run, seq);
            }
            j.runEvents().append(run.id(), new RunRecord.Batch(2, 3, List.of(4L, 5L, 6L))); // same millisecond as member 3's outcome
            for (long seq = 4; seq <= 6; seq++) {
                clock.advance(Duration.ofMillis(2));
                accept(j, run, seq);
            }
            RunFacts f = RunFacts.of(RunData.of(j, j.runs().get(run.id()).orElseThrow(), List.of()));
            assertEquals(List.of(3L, 3L), f.batches().stream().map(b -> b.tally().accepted()).toList());
        }
    }

    private static void accept(Journal j, Run run, long seq) {
        j.recipients().markSending(run.id(), seq, "<" + seq + "@example.org>");
        j.recipients().recordOutcome(run.id(), seq, org.listguard.journal.Outcome.accepted(250, "2.0.0", "250 2.0.0 Ok", "isp", "Q" + seq, null));
    }

    /** A silent discard is decided when the seed is overdue, not when the relay accepted it (the evidence's time). */
    @Test
    void aSilentDiscardsPauseIsMarkedWhenTheSeedWasOverdue() {
        JournalFixtures.MutableClock clock = new JournalFixtures.MutableClock(Instant.parse("2026-11-01T09:00:00Z"));
        try (Journal j = Journal.open(JournalFixtures.sqliteUrl(dir), clock)) {
            Run run = j.runs().create("monthly", null, false);
            Instant accepted = clock.instant();
            Evidence seed = new Evidence(accepted, "seed", "isp", "example.com", 250, null, "seed accepted, not arrived", "seed",
                    "seed-2@example.com", "<s@example.org>", "Q1");
            j.runEvents().append(run.id(), new RunRecord.Batch(1, 3));
            clock.advance(Duration.ofMinutes(5));
            String reason = "silent discard suspected: seed(s) seed-2@example.com accepted by relay isp did not arrive";
            j.runEvents().append(run.id(), new RunRecord.SeedOverdue(reason, List.of(seed)));
            Instant overdue = clock.instant();
            clock.advance(Duration.ofSeconds(3));
            j.runs().setState(run.id(), org.listguard.journal.RunState.PAUSED, reason, org.listguard.events.EvidenceJson.text(List.of(seed)));
            RunFacts f = RunFacts.of(RunData.of(j, j.runs().get(run.id()).orElseThrow(), List.of()));
            RunFacts.Marker pause = f.markers().stream().filter(m -> m.kind().equals("pause")).findFirst().orElseThrow();
            assertEquals(overdue, pause.at(), "the pause is when the seed was overdue, not when the relay accepted it (" + accepted + ")");
        }
    }
}
