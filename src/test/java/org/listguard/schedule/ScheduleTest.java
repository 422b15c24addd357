package org.listguard.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.config.Config;
import org.listguard.testing.TestConfigs;

class ScheduleTest {
    @TempDir
    Path dir;

    @Test
    void nextFiringsFollowTheCronInTheGivenZone() throws Exception {
        Config c = TestConfigs.load(dir);
        Clock clock = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
        List<ScheduleEntry> s = Schedules.of(c, clock, ZoneOffset.UTC, 2);
        assertEquals(1, s.size(), "only campaigns with a schedule are listed");
        assertEquals("monthly", s.get(0).campaign());
        assertEquals(Instant.parse("2026-12-01T09:00:00Z"), s.get(0).next().get(0).toInstant());
        assertEquals(Instant.parse("2027-01-01T09:00:00Z"), s.get(0).next().get(1).toInstant());
    }

    @Test
    void theDaemonRunsTheScheduledCampaignWhenItFires() throws Exception {
        Config c = TestConfigs.load(dir);
        List<String> ran = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        try (CampaignScheduler s = new CampaignScheduler(c, ZoneOffset.UTC, campaign -> {
            ran.add(campaign);
            done.countDown();
            return 0;
        })) {
            assertEquals(1, s.jobCount());
            s.start();
            s.fireNow("monthly");
            assertTrue(done.await(10, TimeUnit.SECONDS), "the job ran");
        }
        assertEquals(List.of("monthly"), ran);
    }
}
