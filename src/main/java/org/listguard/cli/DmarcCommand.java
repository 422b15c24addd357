package org.listguard.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.listguard.audit.AuditReport;
import org.listguard.config.Config;
import org.listguard.config.Defaults;
import org.listguard.config.MailboxSettings;
import org.listguard.config.Sizes;
import org.listguard.dmarc.DmarcImport;
import org.listguard.dmarc.Unpacker;
import org.listguard.feedback.BounceMailbox;
import org.listguard.feedback.DkimReportSignatures;
import org.listguard.feedback.MailboxException;
import org.listguard.feedback.MailboxMessage;
import org.listguard.feedback.MessageTooLarge;
import org.listguard.feedback.ReportAuthenticator;
import org.listguard.journal.Journal;
import org.listguard.journal.JournalUrl;
import org.listguard.send.DmarcGate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code dmarc}: receivers' DMARC aggregate reports — import files, process the report mailbox, summarise (issue 24). */
@Command(name = "dmarc", header = "DMARC aggregate reports: import files, process dmarc.mailbox, summarise.", mixinStandardHelpOptions = true,
        description = {"Receivers send a daily DMARC aggregate report to the rua= address of your DMARC record: per source IP,",
            "how many messages they saw from your domain and whether DKIM and SPF passed. listguard keeps them, tells its",
            "own egress from forwarders and spoofers by your DKIM signature, learns the smart host's egress IPs, and adds",
            "dmarc-dkim, dmarc-egress, dmarc-spf and dmarc-coverage findings to the gate."},
        subcommands = {DmarcCommand.Import.class, DmarcCommand.Process.class, DmarcSummaryCommand.class})
