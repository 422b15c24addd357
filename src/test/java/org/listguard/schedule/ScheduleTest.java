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
        String url = org.listguard.journal.JournalFixtures.sqliteUrl(dir);
        try (org.listguard.journal.Journal j = org.listguard.journal.Journal.open(url, Clock.systemUTC());
             CampaignScheduler s = new CampaignScheduler(c, ZoneOffset.UTC, Clock.systemUTC(), j, url,
                     CampaignScheduler.DEFAULT_CHECKIN, campaign -> {
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

    @Test
    void startingTheDaemonCatchesUpTwoMissedSlotsWithOneRun() throws Exception {
        Config c = new org.listguard.config.ConfigLoader().parse(dir.resolve("listguard.yaml"),
                TestConfigs.yaml(dir, "").replace("0 0 9 1 * ?", "0 * * * * ?"));
        org.listguard.testing.MutableClock clock = new org.listguard.testing.MutableClock(Instant.parse("2026-11-01T08:57:10Z"));
        String url = org.listguard.journal.JournalFixtures.sqliteUrl(dir);
        CountDownLatch fired = new CountDownLatch(1);
        List<String> ran = new CopyOnWriteArrayList<>();
        try (org.listguard.journal.Journal j = org.listguard.journal.Journal.open(url, clock)) {
            j.runs().setState(j.runs().create("monthly", null, false).id(), org.listguard.journal.RunState.COMPLETED, null, null);
            clock.set(Instant.parse("2026-11-01T09:00:30Z")); // 08:58, 08:59 and 09:00 were missed
            try (CampaignScheduler s = new CampaignScheduler(c, ZoneOffset.UTC, clock, j, url, CampaignScheduler.DEFAULT_CHECKIN,
                    campaign -> {
                        j.runs().setState(j.runs().create(campaign, null, false).id(), org.listguard.journal.RunState.COMPLETED, null, null);
                        ran.add(campaign);
                        fired.countDown();
                        return 0;
                    })) {
                s.start(); // the start-up sweep fires the catch-up
                assertTrue(fired.await(10, TimeUnit.SECONDS), "the missed slot was caught up");
                s.sweep(null); // a later sweep (after any firing) finds the slot's run
                s.fire("monthly", false, null, false); // and so does a late or repeated firing
            }
        }
        assertEquals(List.of("monthly"), ran, "three missed slots, one run");
    }

    /**
     * A firing holds its Quartz worker for the whole send: with two workers, a third campaign due at
     * the same time waited for another's send to end (hours for a large list). Three campaigns due
     * together all start while none has finished.
     */
    @Test
    void campaignsDueTogetherAllStartWithoutWaitingForEachOther() throws Exception {
        String extra = """
                  weekly:
                    list: DIR/members.csv
                    template: DIR/news
                    schedule: "0 0 9 1 * ?"
                  digest:
                    list: DIR/members.csv
                    template: DIR/news
                    schedule: "0 0 9 1 * ?"
                """.replace("DIR", dir.toString());
        String yaml = TestConfigs.yaml(dir, "");
        yaml = yaml.replace("\njournal:", "\n" + extra + "journal:");
        Config c = new org.listguard.config.ConfigLoader().parse(dir.resolve("listguard.yaml"), yaml);
        assertEquals(3, Schedules.of(c, Clock.systemUTC(), ZoneOffset.UTC, 1).size(), "three scheduled campaigns");
        String url = org.listguard.journal.JournalFixtures.sqliteUrl(dir);
        CountDownLatch started = new CountDownLatch(3);
        CountDownLatch release = new CountDownLatch(1);
        List<String> ran = new CopyOnWriteArrayList<>();
        try (org.listguard.journal.Journal j = org.listguard.journal.Journal.open(url, Clock.systemUTC());
             CampaignScheduler s = new CampaignScheduler(c, ZoneOffset.UTC, Clock.systemUTC(), j, url,
                     CampaignScheduler.DEFAULT_CHECKIN, campaign -> {
                         ran.add(campaign);
                         started.countDown();
                         try {
                             release.await(30, TimeUnit.SECONDS); // a send in progress
                         } catch (InterruptedException e) {
                             Thread.currentThread().interrupt();
                         }
                         return 0;
                     })) {
            s.start();
            s.fireNow("monthly");
            s.fireNow("weekly");
            s.fireNow("digest");
            boolean all = started.await(20, TimeUnit.SECONDS);
            release.countDown();
            assertTrue(all, "every campaign started while the others were still sending: " + ran);
        }
        assertEquals(java.util.Set.of("monthly", "weekly", "digest"), java.util.Set.copyOf(ran));
    }

    @Test
    void theTakeOverBoundIsTheLatestOfItsThreeClocks() {
        // the campaign lock of a vanished host (keepalive 10 s + 3 x 5 s, tried every 0.5 s) outlasts Quartz's 2 x 7.5 + 7.5 s
        assertEquals(java.time.Duration.ofMillis(25_500), CampaignScheduler.takeoverBound(CampaignScheduler.DEFAULT_CHECKIN));
        // a slow check-in: Quartz's failure detection is the latest
        assertEquals(java.time.Duration.ofMillis(47_500), CampaignScheduler.takeoverBound(java.time.Duration.ofSeconds(20)));
    }

    @Test
    void oneWorkerPerScheduledCampaignAndOneSpare() {
        assertEquals(2, CampaignScheduler.workers(0));
        assertEquals(2, CampaignScheduler.workers(1));
        assertEquals(4, CampaignScheduler.workers(3));
    }

    /**
     * Quartz's AUTO id is host name and millisecond: two daemons started together on one host got
     * one id, checked in on one row, and the survivor of a kill never took the run over.
     */
    @Test
    void clusteredDaemonsStartedInTheSameMillisecondOnOneHostHaveTheirOwnNames() {
        String url = "jdbc:postgresql://db.example/listguard";
        String a = CampaignScheduler.properties(url, java.time.Duration.ofSeconds(1), 2).getProperty("org.quartz.scheduler.instanceId");
        String b = CampaignScheduler.properties(url, java.time.Duration.ofSeconds(1), 2).getProperty("org.quartz.scheduler.instanceId");
        assertTrue(!a.equals(b), a + " and " + b);
        assertTrue(a.contains("-" + ProcessHandle.current().pid() + "-"), "the process id, for whoever reads qrtz_scheduler_state: " + a);
        assertTrue(a.length() <= 200, "fits qrtz_scheduler_state.instance_name");
    }
}
