package org.listguard.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.listguard.config.Config;
import org.listguard.config.ConfigLoader;
import org.listguard.config.Defaults;
import org.listguard.config.DnsSettings;
import org.listguard.config.HostPort;
import org.listguard.config.JournalSettings;
import picocli.CommandLine.Option;

/** The options every command that reads a config accepts (DESIGN.md "Global options"). */
public final class GlobalOptions {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "config file (default: ${DEFAULT-VALUE})",
            defaultValue = Defaults.CONFIG_FILE)
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

    /** Debug detail on stderr: each recipient's SMTP outcome, the stack trace of a check that could not finish. */
    @Option(names = {"-v", "--verbose"}, description = "debug detail on stderr: each recipient's SMTP outcome, "
            + "and the stack trace of a check that could not finish")
    void verbose(boolean on) {
        if (on) {
            ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.listguard"))
                    .setLevel(ch.qos.logback.classic.Level.DEBUG);
        }
    }

    /** The config with command-line overrides applied. */
    public Config load() {
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
        return c;
    }
}