public final class DmarcCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "a subcommand is required (import, process, summary)");
    }

    /** The audit with the DMARC findings of the config's journal, when that journal exists; never creates one. */
    static AuditReport withFindings(AuditReport report, Config config, String url, Environment env) {
        Optional<Path> file = JournalUrl.sqliteFile(url);
        if (file.isPresent() && !Files.exists(file.get())) return report;
        try (Journal j = StatusCommand.open(url, env)) {
            return DmarcGate.apply(report, j, config, env.clock());
        } catch (org.listguard.journal.JournalException e) { // fail closed (DESIGN.md invariant 1): not read is unknown, not pass
            java.util.List<org.listguard.audit.Finding> all = new ArrayList<>(report.findings());
            all.add(org.listguard.audit.Finding.of("dmarc-dkim", "journal", org.listguard.audit.Role.DOMAIN, org.listguard.audit.Status.UNKNOWN)
                    .withSource("journal").withMeaning("the DMARC reports in the journal could not be read")
                    .withDetail(e.getMessage()).withRemediation("Check journal.url (or --journal) and that the database is reachable."));
            return AuditReport.of(report.checkedAt(), all);
        }
    }

    /** DKIM verification of report messages through our resolver, created on the first message (a bare file needs none). */
    static ReportAuthenticator.Signatures signatures(Config config) {
        DkimReportSignatures[] verifier = new DkimReportSignatures[1];
        return raw -> {
            if (verifier[0] == null) verifier[0] = new DkimReportSignatures(Services.dns(config));
            return verifier[0].verified(raw);
        };
    }

    static void print(Environment env, DmarcImport.Outcome o) {
        env.out().println(line(o));
    }

    static void print(java.io.PrintWriter sink, DmarcImport.Outcome o) {
        sink.println(line(o));
    }

    static String line(DmarcImport.Outcome o) {
        if (o instanceof DmarcImport.Outcome.Applied a) {
            return (a.verified() ? "applied    " : "unverified ") + a.org() + " " + a.reportId() + "  " + a.messages() + " message(s)" + classes(a)
                    + (a.verified() ? "  [" + a.verifiedBy() + "]" : "  (not signed by the reporter: kept, changes nothing)")
                    + (a.learned().isEmpty() ? "" : "  learned egress " + String.join(", ", a.learned()))
                    + (a.notLearned().isEmpty() ? "" : "  not learned (not a public address, or a reporter listguard does not know): " + String.join(", ", a.notLearned()))
                    + "  <- " + a.source()
                    + (a.deviations().isEmpty() ? "" : "\n           tolerated: " + String.join("; ", a.deviations()));
        }
        if (o instanceof DmarcImport.Outcome.Duplicate d) return "duplicate  " + d.org() + " " + d.reportId() + " (applied before)  <- " + d.source();
        if (o instanceof DmarcImport.Outcome.SetAside s) return "set aside  " + s.source() + ": " + s.reason();
        return "no report  " + o.source() + " (no .xml, .gz or .zip report attachment)";
    }

    private static String classes(DmarcImport.Outcome.Applied a) {
        List<String> parts = new ArrayList<>();
        a.byClass().forEach((c, n) -> parts.add(c.json() + " " + n));
        return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
    }

    @Command(name = "import", header = "Import DMARC aggregate report files (.xml, .xml.gz, .zip, or a report message .eml).",
            mixinStandardHelpOptions = true,
            description = {"Reads each file, sets aside (with the reason) any that is not a usable report, and applies each",
                "report once (by reporter and report id). A report message (.eml) is verified by its DKIM signature;",
                "a bare attachment carries none and is kept unverified (changes nothing) unless you vouch for it with --trusted.",
                "Exit 0 when every file was applied (or had been), 2 when one was set aside or could not be read."})
    public static final class Import implements Callable<Integer> {
        @Mixin
        GlobalOptions global;

        @Parameters(paramLabel = "FILE", arity = "1..*", description = "report files")
        List<Path> files;

        @Option(names = "--trusted", description = "vouch for bare report files (you took them from the rua= mailbox yourself)")
        boolean trusted;

        private final Environment env;

        public Import(Environment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            Config config = global.load();
            boolean bad = false;
            try (Journal journal = StatusCommand.open(StatusCommand.journalUrl(global), env)) {
                DmarcImport importer = new DmarcImport(journal, config, signatures(config), Unpacker.Limits.DEFAULT);
                for (Path f : files) {
                    byte[] bytes;
                    try {
                        if (Files.size(f) > Unpacker.Limits.DEFAULT.maxCompressed()) {
                            env.out().println("set aside  " + f + ": " + Files.size(f) + " bytes, over the "
                                    + Unpacker.Limits.DEFAULT.maxCompressed() + "-byte limit");
                            bad = true;
                            continue;
                        }
                        bytes = Files.readAllBytes(f);
                    } catch (NoSuchFileException e) {
                        env.out().println("unreadable " + f + ": no such file");
                        bad = true;
                        continue;
                    } catch (IOException e) {
                        env.out().println("unreadable " + f + ": " + e.getMessage());
                        bad = true;
                        continue;
                    }
                    for (DmarcImport.Outcome o : importer.apply(f.toString(), bytes, trusted)) {
                        print(env, o);
                        bad |= o instanceof DmarcImport.Outcome.SetAside || o instanceof DmarcImport.Outcome.NoReport;
                    }
                }
            }
            env.out().flush();
            return bad ? ExitCode.INPUT : ExitCode.OK;
        }
    }

    @Command(name = "process", header = "Read dmarc.mailbox and apply the report messages in it.", mixinStandardHelpOptions = true,
            description = {"Reads the mailbox of dmarc.mailbox (IMAP or Maildir, like bounces.mailbox; it may be the same one).",
                "Each report message is verified by its DKIM signature, applied once and moved to the processed folder;",
                "a bad report is set aside with its reason; messages without a report (bounces) are left where they are.",
                "Exit 0 done, 2 bad config or mailbox error."})
    public static final class Process implements Callable<Integer> {
        @Mixin
        GlobalOptions global;

        private final Environment env;

        public Process(Environment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            Config config = global.load();
            MailboxSettings m = config.dmarc().mailboxSettings().orElseThrow(() -> config.source().error("dmarc",
                    "no dmarc.mailbox: add dmarc.mailbox (an IMAP host or a maildir, often the same as bounces.mailbox)"));
            processMailbox(config, m, StatusCommand.journalUrl(global), env, env.out());
            env.out().flush();
            return ExitCode.OK;
        }
    }

    /**
     * Applies the report messages of {@code m} (dmarc.mailbox), printing one line per report to
     * {@code out}; {@code bounces process} runs it too when dmarc.mailbox is set (issue 24).
     */
    static int processMailbox(Config config, MailboxSettings m, String journalUrl, Environment env, java.io.PrintWriter sink) {
            int applied = 0;
            long max = config.bounceSettings().map(b -> b.maxMessageBytes()).orElse(Sizes.parse(Defaults.MAX_MESSAGE_SIZE));
            try (Journal journal = StatusCommand.open(journalUrl, env);
                 BounceMailbox mailbox = BouncesProcessCommand.open(m, max, env, org.listguard.feedback.ReadMarks.in(journal, "dmarc"))) {
                DmarcImport importer = new DmarcImport(journal, config, signatures(config), Unpacker.Limits.DEFAULT);
                for (MailboxMessage msg : mailbox.messages()) {
                    byte[] raw;
                    try {
                        raw = mailbox.read(msg);
                    } catch (MessageTooLarge e) {
                        String where = mailbox.setAside(msg, e.getMessage());
                        print(sink, new DmarcImport.Outcome.SetAside(msg.source(), e.getMessage() + "; moved to " + where));
                        continue;
                    }
                    List<DmarcImport.Outcome> out = importer.apply(msg.source(), raw, false);
                    if (out.stream().allMatch(o -> o instanceof DmarcImport.Outcome.NoReport)) { // not a report: left alone, read once (issue 21)
                        mailbox.left(msg);
                        continue;
                    }
                    out.forEach(o -> print(sink, o));
                    boolean used = out.stream().anyMatch(o -> o instanceof DmarcImport.Outcome.Applied || o instanceof DmarcImport.Outcome.Duplicate);
                    if (used) {
                        mailbox.markProcessed(msg);
                        applied++;
                    } else {
                        mailbox.setAside(msg, ((DmarcImport.Outcome.SetAside) out.stream()
                                .filter(o -> o instanceof DmarcImport.Outcome.SetAside).findFirst().orElseThrow()).reason());
                    }
                }
                sink.println(applied + " report message(s) processed from " + mailbox.describe() + ".");
            } catch (MailboxException e) {
                throw config.source().error("dmarc.mailbox." + e.setting(), e.getMessage());
            }
        sink.flush();
        return applied;
    }
}
