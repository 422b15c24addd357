package org.listguard.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.listguard.journal.DmarcReports;
import org.listguard.journal.Timestamps;

/**
 * The run report's DMARC view (issue 24): what receivers' aggregate reports said about the run's
 * days, per reporter, source IP and class — messages, and how many DMARC saw with DKIM and SPF
 * passing. Shown only when reports have arrived; unverified ones are marked (they change nothing).
 */
final class DmarcHtml {
    private DmarcHtml() {}

    static void section(StringBuilder h, List<DmarcReports.Report> reports) {
        if (reports.isEmpty()) return;
        Map<String, long[]> lines = new LinkedHashMap<>();
        for (DmarcReports.Report r : reports) {
            for (DmarcReports.Row row : r.rows()) {
                long[] n = lines.computeIfAbsent(r.org() + "\n" + row.sourceIp() + "\n" + row.rowClass() + "\n" + r.verified(), k -> new long[3]);
                n[0] += row.count();
                if ("pass".equals(row.dkim())) n[1] += row.count();
                if ("pass".equals(row.spf())) n[2] += row.count();
            }
        }
        h.append("<section id=\"dmarc\"><h2>What receivers reported (DMARC)</h2><p class=\"note\">").append(reports.size())
                .append(" aggregate report(s) covering ").append(RunHtml.esc(Timestamps.format(reports.get(reports.size() - 1).begin())))
                .append(" to ").append(RunHtml.esc(Timestamps.format(reports.get(0).end())))
                .append(" UTC. relay: our egress; new-egress: the smart host's, learned; forwarder: our DKIM from someone else's IP; ")
                .append("dkim-fail: our egress, our signature failing; not-us: our domain without our DKIM.</p>")
                .append(RunHtml.tableOpen("dmarc", lines.size())).append("<thead><tr><th>reporter</th><th>source IP</th><th>class</th>")
                .append("<th class=\"n\">messages</th><th class=\"n\">DKIM pass</th><th class=\"n\">SPF pass</th></tr></thead><tbody>");
        lines.forEach((k, n) -> {
            String[] f = k.split("\n");
            boolean verified = Boolean.parseBoolean(f[3]);
            h.append("<tr><td>").append(RunHtml.esc(f[0])).append(verified ? "" : " <span class=\"note\">(unverified)</span>")
                    .append("</td><td>").append(RunHtml.esc(f[1])).append("</td><td class=\"")
                    .append(f[2].equals("dkim-fail") || f[2].equals("not-us") ? "s-warn" : "s-pass").append("\">").append(RunHtml.esc(f[2]))
                    .append("</td><td class=\"n\">").append(n[0]).append("</td><td class=\"n\">").append(pct(n[1], n[0]))
                    .append("</td><td class=\"n\">").append(pct(n[2], n[0])).append("</td></tr>");
        });
        h.append(RunHtml.TABLE_CLOSE).append("</section>\n");
    }

    private static String pct(long part, long all) {
        return String.format(Locale.ROOT, "%.0f %%", 100.0 * part / Math.max(1, all));
    }
}
