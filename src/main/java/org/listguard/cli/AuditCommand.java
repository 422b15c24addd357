package org.listguard.cli;

import java.util.Optional;
import java.util.concurrent.Callable;
import org.listguard.audit.Audit;
import org.listguard.audit.AuditReport;
import org.listguard.audit.Checks;
import org.listguard.config.Campaign;
import org.listguard.config.Config;
import org.listguard.report.AuditText;
import org.listguard.report.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "audit", header = "Preflight audit of reputation, rDNS, SPF/DKIM/DMARC, MX and the relays; sends nothing.", mixinStandardHelpOptions = true,
        description = {"Preflight audit: reputation lists, rDNS, SPF, DKIM, DMARC, MX, the relays, and with",
            "--campaign the list and the link domains. No mail is sent.",
            "Exit 0 go, 3 no-go, 4 unknown."})
public final class AuditCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global;

    @Option(names = "--campaign", paramLabel = "NAME", description = "also check this campaign's list and link domains")
    String campaign;

    @Option(names = "--format", paramLabel = "text|json", description = "output format (default: ${DEFAULT-VALUE})", defaultValue = "text")
    OutputFormat format;

    private final Environment env;

    public AuditCommand(Environment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        Config config = global.load();
        Optional<Campaign> camp = campaign == null ? Optional.empty() : Optional.of(config.campaign(campaign));
        AuditReport report;
        String scenario = global.scenario();
        if (global.sandbox) {
            try (Sandbox sandbox = Sandbox.start(global.config, env.clock(), global.journal != null ? global.journal : org.listguard.config.Defaults.SANDBOX_JOURNAL_URL, scenario)) {
                Config sc = sandbox.apply(config, true);
                report = new Audit(Checks.standard(new org.listguard.deliver.HttpEndpointProbe(), complaints(StatusCommand.journalUrl(global), config.guard().corroborate()))).run(new org.listguard.audit.AuditContext(sc, sandbox.dns(),
                        Services.relayProbe(sc), env.clock(), Sandbox.env(sc, env.vars()), camp));
            }
        } else {
            report = new Audit(Checks.standard(new org.listguard.deliver.HttpEndpointProbe(), complaints(config.journal().url(), config.guard().corroborate())))
                    .run(Services.auditContext(config, Services.dns(config), Services.relayProbe(config), env, camp));
        }
        report = DmarcCommand.withFindings(report, config, StatusCommand.journalUrl(global), env); // receivers' DMARC reports (issue 24)
        // remediations name commands (`listguard blocks clear …`): with this invocation's options, so they run as printed
        env.out().print(format == OutputFormat.JSON ? Json.write(report) + "\n" : AuditText.render(report, global.invocation()::rewrite));
        env.out().flush();
        return exitCode(report);
    }

    /** The campaign's latest complaint rate, read from the journal when it exists (the bulk-sender section); never creates one. */
    private org.listguard.audit.bulk.BulkSenderCheck.ComplaintHistory complaints(String url, int corroborate) {
        return name -> {
            Optional<java.nio.file.Path> file = org.listguard.journal.JournalUrl.sqliteFile(url);
            if (file.isPresent() && !java.nio.file.Files.exists(file.get())) return Optional.empty();
            try (org.listguard.journal.Journal j = org.listguard.journal.Journal.open(url, env.clock())) {
                return j.feedback().complaintRate(name, corroborate).filter(r -> r.accepted() > 0).map(org.listguard.journal.ComplaintRate::percent);
            } catch (RuntimeException e) {
                return Optional.empty(); // no journal to read: the section says nothing about complaints
            }
        };
    }

    static int exitCode(AuditReport r) {
        return switch (r.verdict()) {
            case GO -> ExitCode.OK;
            case NO_GO -> ExitCode.NO_GO;
            case UNKNOWN -> ExitCode.UNKNOWN;
        };
    }
}
