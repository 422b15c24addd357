package org.listguard.cli;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.listguard.journal.DmarcReports;
import org.listguard.journal.Journal;
import org.listguard.journal.Timestamps;
import org.listguard.report.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code dmarc summary}: what receivers reported in the last N days — text and CSV per reporter
 * and source IP (messages, DKIM and SPF pass rates as DMARC evaluated them, class); JSON per
 * report in DESIGN.md's shape, plus {@code verified_by}.
 */
@Command(name = "summary", header = "What receivers' DMARC reports said, per reporter and source IP.", mixinStandardHelpOptions = true,
        description = {"Per reporter and source IP: messages, the share with DKIM and SPF passing (DMARC's aligned verdicts), and",
            "listguard's class of the IP: relay (our egress), new-egress (the smart host's, learned), forwarder, dkim-fail",
            "(our egress, our signature failing), not-us (your domain without your DKIM: spoofing or a forgotten sender).",
            "Unverified reports are shown and marked; they change nothing. Files set aside are listed with the reason."})
public final class DmarcSummaryCommand implements Callable<Integer> {
    public enum Format { TEXT, JSON, CSV }

    @Mixin
    GlobalOptions global;

    @Option(names = "--days", paramLabel = "N", description = "reports whose period ended in the last N days (default: dmarc.window, 7)")
    Integer days;

    @Option(names = "--format", paramLabel = "text|json|csv", defaultValue = "text", description = "output format (default: ${DEFAULT-VALUE})")
    Format format;

    private final Environment env;

    public DmarcSummaryCommand(Environment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        if (days != null && days < 1) throw new org.listguard.InputException(null, 0, "--days", "must be at least 1");
        Duration window = days != null ? Duration.ofDays(days) : global.journal != null ? Duration.ofDays(7) : global.load().dmarc().window();
        Instant since = env.clock().instant().minus(window);
        List<DmarcReports.Report> reports;
        List<DmarcReports.SetAside> setAside;
        try (Journal journal = StatusCommand.openExisting(global, env)) {
            reports = journal.dmarcReports().endingSince(since);
            setAside = journal.dmarcReports().setAsideSince(since);
        }
        env.out().print(switch (format) {
            case JSON -> Json.write(json(reports, setAside)) + "\n";
            case CSV -> csv(reports);
            case TEXT -> text(reports, setAside, window);
        });
        env.out().flush();
        return ExitCode.OK;
    }

    static Map<String, Object> json(List<DmarcReports.Report> reports, List<DmarcReports.SetAside> setAside) {
        List<Object> rs = new ArrayList<>();
        for (DmarcReports.Report r : reports) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("org", r.org());
            m.put("report_id", r.reportId());
            m.put("begin", Timestamps.format(r.begin()));
            m.put("end", Timestamps.format(r.end()));
            m.put("verified", r.verified());
            m.put("verified_by", r.verifiedBy());
            List<Object> rows = new ArrayList<>();
            for (DmarcReports.Row row : r.rows()) {
                Map<String, Object> w = new LinkedHashMap<>();
                w.put("source_ip", row.sourceIp());
                w.put("count", row.count());
                w.put("disposition", row.disposition());
                w.put("spf", row.spf());
                w.put("dkim", row.dkim());
                w.put("header_from", row.headerFrom());
                w.put("class", row.rowClass());
                rows.add(w);
            }
            m.put("rows", rows);
            rs.add(m);
        }
        List<Object> aside = new ArrayList<>();
        for (DmarcReports.SetAside s : setAside) aside.add(Map.of("file", s.source(), "reason", s.reason()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("reports", rs);
        out.put("set_aside", aside);
        return out;
    }

    /** One line per (reporter, source IP, verified, class): messages, DKIM/SPF pass counts. */
    record Line(String org, String ip, boolean verified, long messages, long dkimPass, long spfPass, String rowClass) {}

    static List<Line> lines(List<DmarcReports.Report> reports) {
        Map<String, long[]> counts = new LinkedHashMap<>();
        for (DmarcReports.Report r : reports) {
            for (DmarcReports.Row row : r.rows()) {
                String k = r.org() + "\n" + row.sourceIp() + "\n" + r.verified() + "\n" + row.rowClass();
                long[] n = counts.computeIfAbsent(k, x -> new long[3]);
                n[0] += row.count();
                if ("pass".equals(row.dkim())) n[1] += row.count();
                if ("pass".equals(row.spf())) n[2] += row.count();
            }
        }
        List<Line> out = new ArrayList<>();
        counts.forEach((k, n) -> {
            String[] f = k.split("\n");
            out.add(new Line(f[0], f[1], Boolean.parseBoolean(f[2]), n[0], n[1], n[2], f[3]));
        });
        return out;
    }

    static String text(List<DmarcReports.Report> reports, List<DmarcReports.SetAside> setAside, Duration window) {
        StringBuilder sb = new StringBuilder();
        if (reports.isEmpty()) {
            sb.append("No DMARC report ended in the last ").append(org.listguard.config.Durations.human(window)).append(".\n");
        } else {
            sb.append(String.format(Locale.ROOT, "%-22s %-39s %9s %6s %6s  %s%n", "reporter", "source IP", "messages", "dkim", "spf", "class"));
            for (Line l : lines(reports)) {
                sb.append(String.format(Locale.ROOT, "%-22s %-39s %9d %5.0f%% %5.0f%%  %s%s%n", l.org(), l.ip(), l.messages(),
                        100.0 * l.dkimPass() / Math.max(1, l.messages()), 100.0 * l.spfPass() / Math.max(1, l.messages()), l.rowClass(),
                        l.verified() ? "" : "  (unverified: changes nothing)"));
            }
            sb.append(reports.size()).append(" report(s); dkim/spf: the share DMARC saw pass and aligned.\n");
        }
        for (DmarcReports.SetAside s : setAside) sb.append("set aside  ").append(s.source()).append(": ").append(s.reason()).append('\n');
        return sb.toString();
    }

    static String csv(List<DmarcReports.Report> reports) {
        StringWriter w = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder()
                .setHeader("reporter", "source_ip", "verified", "messages", "dkim_pass", "spf_pass", "class").build())) {
            for (Line l : lines(reports)) p.printRecord(l.org(), l.ip(), l.verified(), l.messages(), l.dkimPass(), l.spfPass(), l.rowClass());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }
}
