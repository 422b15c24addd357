package org.listguard.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TimeZone;
import org.listguard.config.Campaign;
import org.listguard.config.Config;
import org.listguard.journal.Journal;
import org.listguard.journal.JournalUrl;
import org.listguard.journal.PgSessions;
import org.listguard.journal.RunState;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's Quartz scheduler: one cron trigger per scheduled campaign. Every firing asks the
 * journal first ({@link CatchUp}): a slot that already has its run is not sent again, a slot missed
 * beyond {@code schedule_grace} is reported and not sent. At start and after every firing the other
 * campaigns are swept the same way, so a slot missed while no daemon ran is caught up.
 *
 * <p>With a SQLite journal Quartz keeps its triggers in memory (one host). With a PostgreSQL
 * journal it uses the clustered JDBC JobStore on the journal's database ({@code qrtz_*} tables,
 * journal schema 5): each firing runs on exactly one daemon, and a daemon that dies mid-run has its
 * firing recovered by another, which resumes the run (the campaign lock is released with the dead
 * process's connection; {@link SenderGone} waits for that when the host itself vanished). How long
 * that takes at most is {@link #takeoverBound}.
 */
public final class CampaignScheduler implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CampaignScheduler.class);
    private static final String CONTEXT = "listguard";
    private static final String MANUAL = "manual";
    /** Quartz's default: how often a clustered daemon checks in; a silent one is taken over after about this plus 7.5 s. */
    public static final Duration DEFAULT_CHECKIN = Duration.ofMillis(7500);
    /** Quartz's fixed margin: an instance is failed 7.5 s after its next check-in was due ({@code JobStoreSupport.calcFailedIfAfter}). */
    static final Duration QUARTZ_FAILED_MARGIN = Duration.ofMillis(7500);

    /**
     * The longest from a clustered daemon's death (SIGKILL, or its host's power cut) to the start of
     * the firing on another daemon that resumes its run, with every daemon checking in every
     * {@code checkin}. Three clocks run from the death, and the firing waits for all of them:
     * <ul>
     * <li>Quartz sees the dead one failed: its last check-in is at most {@code checkin} old, it is
     *     failed {@code checkin} + 7.5 s after it, seen at the survivor's next check-in: 2 × checkin + 7.5 s;
     * <li>a Quartz lock row its session held (it died inside a scheduler transaction) is released
     *     when the server ends that idle transaction: {@link PgSessions#SCHEDULER_IDLE_IN_TRANSACTION};
     * <li>its campaign lock is released when the server ends its journal session: at once for a
     *     killed process, within {@link PgSessions#DEAD_HOST} for a vanished host, tried every
     *     {@link SenderGone#POLL}.
     * </ul>
     * With the default check-in (7.5 s) that is 25.5 s; the send's own start (audit, planning) comes on top.
     */
    public static Duration takeoverBound(Duration checkin) {
        Duration failed = checkin.multipliedBy(2).plus(QUARTZ_FAILED_MARGIN);
        Duration released = PgSessions.DEAD_HOST.plus(SenderGone.POLL);
        return java.util.Collections.max(List.of(failed, released, PgSessions.SCHEDULER_IDLE_IN_TRANSACTION));
    }

    private final Scheduler scheduler;
    private final Config config;
    private final ZoneId zone;
    private final Clock clock;
    private final Journal journal;
    private final CampaignRunner runner;
    private final Set<String> reportedMissed = new HashSet<>();
    private final SenderGone senderGone;

    /**
     * @param journal the journal the decisions read (runs of each campaign); its URL picks the store
     * @param checkin the cluster check-in interval (PostgreSQL only)
     */
    public CampaignScheduler(Config config, ZoneId zone, Clock clock, Journal journal, String journalUrl, Duration checkin,
                             CampaignRunner runner) throws SchedulerException {
        this.config = config;
        this.zone = zone;
        this.clock = clock;
        this.journal = journal;
        this.runner = runner;
        int scheduled = (int) config.campaigns().values().stream().filter(c -> c.cron().isPresent()).count();
        this.scheduler = new StdSchedulerFactory(properties(journalUrl, checkin, workers(scheduled))).getScheduler();
        this.senderGone = new SenderGone(journal, d -> Thread.sleep(d.toMillis()), this::stopping);
        scheduler.getContext().put(CONTEXT, this);
        Set<String> names = new HashSet<>();
        for (Campaign c : config.campaigns().values()) {
            if (c.cron().isEmpty()) continue;
            try {
                Slots.of(c.schedule(), zone);
            } catch (IllegalArgumentException e) {
                log.error("campaign {}: not scheduled: {}", c.name(), c.error().map(Throwable::getMessage).orElse(e.getMessage()));
                continue;
            }
            c.error().ifPresent(e -> log.error("campaign {}: its firings will fail until this is fixed: {}", c.name(), e.getMessage()));
            names.add(c.name());
            schedule(c);
        }
        for (JobKey k : scheduler.getJobKeys(GroupMatcher.anyGroup())) {
            if (!names.contains(k.getName())) scheduler.deleteJob(k); // a campaign no longer scheduled (shared store)
        }
    }

    /**
     * Quartz worker threads for {@code scheduled} campaigns: one each, so that campaigns due at the
     * same time all start (a firing holds its worker for the whole send, hours for a large list, and
     * one without a free worker would wait for another campaign's send to end), and one more for a
     * firing that recovers a run from a dead daemon or waits for its sender ({@link SenderGone}) while
     * every campaign is sending here.
     */
    static int workers(int scheduled) {
        return Math.max(2, scheduled + 1);
    }

    /** Clustered JDBC JobStore on a PostgreSQL journal; RAMJobStore otherwise; {@code threads} workers ({@link #workers}). */
    static Properties properties(String journalUrl, Duration checkin, int threads) {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", "listguard");
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(threads));
        if (!JournalUrl.isPostgres(journalUrl)) {
            p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
            return p;
        }
        p.setProperty("org.quartz.scheduler.instanceId", instanceId());
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", Long.toString(checkin.toMillis()));
        p.setProperty("org.quartz.jobStore.useProperties", "true");
        p.setProperty("org.quartz.jobStore.dataSource", "journal");
        p.setProperty("org.quartz.dataSource.journal.connectionProvider.class", "org.listguard.journal.QuartzConnections");
        p.setProperty("org.quartz.dataSource.journal.url", journalUrl);
        return p;
    }

    /**
     * This daemon's name in the cluster ({@code qrtz_scheduler_state}, {@code qrtz_fired_triggers}):
     * host, process id and 48 random bits. Quartz's {@code AUTO} is the host name and the current
     * millisecond, the same for two daemons started together on one host (or in two containers with
     * one host name): they then check in on one row, neither ever sees the other fail, and a
     * firing the killed one was running is never taken over (a CI failure of ClusteredDaemonsTest;
     * giving both daemons one id reproduces it every time). The host part is cut to fit the column.
     */
    static String instanceId() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "unknown-host";
        }
        String random = java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        return (host.length() > 120 ? host.substring(0, 120) : host) + "-" + ProcessHandle.current().pid() + "-" + random;
    }

    private void schedule(Campaign c) throws SchedulerException {
        JobDetail job = JobBuilder.newJob(SendJob.class).withIdentity(c.name()).usingJobData("campaign", c.name())
                .requestRecovery(true).storeDurably().build();
        Trigger trigger = TriggerBuilder.newTrigger().withIdentity(c.name()).forJob(job)
                .withSchedule(CronScheduleBuilder.cronSchedule(c.schedule()).inTimeZone(TimeZone.getTimeZone(zone))
                        .withMisfireHandlingInstructionFireAndProceed())
                .build();
        Trigger existing = scheduler.getTrigger(TriggerKey.triggerKey(c.name()));
        if (existing instanceof CronTrigger ct && ct.getCronExpression().equals(c.schedule())
                && ct.getTimeZone().toZoneId().equals(zone) && scheduler.checkExists(job.getKey())) {
            log.info("campaign {} at \"{}\" ({}): already in the shared scheduler, next {}", c.name(), c.schedule(), zone,
                    iso(existing.getNextFireTime(), zone));
            return;
        }
        scheduler.scheduleJob(job, Set.of(trigger), true);
        log.info("scheduled campaign {} at \"{}\" ({}), next {}", c.name(), c.schedule(), zone,
                iso(scheduler.getTrigger(trigger.getKey()).getNextFireTime(), zone));
    }

    /** A Quartz fire time as ISO-8601 in the schedule's zone (java.util.Date prints "Fri Jan 01 09:00:00 UTC 2027"). */
    private static String iso(java.util.Date at, ZoneId zone) {
        return at == null ? "never" : java.time.OffsetDateTime.ofInstant(at.toInstant(), zone).toString();
    }

    /** Starts firing; first sweeps every campaign for a slot to catch up or a run to resume. */
    public void start() throws SchedulerException {
        scheduler.start();
        sweep(null);
    }

    /** This daemon's name in the cluster ({@link #instanceId}), as other daemons and {@code qrtz_scheduler_state} see it. */
    public String clusterName() throws SchedulerException {
        return scheduler.getSchedulerInstanceId();
    }

    public int jobCount() throws SchedulerException {
        return scheduler.getJobKeys(GroupMatcher.anyGroup()).size();
    }

    /** Fires a campaign's job now, without the slot rule (`daemon --run-now`); the send's period rule still applies. */
    public void fireNow(String campaign) throws SchedulerException {
        JobDataMap data = new JobDataMap();
        data.put(MANUAL, "true");
        scheduler.triggerJob(new JobKey(campaign), data);
    }

    /** Fires nothing more from now on (on a signal, before {@link #close} waits for the firing in progress). */
    public void standby() {
        try {
            scheduler.standby();
        } catch (SchedulerException e) {
            log.warn("could not put the scheduler in standby: {}", e.toString());
        }
    }

    /** Stops firing and waits for the firings in progress (they stop cleanly on a signal). */
    public void stopAndWait() throws SchedulerException {
        scheduler.shutdown(true);
    }

    @Override
    public void close() throws SchedulerException {
        stopAndWait(); // a second shutdown is a no-op
    }

    private boolean stopping() {
        try {
            return scheduler.isInStandbyMode() || scheduler.isShutdown();
        } catch (SchedulerException e) {
            return true;
        }
    }

    /**
     * Catch-up for every scheduled campaign but {@code except}: a slot within grace without its run,
     * or an interrupted or orphaned run, gets a firing now (on whichever daemon takes it); a missed
     * slot is reported once.
     */
    void sweep(String except) {
        if (stopping()) return; // start nothing new here
        for (Campaign c : config.campaigns().values()) {
            if (c.name().equals(except) || c.cron().isEmpty()) continue;
            try {
                if (!scheduler.checkExists(new JobKey(c.name()))) continue;
                CatchUp.Decision d = CatchUp.decide(c, zone, clock.instant(), journal);
                if (d instanceof CatchUp.Decision.Fire f) {
                    log.warn("campaign {}: catch-up: the slot of {} has no run and is within schedule_grace ({}); sending it now",
                            c.name(), f.slot().atZone(zone), c.scheduleGrace());
                    scheduler.triggerJob(new JobKey(c.name()));
                } else if (d instanceof CatchUp.Decision.Resume r && r.run().state() != RunState.PAUSED) {
                    log.warn("campaign {}: run {} of the slot of {} is {}; resuming it", c.name(), r.run().id(),
                            r.slot().atZone(zone), r.run().state().db());
                    scheduler.triggerJob(new JobKey(c.name()));
                } else if (d instanceof CatchUp.Decision.Missed m) {
                    missed(c, m);
                }
            } catch (SchedulerException | RuntimeException e) {
                log.error("campaign {}: catch-up check failed: {}", c.name(), e.toString());
            }
        }
    }

    private void missed(Campaign c, CatchUp.Decision.Missed m) {
        synchronized (reportedMissed) {
            if (!reportedMissed.add(c.name() + "@" + m.slot())) return;
        }
        log.error("campaign {}: MISSED the slot of {}: no run started for it and it is {} late, beyond schedule_grace ({}); "
                + "nothing is sent for it. Send it by hand with `listguard send --campaign {}` if it is still wanted.",
                c.name(), m.slot().atZone(zone), m.late().withNanos(0), c.scheduleGrace(), c.name());
    }

    /** One firing of one campaign: the journal decides, then the send runs (or resumes). */
    void fire(String campaign, boolean manual, Date scheduledFireTime, boolean recovering) {
        try {
            Campaign c = config.campaigns().get(campaign);
            if (c == null) return;
            if (manual) {
                log.info("campaign {}: run requested at start (--run-now)", campaign);
                send(campaign);
                return;
            }
            CatchUp.Decision d = CatchUp.decide(c, zone, clock.instant(), journal);
            var unfinished = journal.runs().findUnfinished(campaign);
            if (d instanceof CatchUp.Decision.Fire f && unfinished.isPresent()) {
                log.warn("campaign {}: slot of {}: resuming the unfinished run {} ({}) first{}", campaign, f.slot().atZone(zone),
                        unfinished.get().id(), unfinished.get().state().db(), recovering ? " (taken over from a daemon that stopped)" : "");
                resume(campaign, unfinished.get());
            } else if (d instanceof CatchUp.Decision.Fire f) {
                boolean onTime = scheduledFireTime != null && Math.abs(scheduledFireTime.toInstant().toEpochMilli()
                        - f.slot().toEpochMilli()) < 1000 && !recovering;
                if (onTime) log.info("campaign {}: scheduled run of {} starting", campaign, f.slot().atZone(zone));
                else log.warn("campaign {}: catch-up run of the slot of {} starting", campaign, f.slot().atZone(zone));
                send(campaign);
            } else if (d instanceof CatchUp.Decision.Resume r) {
                log.warn("campaign {}: resuming run {} ({}) of the slot of {}{}", campaign, r.run().id(), r.run().state().db(),
                        r.slot().atZone(zone), recovering ? " (taken over from a daemon that stopped)" : "");
                resume(campaign, r.run());
            } else if (d instanceof CatchUp.Decision.AlreadyRan a) {
                log.info("campaign {}: the slot of {} already has run {} ({}); nothing to do", campaign, a.slot().atZone(zone),
                        a.run().id(), a.run().state().db());
            } else if (d instanceof CatchUp.Decision.Missed m) {
                missed(c, m);
            }
        } finally {
            sweep(campaign);
        }
    }

    /** Resumes an unfinished run; one left running first waits for its sender's lock ({@link SenderGone}). */
    private void resume(String campaign, org.listguard.journal.Run run) {
        if (run.state() == RunState.RUNNING && !senderGone.await(campaign, run.id())) return;
        send(campaign);
    }

    private void send(String campaign) {
        try {
            int code = runner.run(campaign);
            log.info("campaign {}: run ended with exit code {}", campaign, code);
        } catch (RuntimeException e) {
            log.error("campaign {}: run failed: {}", campaign, e.toString());
        }
    }

    /** Quartz's entry point: hands the firing to the scheduler that owns it. */
    @DisallowConcurrentExecution
    public static final class SendJob implements Job {
        @Override
        public void execute(JobExecutionContext ctx) {
            String campaign = ctx.getMergedJobDataMap().getString("campaign");
            try {
                CampaignScheduler owner = (CampaignScheduler) ctx.getScheduler().getContext().get(CONTEXT);
                owner.fire(campaign, ctx.getMergedJobDataMap().containsKey(MANUAL), ctx.getScheduledFireTime(), ctx.isRecovering());
            } catch (SchedulerException | RuntimeException e) {
                log.error("campaign {}: scheduled run failed: {}", campaign, e.toString());
            }
        }
    }
}
