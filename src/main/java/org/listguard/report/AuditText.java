package org.listguard.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.listguard.audit.AuditReport;
import org.listguard.audit.Finding;
import org.listguard.audit.Status;

/**
 * The audit for a person: the verdict first, then findings grouped by target (failures first),
 * each problem with its remediation and URL. Passes are one line each.
 */
public final class AuditText {
    private AuditText() {}

    public static String render(AuditReport r) {
        return render(r, UnaryOperator.identity());
    }

    /**
     * As {@link #render(AuditReport)}, with {@code suggest} applied to listguard's own remediations
     * only (the commands in them run as printed); details, banners and records are remote text, shown as received.
     */
    public static String render(AuditReport r, UnaryOperator<String> suggest) {
        return render(r, r.findings(), suggest);
    }

    /** Only the findings that are not pass (with the whole audit's counts): what `send` shows before it starts. */
    public static String problems(AuditReport r, UnaryOperator<String> suggest) {
        return render(r, r.findings().stream().filter(f -> f.status() != Status.PASS).toList(), suggest);
    }

    private static String render(AuditReport r, List<Finding> shown, UnaryOperator<String> suggest) {
        StringBuilder sb = new StringBuilder();
        sb.append("Verdict: ").append(r.verdict().json().toUpperCase(java.util.Locale.ROOT))
                .append("   (").append(r.count(Status.FAIL)).append(" fail, ").append(r.count(Status.UNKNOWN)).append(" unknown, ")
                .append(r.count(Status.WARN)).append(" warn, ").append(r.count(Status.PASS)).append(" pass; checked ")
                .append(r.checkedAt()).append(")\n");
        Map<String, List<Finding>> byTarget = new LinkedHashMap<>();
        Finding resolver = shown.stream().filter(f -> "resolver".equals(f.check()) && f.status() == Status.UNKNOWN).findFirst().orElse(null);
        if (resolver != null) {
            // one top line: the other unknowns follow from it (all findings stay in --format json)
            long rest = shown.stream().filter(f -> f != resolver && f.status() == Status.UNKNOWN).count();
            sb.append('\n');
            line(sb, resolver, suggest);
            if (rest > 0) sb.append("          ").append(rest).append(" other check(s) are unknown because of it; `--format json` lists them\n");
            shown = shown.stream().filter(f -> f.status() != Status.UNKNOWN).toList();
        }
        for (Finding f : shown) {
            String key = (f.role() == null ? "" : f.role().json() + " ") + f.target();
            byTarget.computeIfAbsent(key, k -> new java.util.ArrayList<>()).add(f);
        }
        for (var e : byTarget.entrySet()) {
            sb.append('\n').append(e.getKey()).append('\n');
            for (Finding f : e.getValue()) line(sb, f, suggest);
        }
        return Visible.text(sb.toString()); // a relay's banner or reply is remote text
    }

    private static void line(StringBuilder sb, Finding f, UnaryOperator<String> suggest) {
        sb.append("  ").append(String.format("%-7s", f.status().json().toUpperCase(java.util.Locale.ROOT)))
                .append(' ').append(f.check());
        if (f.source() != null) sb.append(" [").append(f.source()).append(']');
        if (f.code() != null) sb.append(' ').append(f.code());
        if (f.meaning() != null) sb.append(" — ").append(f.meaning());
        sb.append('\n');
        if (f.status() != Status.PASS) {
            if (f.detail() != null) sb.append("          ").append(f.detail()).append('\n');
            if (f.remediation() != null) sb.append("          fix: ").append(suggest.apply(f.remediation())).append('\n');
            if (f.url() != null) sb.append("          see: ").append(f.url()).append('\n');
        }
    }
}
