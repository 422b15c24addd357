package org.listguard.journal;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 8's journal tables on SQLite (the PostgreSQL test runs the same checks). */
class DownstreamJournalTest {
    @TempDir
    Path dir;

    final JournalFixtures.MutableClock clock = new JournalFixtures.MutableClock(java.time.Instant.parse("2026-11-01T09:00:00Z"));
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
    void aDownstreamVerdictBlocksTheMemberOnceAndResumeReleasesEveryBlockedMember() {
        DownstreamJournalChecks.blockHoldRelease(j, run);
    }

    @Test
    void blocksAreRememberedAndClearedAndEgressIpsLearnedOncePerSource() {
        DownstreamJournalChecks.blocksAndEgress(j, run, clock.instant());
    }
}
