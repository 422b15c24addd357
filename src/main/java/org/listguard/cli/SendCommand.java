package org.listguard.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import org.listguard.InputException;
import org.listguard.config.Config;
import org.listguard.deliver.AngusMailRelay;
import org.listguard.reply.ReplyClassifier;
import org.listguard.dns.DnsClient;
import org.listguard.journal.Journal;
import org.listguard.send.SendOptions;
import org.listguard.send.SendPipeline;
import org.listguard.send.SendOutcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "send", header = "Guarded, journaled send of one campaign; resumes an unfinished run.", mixinStandardHelpOptions = true,
        description = {"Guarded send of one campaign: audit (gate), plan, then throttled batches through the relay,",
            "every recipient journaled. Resumes the campaign's unfinished run instead of starting over.",
            "Exit 0 completed, 2 bad input (nothing sent), 3 gate refused (no-go) or already sent in its period (see --again),",
            "4 gate refused (unknown), 75 paused, 130/143 interrupted by SIGINT/SIGTERM (the next send resumes)."})
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

    @Option(names = "--resend-unconfirmed", description = "send again the members the relay accepted whose provider's seed never "
            + "arrived (journaled unconfirmed; they may get it twice); resumes the campaign's latest run even when it completed")
    boolean resendUnconfirmed;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = "the result on stdout: text (one line) or json (run, state, exit code, message and counts); progress stays on stderr")
    OutputFormat format;

    @Option(names = "--skip-bad-rows", description = "skip a malformed list row (wrong field count, not UTF-8, a refused header value) "
            + "with the reason in the journal, instead of refusing to send (exit 2)")
    boolean skipBadRows;

    @Option(names = "--again", description = "start a new run although the campaign was already sent in its period "
            + "(its scheduled slot, or campaigns.<NAME>.send_again_after for an unscheduled one)")
    boolean again;

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
        try (SignalStop stop = SignalStop.install(env)) {
            // a sandbox scenario is a demonstration with no members to protect: each one may start a new run
            boolean demo = global.sandbox && global.scenario != null;
            SendOptions options = SendOptions.builder(campaign).dryRun(dryRun).yes(yes).force(force).allowUnknown(allowUnknown)
                    .resendUnknown(resendUnknown).waitWhenPaused(waitWhenPaused).skipBadRows(skipBadRows).again(again || demo)
                    .resendUnconfirmed(resendUnconfirmed).build();
            return send(global, env, options, stop, java.time.ZoneId.systemDefault(), format);
        }
    }

    /** Reads bounces.mailbox during the run, through the same processor (and report authentication) as `bounces process` (issue 8). */
    static SendPipeline.ReturnPaths returnPaths(Environment env) {
        return (config, journal) -> config.bounceSettings().map(b -> (org.listguard.guard.ReturnPathWatcher)
                new org.listguard.feedback.ReturnPathReader(() -> BouncesProcessCommand.open(b.mailbox(), b.maxMessageBytes(), env,
                        org.listguard.feedback.ReadMarks.in(journal, "bounces")),
                        new org.listguard.feedback.BounceProcessor(journal, new org.listguard.feedback.BounceParser(
                                ReplyClassifier.withOverride(config.guard().replyRulesFile())), b, env.clock(),
                                BouncesProcessCommand.authenticator(config), config.guard().corroborate(),
                                org.listguard.events.RunRecord.MemberNeedsLook.BY_SEND),
                        b.mailbox().maildir() != null ? "Maildir " + b.mailbox().maildir() : "IMAP " + b.mailbox().host()))
                .orElse(null);
    }

    /**
     * Wires the real (or sandbox) peers and runs one send; shared with the daemon.
     *
     * @param zone the time zone of the campaigns' cron schedules (the period rule reads slots in it)
     */
    static int send(GlobalOptions global, Environment env, SendOptions options, SignalStop stop, java.time.ZoneId zone)
            throws InterruptedException {
        return send(global, env, options, stop, zone, OutputFormat.TEXT);
    }

    static int send(GlobalOptions global, Environment env, SendOptions options, SignalStop stop, java.time.ZoneId zone, OutputFormat format)
            throws InterruptedException {
        String sandboxJournal = global.journal != null ? global.journal : org.listguard.config.Defaults.SANDBOX_JOURNAL_URL;
        // a paused run resumes in the world it was sent in: none given means that one, another given is refused
        String scenario = global.sandbox ? RunScenarios.in(sandboxJournal).forSend(options.campaign(), global.scenario(), global.invocation(), env)
                : global.scenario();
        Config config = global.load();
        Sandbox sandbox = global.sandbox ? Sandbox.start(global.config, env.clock(), sandboxJournal, scenario) : null;
        try {
            // One cache for the gate and every between-batch re-check: answers are reused for their
            // TTL (never longer than an hour), failures never; listings still show up when the TTL ends.
            DnsClient dns = new org.listguard.dns.CachingDnsClient(sandbox != null ? sandbox.dns() : Services.dns(config),
                    env.clock(), 3600);
            Map<String, String> vars = sandbox != null ? Sandbox.env(config, env.vars()) : env.vars();
            if (sandbox != null) config = sandbox.apply(config, global.journal != null);
            String helo = config.sender().helo();
            org.listguard.report.Invocation inv = global.invocation().inScenario(scenario);
            CliOperator operator = new CliOperator(env, inv, stop);
            if (format == OutputFormat.JSON) operator.resultOnly();
            if (sandbox != null) operator.say("sandbox: simulated DNS, in-process relay, journal " + config.journal().url()
                    + ", throttle " + Sandbox.SPEED_UP + "x faster");
            if (sandbox != null && scenario != null) operator.say(inv.rewrite(sandbox.introduction())); // the shipped scenario's own words
            SendOutcome result;
            org.listguard.journal.RunStatus counts = null;
            try (operator; DryRunJournal dry = options.dryRun() ? DryRunJournal.open(config.journal().url(), env) : null;
                 Journal journal = dry != null ? dry.journal() : StatusCommand.open(config.journal().url(), env)) {
                SendPipeline pipeline = new SendPipeline(new SendPipeline.Ports(config, dns,
                        Services.relayProbe(config),
                        helo == null ? new AngusMailRelay() : new AngusMailRelay(helo),
                        journal, ReplyClassifier.whenUsed(config.guard().replyRulesFile()), env.clock().withZone(zone), operator.sleeper(stop.sleeper()), vars, operator,
                        sandbox != null ? sandbox.seedWatchers() : new SeedMailboxOpener(), returnPaths(env)));
                result = pipeline.send(options);
                if (result.runId() != null) counts = journal.runs().status(result.runId()).orElse(null);
            }
            int code = ExitCode.of(result);
            if (sandbox != null && result.runId() != null) RunScenarios.in(sandboxJournal).remember(result.runId(), scenario);
            // completed: the scenario can be shown again; with unconfirmed members the printed --resend-unconfirmed
            // (in the same scenario) is still to come, so the lift stays until it has sent them
            boolean over = result instanceof SendOutcome.Completed && (counts == null || counts.count("unconfirmed") == 0);
            if (sandbox != null) sandbox.remember(over);
            if (format == OutputFormat.JSON) {
                env.out().println(SendJson.render(result, counts, inv));
                env.out().flush();
                return code;
            }
            env.out().println(org.listguard.report.Visible.text(result.message())); // its commands were built by CliOperator.suggest
            if (sandbox != null && result.runId() != null) {
                env.out().println("sandbox: the relay accepted " + sandbox.received() + " message(s)"
                        + (sandbox.bounced() > 0 ? ", its receivers refused " + sandbox.bounced() + " (DSNs in " + sandbox.returnPath() + ")" : "")
                        + "; delivered ones are in " + sandbox.collect(result.runId()));
            }
            env.out().flush();
            return code;
        } finally {
            if (sandbox != null) sandbox.close();
        }
    }
}
