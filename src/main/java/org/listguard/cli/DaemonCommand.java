package org.listguard.cli;

import java.time.Duration;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import org.listguard.config.Config;
import org.listguard.config.Durations;
import org.listguard.journal.Journal;
import org.listguard.schedule.CampaignScheduler;
import org.listguard.send.SendOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "daemon", header = "Run the campaigns' cron schedules until stopped.", mixinStandardHelpOptions = true,
        description = {"Run the campaigns' cron schedules (campaigns.<name>.schedule) with Quartz until stopped (SIGTERM).",
            "Each firing is a `send --yes --wait` (never --again): a paused run waits and re-checks up to guard.max_pause.",
            "The journal decides: a slot that already has its run is skipped; a slot missed while no daemon ran is sent",
            "at start if it is within campaigns.<name>.schedule_grace (default 24h), and reported as missed otherwise.",
            "With a jdbc:postgresql: journal, daemons on several hosts form one cluster: each firing runs on one host,",
            "and a host that dies mid-run is taken over by another, which resumes the run.",
            "SIGTERM/SIGINT: the run in progress stops cleanly (interrupted; resumed at the next start or firing); exit 143/130."})
public final class DaemonCommand implements Callable<Integer> {
    /** {@code --http}: the endpoint of {@code serve} with its own journal connection, for the daemon's lifetime. */
    private record Unsubscribe(org.listguard.journal.Journal journal, org.listguard.unsubscribe.http.OneClickServer server) implements AutoCloseable {
        static final Unsubscribe NONE = new Unsubscribe(null, null);

        static Unsubscribe start(Config config, Environment env, String http) {
            org.listguard.journal.Journal j = StatusCommand.open(config.journal().url(), env);
            try {
                return new Unsubscribe(j, ServeCommand.start(config, j, env, http));
            } catch (RuntimeException e) {
                j.close();
                throw e;
            }
        }

        @Override
        public void close() {
            if (server != null) server.close();
            if (journal != null) journal.close();
        }
    }

    @Mixin
    GlobalOptions global;

    @Option(names = "--zone", paramLabel = "ZONE", description = "time zone of the cron expressions (default: the system's)")
    String zone;

    @Option(names = "--http", paramLabel = "ADDR:PORT", arity = "0..1", fallbackValue = org.listguard.config.Defaults.SERVE_HTTP,
            description = "also serve the one-click unsubscribe endpoint, as `serve` does (default address: ${FALLBACK-VALUE})")
    String http;

    @Option(names = "--run-now", paramLabel = "CAMPAIGN", description = "also fire this campaign once at start")
    String runNow;

    @Option(names = "--checkin", paramLabel = "DURATION", description = "clustered daemons (PostgreSQL journal): how often each "
            + "tells the others it is alive; one silent for about this plus 7.5 s is taken over (default: 7500ms)")
    String checkin;

    private final Environment env;

    public DaemonCommand(Environment env) {
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        Config config = global.load();
        ZoneId z = zone == null ? ZoneId.systemDefault() : ZoneId.of(zone);
        Duration every = checkin == null ? CampaignScheduler.DEFAULT_CHECKIN : checkin(checkin);
        if (runNow != null) config.campaign(runNow);
        org.listguard.compose.TokenKeys.forConfig(config); // issue 20: never start on a key it would have to invent
        String url = config.journal().url();
        try (SignalStop stop = SignalStop.install(env);
             Journal journal = StatusCommand.open(url, env);
             CampaignScheduler scheduler = new CampaignScheduler(config, z, env.clock(), journal, url, every,
                     campaign -> firing(campaign, stop, z));
             Unsubscribe endpoint = http == null ? Unsubscribe.NONE : Unsubscribe.start(config, env, http)) {
            if (scheduler.jobCount() == 0) {
                env.err().println("listguard: no campaign has a valid schedule (campaigns.<name>.schedule); nothing to run");
                return ExitCode.INPUT;
            }
            stop.onStop(scheduler::standby); // on SIGTERM/SIGINT nothing new fires; the run in progress stops cleanly
            scheduler.start();
            env.err().println("listguard daemon: " + scheduler.jobCount() + " scheduled campaign(s), zone " + z
                    + (url.startsWith("jdbc:postgresql:") ? ", clustered on the PostgreSQL journal as " + scheduler.clusterName() : "")
                    + "; stop with SIGTERM");
            env.err().flush();
            if (runNow != null) scheduler.fireNow(runNow);
            stop.await();
            String signal = stop.requested().orElse("SIGTERM");
            scheduler.stopAndWait(); // waits for the firing in progress, which stops cleanly on the same signal
            env.err().println("listguard daemon: stopped by " + signal + "; a run it interrupted is resumed when a daemon starts "
                    + "again (or by `listguard send --campaign NAME`)");
            env.err().flush();
            return SignalStop.exitCode(signal);
        }
    }

    private static Duration checkin(String text) {
        try {
            Duration d = Durations.parse(text);
            if (d.toMillis() < 100) throw new IllegalArgumentException("must be at least 100ms");
            return d;
        } catch (RuntimeException e) {
            throw new org.listguard.InputException(null, 0, "--checkin", "'" + text + "': " + e.getMessage());
        }
    }

    /** One firing: `send --yes --wait`, never --again; a campaign's own error is that firing's only (exit 2). */
    private int firing(String campaign, SignalStop stop, ZoneId z) {
        try {
            return SendCommand.send(global, env, SendOptions.builder(campaign).yes(true).waitWhenPaused(true).build(), stop, z);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCode.PAUSED;
        } catch (org.listguard.InputException e) {
            env.err().println("listguard: campaign " + campaign + ": " + e.getMessage());
            return ExitCode.INPUT;
        } catch (RuntimeException e) {
            env.err().println("listguard: campaign " + campaign + ": " + e.getMessage());
            return ExitCode.BUG;
        }
    }
}
