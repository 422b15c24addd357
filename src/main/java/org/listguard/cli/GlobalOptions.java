package org.listguard.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.listguard.config.Config;
import org.listguard.config.ConfigException;
import org.listguard.config.ConfigLoader;
import org.listguard.config.Defaults;
import org.listguard.config.DnsSettings;
import org.listguard.config.HostPort;
import org.listguard.config.JournalSettings;
import org.listguard.report.Invocation;
import picocli.CommandLine.Option;

/**
 * The options every command that reads a config accepts (DESIGN.md "Global options").
 *
 * <p>The config file is found in this order: {@code -c FILE}, then the {@code LISTGUARD_CONFIG}
 * environment variable, then {@code ./config/listguard.yaml}, then
 * {@code /etc/listguard/listguard.yaml}; an error about a missing file says where it looked.
 */
public final class GlobalOptions {
    /** The system-wide config, the last place looked. */
    static final Path SYSTEM_CONFIG = Path.of("/etc/listguard/listguard.yaml");
    static final String CONFIG_VAR = "LISTGUARD_CONFIG";

    private final Map<String, String> vars;
    /** Where the config was found when -c was not given, and how (for messages). */
    private final Path discovered;
    private final String discoveredBy;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "config file (default: $LISTGUARD_CONFIG, then config/listguard.yaml, then /etc/listguard/listguard.yaml)")
    Path config;

    @Option(names = "--dns", paramLabel = "HOST[:PORT]", description = "DNS resolver to use (repeatable); overrides dns.resolvers")
    List<String> dns = new ArrayList<>();

    @Option(names = "--journal", paramLabel = "JDBC_URL", description = "journal database; overrides journal.url")
    String journal;

    @Option(names = "--sandbox", description = "offline: DNS from the simulated world next to the config (sandbox/*.zone), "
            + "an in-process SMTP server instead of every relay, and a journal of its own (out/sandbox/)")
    boolean sandbox;

    @Option(names = "--scenario", paramLabel = "NAME", description = "with --sandbox: run in one of the offline worlds of "
            + "config/sandbox/scenarios/ (a listed relay, a receiver's block, a silent discard, …); `listguard sandbox scenarios` lists them")
    String scenario;

    /** The scenario to run the sandbox in, or null; an error without --sandbox. */
    String scenario() {
        if (scenario != null && !sandbox) throw new org.listguard.InputException(null, 0, "--scenario", "only with --sandbox");
        return scenario;
    }

    @Option(names = "--log-format", paramLabel = "text|json",
            description = "log lines without a terminal (cron, daemon): text (key=value, the default) or json (one object per line)")
    void logFormat(LogStyle style) {
        LogStyle.use(style);
    }

    /** Debug detail on stderr: each recipient's SMTP outcome, the stack trace of a check that could not finish. */
    @Option(names = {"-v", "--verbose"}, description = "debug detail on stderr: each recipient's SMTP outcome, "
            + "and the stack trace of a check that could not finish")
    void verbose(boolean on) {
        if (on) {
            ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.listguard"))
                    .setLevel(ch.qos.logback.classic.Level.DEBUG);
        }
    }

    public GlobalOptions() {
        this(System.getenv());
    }

    public GlobalOptions(Environment env) {
        this(env.vars());
    }

    private GlobalOptions(Map<String, String> vars) {
        this.vars = vars;
        String fromVar = vars.get(CONFIG_VAR);
        Path local = Path.of(Defaults.CONFIG_FILE);
        if (fromVar != null && !fromVar.isBlank()) {
            discovered = Path.of(fromVar);
            discoveredBy = CONFIG_VAR;
        } else if (Files.exists(local) || !Files.exists(SYSTEM_CONFIG)) {
            discovered = local;
            discoveredBy = "./" + Defaults.CONFIG_FILE;
        } else {
            discovered = SYSTEM_CONFIG;
            discoveredBy = SYSTEM_CONFIG.toString();
        }
        config = discovered; // picocli keeps a field's initial value when the option is not given
    }

    @picocli.CommandLine.Spec(picocli.CommandLine.Spec.Target.MIXEE)
    picocli.CommandLine.Model.CommandSpec mixee;

    /** True when the config file was given with -c (not found by discovery). */
    boolean configGiven() {
        var parsed = mixee == null ? null : mixee.commandLine().getParseResult();
        if (parsed != null) return parsed.hasMatchedOption("--config");
        return !config.equals(discovered);
    }

    /** How the config file was chosen, for messages: "-c", "LISTGUARD_CONFIG", "./config/listguard.yaml"… */
    String configFoundBy() {
        return configGiven() ? "-c" : discoveredBy;
    }

    /** The config with command-line overrides applied. */
    public Config load() {
        if (!Files.exists(config)) {
            throw new ConfigException(config.toString(), 0, null, "config file not found (" + configFoundBy() + "). listguard looks for "
                    + "the config in this order: -c FILE, then $" + CONFIG_VAR + " (" + (vars.get(CONFIG_VAR) == null ? "not set" : vars.get(CONFIG_VAR))
                    + "), then ./" + Defaults.CONFIG_FILE + ", then " + SYSTEM_CONFIG);
        }
        Config c = new ConfigLoader().load(config);
        if (!dns.isEmpty()) {
            List<HostPort> rs = new ArrayList<>();
            for (String d : dns) {
                try {
                    rs.add(HostPort.parse(d, 53));
                } catch (IllegalArgumentException e) {
                    throw new org.listguard.InputException(null, 0, "--dns", e.getMessage());
                }
            }
            c = c.withDns(new DnsSettings(rs, c.dns().timeout()));
        }
        if (journal != null) c = c.withJournal(new JournalSettings(journal));
        // --sandbox has a journal of its own (out/sandbox/): every command sees the same one, never the real runs
        else if (sandbox) c = c.withJournal(new JournalSettings(Defaults.SANDBOX_JOURNAL_URL));
        return c;
    }

    /**
     * The global options to repeat in a suggested command: -c when the file was given or came from
     * $LISTGUARD_CONFIG (another shell may not have it), each --dns, --journal and --sandbox; --scenario
     * for the commands that run in the sandbox's world (send, audit, seeds test).
     */
    public Invocation invocation() {
        List<String> g = new ArrayList<>();
        if (configGiven() || discoveredBy.equals(CONFIG_VAR)) {
            g.add("-c");
            g.add(config.toString());
        }
        for (String d : dns) {
            g.add("--dns");
            g.add(d);
        }
        if (journal != null) {
            g.add("--journal");
            g.add(journal);
        }
        if (sandbox) g.add("--sandbox");
        return new Invocation(g).inScenario(sandbox ? scenario : null); // a printed send replays the same world
    }

    /** As {@link #invocation()}, for what a command about {@code run} prints: a sandbox run resumes in the scenario it was sent in. */
    public Invocation invocationFor(String run) {
        Invocation inv = invocation();
        if (!sandbox || scenario != null) return inv;
        return inv.inScenario(RunScenarios.in(StatusCommand.journalUrl(this)).scenarioOf(run));
    }
}
