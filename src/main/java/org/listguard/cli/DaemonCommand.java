package org.listguard.cli;

import java.time.ZoneId;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.listguard.config.Config;
import org.listguard.schedule.CampaignScheduler;
import org.listguard.send.SendOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "daemon", header = "Run the campaigns' cron schedules until stopped.", mixinStandardHelpOptions = true,
        description = {"Run the campaigns' cron schedules (campaigns.<name>.schedule) with Quartz until stopped (SIGTERM).",
            "Each firing is a `send --yes --wait`: a paused run waits and re-checks up to guard.max_pause.",
            "A firing that finds the previous run of the campaign still going is skipped."})
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

    private final Environment env;

    public DaemonCommand(Environment env) {
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        Config config = global.load();
        ZoneId z = zone == null ? ZoneId.systemDefault() : ZoneId.of(zone);
        if (runNow != null) config.campaign(runNow);
        CountDownLatch stopped = new CountDownLatch(1);
        try (CampaignScheduler scheduler = new CampaignScheduler(config, z,
                campaign -> {
                    try {
                        return SendCommand.send(global, env, new SendOptions(campaign, false, true, false, false, false, true));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return ExitCode.PAUSED;
                    } catch (RuntimeException e) {
                        env.err().println("listguard: campaign " + campaign + ": " + e.getMessage());
                        return e instanceof org.listguard.InputException ? ExitCode.INPUT : ExitCode.BUG;
                    }
                });
             Unsubscribe endpoint = http == null ? Unsubscribe.NONE : Unsubscribe.start(config, env, http)) {
            if (scheduler.jobCount() == 0) {
                env.err().println("listguard: no campaign has a schedule (campaigns.<name>.schedule); nothing to run");
                return ExitCode.INPUT;
            }
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "listguard-shutdown"));
            scheduler.start();
            env.err().println("listguard daemon: " + scheduler.jobCount() + " scheduled campaign(s), zone " + z + "; stop with SIGTERM");
            env.err().flush();
            if (runNow != null) scheduler.fireNow(runNow);
            stopped.await();
        }
        return ExitCode.OK;
    }
}
