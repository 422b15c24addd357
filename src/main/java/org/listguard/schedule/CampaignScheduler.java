package org.listguard.schedule;

import java.time.ZoneId;
import java.util.Properties;
import java.util.TimeZone;
import org.listguard.config.Config;
import org.quartz.CronScheduleBuilder;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's Quartz scheduler: one cron trigger per scheduled campaign, in memory
 * (RAMJobStore; a single process — the journal's campaign lock still refuses a second sender).
 * A firing that finds the previous run of the same campaign still going is skipped, not queued.
 */
public final class CampaignScheduler implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CampaignScheduler.class);
    private static final String RUNNER = "runner";

    private final Scheduler scheduler;

    public CampaignScheduler(Config config, ZoneId zone, CampaignRunner runner) throws SchedulerException {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", "listguard");
        p.setProperty("org.quartz.threadPool.threadCount", "2");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        this.scheduler = new StdSchedulerFactory(p).getScheduler();
        scheduler.getContext().put(RUNNER, runner);
        for (var c : config.campaigns().values()) {
            if (c.cron().isEmpty()) continue;
            JobDetail job = JobBuilder.newJob(SendJob.class).withIdentity(c.name()).usingJobData("campaign", c.name()).build();
            Trigger trigger = TriggerBuilder.newTrigger().withIdentity(c.name())
                    .withSchedule(CronScheduleBuilder.cronSchedule(c.schedule()).inTimeZone(TimeZone.getTimeZone(zone))
                            .withMisfireHandlingInstructionFireAndProceed())
                    .build();
            scheduler.scheduleJob(job, trigger);
            log.info("scheduled campaign {} at \"{}\" ({}), next {}", c.name(), c.schedule(), zone, trigger.getNextFireTime());
        }
    }

    public void start() throws SchedulerException {
        scheduler.start();
    }

    public int jobCount() throws SchedulerException {
        return scheduler.getJobKeys(org.quartz.impl.matchers.GroupMatcher.anyGroup()).size();
    }

    /** Fires a campaign's job now (tests, and `daemon --run-now`). */
    public void fireNow(String campaign) throws SchedulerException {
        scheduler.triggerJob(new org.quartz.JobKey(campaign));
    }

    @Override
    public void close() throws SchedulerException {
        scheduler.shutdown(true);
    }

    /** Runs the campaign's send; the send itself journals everything and handles pauses. */
    @DisallowConcurrentExecution
    public static final class SendJob implements Job {
        @Override
        public void execute(JobExecutionContext ctx) {
            String campaign = ctx.getMergedJobDataMap().getString("campaign");
            try {
                CampaignRunner r = (CampaignRunner) ctx.getScheduler().getContext().get(RUNNER);
                log.info("campaign {}: scheduled run starting", campaign);
                int code = r.run(campaign);
                log.info("campaign {}: scheduled run ended with exit code {}", campaign, code);
            } catch (SchedulerException | RuntimeException e) {
                log.error("campaign {}: scheduled run failed: {}", campaign, e.toString());
            }
        }
    }
}
