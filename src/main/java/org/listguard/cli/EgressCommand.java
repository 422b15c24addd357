package org.listguard.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.listguard.guard.EgressPolicy;
import org.listguard.journal.EgressIp;
import org.listguard.journal.Journal;
import org.listguard.journal.Timestamps;
import org.listguard.report.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code egress}: the relay egress IPs learned from reports (DELIVERABILITY.md s5), with how each
 * was learned and whether the gate audits it; {@code egress forget IP} removes one. The gate audits
 * only IPs learned from a source a member cannot forge (our seed's Received: line, a verified
 * DMARC report) or from guard.corroborate distinct members (DESIGN.md invariant 11).
 */
@Command(name = "egress", header = "The relay egress IPs learned from reports; forget removes one.", mixinStandardHelpOptions = true,
        description = {"Behind a smart host, receivers judge the ISP's egress IP, which is often not the host you connect to.",
            "listguard learns it from our seeds' Received: lines, from the DSNs of guard.corroborate distinct members, and",
            "from verified DMARC reports, and the gate audits it on every list before each run. One member's report never",
            "teaches an IP, and no loopback, private, shared, documentation or test address is ever learned.",
            "Older rows learned from a single report (source dsn) are listed but not audited.",
            "`egress forget IP` removes an IP you know is not your relay's."},
        subcommands = {EgressCommand.Forget.class})
public final class EgressCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text", description = "output format (default: ${DEFAULT-VALUE})")
    OutputFormat format;

    private final Environment env;

    public EgressCommand(Environment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        try (Journal journal = StatusCommand.open(StatusCommand.journalUrl(global), env)) {
            List<EgressIp> learned = journal.downstream().egressIps();
            if (format == OutputFormat.JSON) {
                env.out().println(Json.write(learned.stream().map(EgressCommand::json).toList()));
            } else if (learned.isEmpty()) {
                env.out().println("No egress IP learned. relays[].ips is what the gate audits.");
            } else {
                for (EgressIp e : learned) {
                    env.out().printf("%s\t%s\tfirst seen %s\tlast seen %s\t%s%n", e.ip(), e.source(), Timestamps.format(e.firstSeen()),
                            Timestamps.format(e.lastSeen()), audited(e) ? "audited by the gate" : "not audited: " + whyNot(e));
                }
                env.out().println("`" + global.invocation().command("egress forget", "IP") + "` removes one.");
            }
            env.out().flush();
            return ExitCode.OK;
        }
    }

    static boolean audited(EgressIp e) {
        return EgressPolicy.audited(e.source(), e.ip());
    }

    private static String whyNot(EgressIp e) {
        if (!EgressPolicy.routable(e.ip())) return "not a public unicast address";
        return "learned from one report before corroboration was required";
    }

    private static Map<String, Object> json(EgressIp e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ip", e.ip());
        m.put("source", e.source());
        m.put("first_seen", Timestamps.format(e.firstSeen()));
        m.put("last_seen", Timestamps.format(e.lastSeen()));
        m.put("run", e.run());
        m.put("audited", audited(e));
        m.put("detail", e.detail());
        m.values().removeIf(java.util.Objects::isNull);
        return m;
    }

    @Command(name = "forget", mixinStandardHelpOptions = true,
            description = {"Forget a learned egress IP (from every source it was learned from): the gate no longer audits it."})
    public static final class Forget implements Callable<Integer> {
        @Mixin
        GlobalOptions global;

        @Parameters(index = "0", paramLabel = "IP", description = "an IP as `listguard egress` lists it")
        String ip;

        private final Environment env;

        public Forget(Environment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            try (Journal journal = StatusCommand.open(StatusCommand.journalUrl(global), env)) {
                int n = journal.downstream().forgetEgress(ip.trim());
                env.out().println(n == 0 ? "no learned egress IP " + ip.trim() : "forgot " + ip.trim() + "; the gate no longer audits it");
                env.out().flush();
                return n == 0 ? ExitCode.INPUT : ExitCode.OK;
            }
        }
    }
}
