package org.listguard.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import org.listguard.InputException;
import org.listguard.config.Config;
import org.listguard.deliver.AngusMailRelay;
import org.listguard.deliver.ImapSeedWatcher;
import org.listguard.deliver.classify.ReplyClassifier;
import org.listguard.deliver.throttle.Sleeper;
import org.listguard.dns.DnsClient;
import org.listguard.journal.Journal;
import org.listguard.send.SendOptions;
import org.listguard.send.SendPipeline;
import org.listguard.send.SendResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "send", header = "Guarded, journaled send of one campaign; resumes an unfinished run.", mixinStandardHelpOptions = true,
        description = {"Guarded send of one campaign: audit (gate), plan, then throttled batches through the relay,",
            "every recipient journaled. Resumes the campaign's unfinished run instead of starting over.",
            "Exit 0 completed, 2 bad input (nothing sent), 3 gate refused (no-go), 4 gate refused (unknown), 75 paused."})
public final class SendCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global;

    @Option(names = "--campaign", required = true, paramLabel = "NAME", description = "the campaign to send (campaigns.<NAME> in the config)")
    String campaign;

    @Option(names = "--dry-run", description = "gate, plan, compose and sign every message; no SMTP, nothing journaled")
    boolean dryRun;

    @Option(names = {"-y", "--yes"}, description = "do not ask for confirmation (required without a terminal, e.g. from cron)")
    boolean yes;

    @Option(names = "--force", description = "send even when the audit says no-go (recorded in the journal)")
    boolean force;

    @Option(names = "--allow-unknown", description = "send even when some checks could not be decided")
    boolean allowUnknown;

    @Option(names = "--resend-unknown", description = "re-send recipients whose outcome is unknown after a crash (they may get it twice)")
    boolean resendUnknown;

    @Option(names = "--wait", description = "when the run pauses, wait and re-check with backoff (up to guard.max_pause) instead of exiting 75")
    boolean waitWhenPaused;

    private final Environment env;

    public SendCommand(Environment env) {
        this.env = env;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (!yes && !dryRun && !env.interactive()) {
            throw new InputException(null, 0, "--yes", "no terminal to ask for confirmation: add --yes to send from cron or a script");
        }
        return send(global, env, new SendOptions(campaign, dryRun, yes, force, allowUnknown, resendUnknown, waitWhenPaused));
    }

    /** Reads bounces.mailbox during the run, through the same processor as `bounces process` (issue 8). */
    static SendPipeline.ReturnPaths returnPaths(Environment env) {
        return (config, journal) -> config.bounceSettings().map(b -> (org.listguard.guard.ReturnPathWatcher)
                new org.listguard.feedback.ReturnPathReader(() -> BouncesProcessCommand.open(b.mailbox(), env),
                        new org.listguard.feedback.BounceProcessor(journal, new org.listguard.feedback.BounceParser(
                                ReplyClassifier.withOverride(config.guard().replyRulesFile())), b, env.clock()),
                        b.mailbox().maildir() != null ? "Maildir " + b.mailbox().maildir() : "IMAP " + b.mailbox().host()))
                .orElse(null);
    }

    /** Wires the real (or sandbox) peers and runs one send; shared with the daemon. */
    static int send(GlobalOptions global, Environment env, SendOptions options) throws InterruptedException {
        Config config = global.load();
        Sandbox sandbox = global.sandbox ? Sandbox.start(global.config, env.clock(), global.journal != null ? global.journal : org.listguard.config.Defaults.SANDBOX_JOURNAL_URL) : null;
        try {
            // One cache for the gate and every between-batch re-check: answers are reused for their
            // TTL (never longer than an hour), failures never; listings still show up when the TTL ends.
            DnsClient dns = new org.listguard.dns.CachingDnsClient(sandbox != null ? sandbox.dns() : Services.dns(config),
                    env.clock(), 3600);
            Map<String, String> vars = sandbox != null ? Sandbox.env(config, env.vars()) : env.vars();
            if (sandbox != null) config = sandbox.apply(config, global.journal != null);
            String helo = config.sender().helo();
            CliOperator operator = new CliOperator(env);
            if (sandbox != null) operator.say("sandbox: simulated DNS, in-process relay, journal " + config.journal().url()
                    + ", throttle " + Sandbox.SPEED_UP + "x faster");
            SendResult result;
            try (Journal journal = StatusCommand.open(config.journal().url(), env)) {
                SendPipeline pipeline = new SendPipeline(new SendPipeline.Ports(config, dns,
                        Services.relayProbe(config),
                        helo == null ? new AngusMailRelay() : new AngusMailRelay(helo),
                        journal, ReplyClassifier.withOverride(config.guard().replyRulesFile()), env.clock(), Sleeper.SYSTEM, vars, operator,
                        sandbox != null ? sandbox.seedWatchers() : ImapSeedWatcher::open, returnPaths(env)));
                result = pipeline.send(options);
            }
            env.out().println(result.message());
            if (sandbox != null && result.runId() != null) {
                env.out().println("sandbox: " + sandbox.received() + " message(s) received, stored in " + sandbox.collect(result.runId()));
            }
            env.out().flush();
            return result.exitCode();
        } finally {
            if (sandbox != null) sandbox.close();
        }
    }
}
