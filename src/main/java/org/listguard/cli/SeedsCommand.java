package org.listguard.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.listguard.config.Config;
import org.listguard.config.Durations;
import org.listguard.deliver.AngusMailRelay;
import org.listguard.journal.Journal;
import org.listguard.placement.Placement;
import org.listguard.report.Json;
import org.listguard.report.Visible;
import org.listguard.send.SeedsTest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "seeds", header = "Send a campaign's message to the seeds only and show where each landed.", mixinStandardHelpOptions = true,
        description = {"Placement tests with your own seed mailboxes (guard.seeds): inbox, junk or missing per provider,",
            "with the receiver's own authentication and spam verdicts read from the arrived seed's headers."},
        subcommands = {SeedsCommand.TestCommand.class})
public final class SeedsCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: test");
    }

    @Command(name = "test", mixinStandardHelpOptions = true, header = "The campaign's message to the seeds only; a placement table.",
            description = {"Sends the campaign's message to every seed of guard.seeds only (through the first relay, DKIM-signed,",
                "throttled, exactly as a send would), waits for each seed in its mailbox's inbox and junk folder, and prints",
                "provider, seed, placement, spf/dkim/dmarc and spam score as the receiver reported them, and the arrival delay.",
                "No member is mailed and the campaign's runs are untouched. Exit 0 when every seed is in the inbox,",
                "3 when any is in junk or missing, 2 bad input."})
    static final class TestCommand implements Callable<Integer> {
        @Mixin
        GlobalOptions global;

        @Option(names = "--campaign", required = true, paramLabel = "NAME", description = "the campaign whose message the seeds get")
        String campaign;

        @Option(names = "--wait", paramLabel = "DURATION", description = "how long to wait for the seeds (default: guard.seed_first, else guard.seed_timeout)")
        String wait;

        @Option(names = "--format", paramLabel = "text|json", defaultValue = "text", description = "output format (default: ${DEFAULT-VALUE})")
        OutputFormat format;

        private final Environment env;

        TestCommand(Environment env) {
            this.env = env;
        }

        @Override
        public Integer call() throws Exception {
            Config config = global.load();
            Sandbox sandbox = global.sandbox ? Sandbox.start(global.config, env.clock(), global.journal != null ? global.journal
                    : org.listguard.config.Defaults.SANDBOX_JOURNAL_URL, global.scenario()) : null;
            Path scratchDir = Files.createTempDirectory("listguard-seeds-test");
            try (SignalStop stop = SignalStop.install(env)) {
                Map<String, String> vars = sandbox != null ? Sandbox.env(config, env.vars()) : env.vars();
                org.listguard.dns.DnsClient dns = sandbox != null ? sandbox.dns() : Services.dns(config);
                if (sandbox != null) config = sandbox.apply(config, true);
                Duration w = wait != null ? Durations.parse(wait)
                        : config.guard().seedFirstWait().orElse(config.guard().seedTimeout());
                CliOperator operator = new CliOperator(env, global.invocation(), stop);
                if (format == OutputFormat.JSON) operator.resultOnly();
                String helo = config.sender().helo();
                SeedsTest.Result result;
                try (operator; Journal scratch = Journal.open("jdbc:sqlite:" + scratchDir.resolve("seeds-test.db"), env.clock())) {
                    result = new SeedsTest(new SeedsTest.Ports(config, helo == null ? new AngusMailRelay() : new AngusMailRelay(helo), scratch,
                            org.listguard.reply.ReplyClassifier.withOverride(config.guard().replyRulesFile()),
                            new org.listguard.provider.Providers(dns), env.clock(), operator.sleeper(stop.sleeper()), vars, operator,
                            sandbox != null ? sandbox.seedWatchers() : new SeedMailboxOpener())).run(campaign, w);
                }
                if (format == OutputFormat.JSON) env.out().println(json(result));
                else env.out().print(table(result));
                env.out().flush();
                return result.allInbox() ? ExitCode.OK : ExitCode.NO_GO;
            } finally {
                if (sandbox != null) {
                    sandbox.close();
                    sandbox.collect("seeds-test"); // what the sandbox relay delivered, kept apart from the runs'
                }
                try (var files = Files.walk(scratchDir)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
        }

        static String table(SeedsTest.Result r) {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"PROVIDER", "SEED", "PLACEMENT", "FOLDER", "SPF", "DKIM", "DMARC", "SPAM", "ARRIVED"});
            for (SeedsTest.Row x : r.rows()) {
                var a = x.verdict().authentication();
                var s = x.verdict().spam();
                String spam = s == null ? "-" : s.text(false); // the rules are listed under the table
                rows.add(new String[] {x.provider(), x.seed(), x.placement().json(), x.folder() == null ? "-" : x.folder(), dash(a.spf()),
                        dash(a.dkim()), dash(a.dmarc()), spam, x.after() == null ? "-" : Durations.format(x.after())});
            }
            int[] width = new int[rows.get(0).length];
            for (String[] row : rows) for (int i = 0; i < row.length; i++) width[i] = Math.max(width[i], row[i].length());
            StringBuilder sb = new StringBuilder();
            for (String[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    sb.append(i == row.length - 1 ? row[i] : String.format("%-" + width[i] + "s  ", row[i]));
                }
                sb.append('\n');
            }
            for (SeedsTest.Row x : r.rows()) {
                if (x.refused() != null) sb.append(x.seed()).append(": the relay did not accept it: ").append(x.refused()).append('\n');
                var s = x.verdict().spam();
                if (x.placement() == Placement.JUNK && s != null && !s.rules().isEmpty()) {
                    sb.append(x.seed()).append(": ").append(s.engine()).append(" rules: ").append(String.join(", ", s.rules())).append('\n');
                }
            }
            long inbox = r.rows().stream().filter(x -> x.placement() == Placement.INBOX).count();
            sb.append(inbox).append(" of ").append(r.rows().size()).append(" seed(s) in the inbox (relay ").append(r.relay()).append(")\n");
            return Visible.text(sb.toString());
        }

        static String json(SeedsTest.Result r) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("relay", r.relay());
            out.put("all_inbox", r.allInbox());
            List<Map<String, Object>> seeds = new ArrayList<>();
            for (SeedsTest.Row x : r.rows()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("address", x.seed());
                m.put("provider", x.provider());
                m.put("placement", x.placement().json());
                m.put("folder", x.folder());
                Map<String, Object> v = x.verdict().json();
                m.put("authentication", v.get("authentication"));
                m.put("spam", v.get("spam"));
                if (x.after() != null) m.put("after_seconds", x.after().toSeconds());
                if (x.refused() != null) m.put("refused", x.refused());
                seeds.add(m);
            }
            out.put("seeds", seeds);
            return Json.write(out);
        }

        private static String dash(String s) { return s == null ? "-" : s; }
    }
}
