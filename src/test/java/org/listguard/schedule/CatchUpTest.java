package org.listguard.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.config.Campaign;
import org.listguard.journal.Journal;
import org.listguard.journal.JournalFixtures;
import org.listguard.journal.RunState;
import org.listguard.testing.MutableClock;

/** The catch-up rule on a fake clock: the journal says whether a slot was sent. */
class CatchUpTest {
    static final Instant SLOT = Instant.parse("2026-11-01T09:00:00Z");

    @TempDir
    Path dir;

    Campaign monthly(String cron) {
        return new Campaign("monthly", dir.resolve("l.csv"), dir.resolve("t"), null, cron);
    }

    @Test
    void aSlotMissedByLessThanTheGraceIsSentNow() {
        MutableClock clock = new MutableClock(SLOT.plusSeconds(38));
        try (Journal j = Journal.open(JournalFixtures.sqliteUrl(dir), clock)) {
            CatchUp.Decision d = CatchUp.decide(monthly("0 0 9 1 * ?"), ZoneOffset.UTC, clock.instant(), j);
            assertEquals(new CatchUp.Decision.Fire(SLOT), d);
        }
    }

    @Test
    void aSlotMissedByMoreThanTheGraceIsReportedAndNotSent() {
        MutableClock clock = new MutableClock(SLOT.plus(Duration.ofHours(25)));
        try (Journal j = Journal.open(JournalFixtures.sqliteUrl(dir), clock)) {
            CatchUp.Decision d = CatchUp.decide(monthly("0 0 9 1 * ?"), ZoneOffset.UTC, clock.instant(), j);
            CatchUp.Decision.Missed m = assertInstanceOf(CatchUp.Decision.Missed.class, d);
            assertEquals(SLOT, m.slot());
            assertEquals(Duration.ofHours(25), m.late());
        }
    }

    @Test
    void theGraceIsPerCampaign() {
        Campaign strict = new Campaign("monthly", dir, dir, null, "0 0 9 1 * ?", Duration.ofMinutes(30), null, null);
        assertInstanceOf(CatchUp.Decision.Missed.class,
                CatchUp.decide(Optional.of(SLOT), strict.scheduleGrace(), SLOT.plus(Duration.ofMinutes(31)), Optional.empty()));
        assertInstanceOf(CatchUp.Decision.Fire.class,
                CatchUp.decide(Optional.of(SLOT), strict.scheduleGrace(), SLOT.plus(Duration.ofMinutes(29)), Optional.empty()));
    }

    @Test
    void aSlotThatAlreadyRanIsNotSentAgain() {
        MutableClock clock = new MutableClock(SLOT.plusSeconds(5));
        try (Journal j = Journal.open(JournalFixtures.sqliteUrl(dir), clock)) {
            var run = j.runs().create("monthly", null, false);
            j.runs().setState(run.id(), RunState.COMPLETED, null, null);
            clock.advance(Duration.ofHours(2));
            CatchUp.Decision d = CatchUp.decide(monthly("0 0 9 1 * ?"), ZoneOffset.UTC, clock.instant(), j);
            CatchUp.Decision.AlreadyRan a = assertInstanceOf(CatchUp.Decision.AlreadyRan.class, d);
            assertEquals(run.id(), a.run().id());
        }
    }

    @Test
    void anInterruptedRunOfTheSlotIsResumedNotRestarted() {
        MutableClock clock = new MutableClock(SLOT.plusSeconds(5));
        try (Journal j = Journal.open(JournalFixtures.sqliteUrl(dir), clock)) {
            var run = j.runs().create("monthly", null, false);
            j.runs().setState(run.id(), RunState.INTERRUPTED, "interrupted by SIGTERM", null);
            clock.advance(Duration.ofMinutes(10));
            CatchUp.Decision d = CatchUp.decide(monthly("0 0 9 1 * ?"), ZoneOffset.UTC, clock.instant(), j);
            assertEquals(run.id(), assertInstanceOf(CatchUp.Decision.Resume.class, d).run().id());
        }
    }

    @Test
    void twoMissedSlotsFireOnce() {
        // every minute; the last run was at 08:57:10, the daemon was down for 08:58, 08:59 and 09:00
        MutableClock clock = new MutableClock(Instant.parse("2026-11-01T08:57:10Z"));
        try (Journal j = Journal.open(JournalFixtures.sqliteUrl(dir), clock)) {
            j.runs().setState(j.runs().create("monthly", null, false).id(), RunState.COMPLETED, null, null);
            clock.set(Instant.parse("2026-11-01T09:00:30Z"));
            Campaign everyMinute = monthly("0 * * * * ?");
            CatchUp.Decision first = CatchUp.decide(everyMinute, ZoneOffset.UTC, clock.instant(), j);
            assertEquals(new CatchUp.Decision.Fire(Instant.parse("2026-11-01T09:00:00Z")), first, "only the latest slot");
            var catchUp = j.runs().create("monthly", null, false);
            clock.advance(Duration.ofSeconds(5));
            j.runs().setState(catchUp.id(), RunState.COMPLETED, null, null);
            assertInstanceOf(CatchUp.Decision.AlreadyRan.class, CatchUp.decide(everyMinute, ZoneOffset.UTC, clock.instant(), j),
                    "the one catch-up run covers all three missed slots");
        }
    }

    @Test
    void latestSlotIsFoundForARareCron() {
        Slots yearly = Slots.of("0 0 9 1 1 ?", ZoneOffset.UTC);
        assertEquals(Optional.of(Instant.parse("2026-01-01T09:00:00Z")), yearly.latestAtOrBefore(Instant.parse("2026-11-23T10:00:00Z")));
        assertEquals(Optional.of(SLOT), Slots.of("0 0 9 1 * ?", ZoneOffset.UTC).latestAtOrBefore(SLOT));
    }
}
