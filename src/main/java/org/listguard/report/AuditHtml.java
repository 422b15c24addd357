package org.listguard.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The gate's audit in the HTML report, from the audit JSON journaled with the run. A finding kind
 * (status, check, meaning, remediation) is said once, with every zone, IP or domain it was found
 * for listed under it, rather than the same text once per zone; passes are one line per check
 * with the targets and sources it passed for (a repeated source is counted, ×N). Nothing is
 * dropped: every finding's target, source, code, detail and URL is still there. Findings are a
 * list, not a table, so they reflow on a phone and do not split across printed pages.
 */
final class AuditHtml {
    private AuditHtml() {}

    static void section(StringBuilder h, JsonNode a) {
        h.append("<section id=\"audit\"><h2>The gate's audit</h2>");
        if (a == null || !a.has("findings")) {
            h.append("<p>The journal has no audit for this run.</p></section>\n");
            return;
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String s : List.of("fail", "unknown", "warn", "pass")) counts.put(s, 0);
        Map<String, List<JsonNode>> problems = new LinkedHashMap<>();
        Map<String, Map<String, List<String>>> passes = new LinkedHashMap<>(); // check → target → sources
        for (JsonNode f : a.get("findings")) {
            String st = f.path("status").asText("unknown");
            counts.merge(st, 1, Integer::sum);
            if (st.equals("pass")) {
                String target = (f.hasNonNull("role") ? f.get("role").asText() + " " : "") + f.path("target").asText("");
                passes.computeIfAbsent(f.path("check").asText("?"), k -> new LinkedHashMap<>())
                        .computeIfAbsent(target.strip(), k -> new ArrayList<>()).add(f.hasNonNull("source") ? f.get("source").asText() : "");
            } else {
                String kind = st + "\n" + f.path("check").asText() + "\n" + f.path("meaning").asText("") + "\n" + f.path("remediation").asText("");
                problems.computeIfAbsent(kind, k -> new ArrayList<>()).add(f);
            }
        }
        List<String> tally = new ArrayList<>();
        counts.forEach((k, v) -> tally.add(v + " " + k));
        h.append("<p>Verdict <strong>").append(RunHtml.esc(a.path("verdict").asText("?").toUpperCase(Locale.ROOT))).append("</strong> (")
                .append(RunHtml.esc(String.join(", ", tally))).append(")")
                .append(a.has("checked_at") ? ", checked " + RunHtml.esc(a.get("checked_at").asText()) + " UTC" : "").append(".</p>");
        if (problems.isEmpty()) h.append("<p>No finding other than pass.</p>");
        else {
            h.append("<ul class=\"findings\">");
            for (List<JsonNode> group : problems.values()) problem(h, group);
            h.append("</ul>");
        }
        if (!passes.isEmpty()) {
            h.append("<p class=\"note\">").append(counts.get("pass")).append(" passed:</p><ul class=\"passes\">");
            passes.forEach((check, targets) -> {
                int n = targets.values().stream().mapToInt(List::size).sum();
                List<String> parts = new ArrayList<>();
                targets.forEach((target, sources) -> parts.add(target + sourcesText(sources)));
                h.append("<li><strong>").append(RunHtml.esc(check)).append("</strong> (").append(n).append("): ")
                        .append(RunHtml.esc(String.join("; ", parts))).append("</li>");
            });
            h.append("</ul>");
        }
        h.append("</section>\n");
    }

    /** One finding kind: said once, then each place it was found with what is particular to it. */
    private static void problem(StringBuilder h, List<JsonNode> group) {
        JsonNode first = group.get(0);
        String st = first.path("status").asText();
        h.append("<li class=\"finding f-").append(RunHtml.esc(st)).append("\"><p><span class=\"s-").append(RunHtml.esc(st)).append("\">")
                .append(RunHtml.esc(st.toUpperCase(Locale.ROOT))).append("</span> <strong>").append(RunHtml.esc(first.path("check").asText()))
                .append("</strong>").append(first.hasNonNull("meaning") ? " — " + RunHtml.esc(first.get("meaning").asText()) : "")
                .append(group.size() > 1 ? " <span class=\"note\">(" + group.size() + " findings)</span>" : "").append("</p>");
        String url = sameUrl(group);
        h.append("<ul class=\"where\">");
        for (JsonNode f : group) {
            StringBuilder where = new StringBuilder();
            if (f.hasNonNull("role")) where.append(f.get("role").asText()).append(' ');
            where.append(f.path("target").asText(""));
            if (f.hasNonNull("source")) where.append(" [").append(f.get("source").asText()).append(']');
            if (f.hasNonNull("code")) where.append(": ").append(f.get("code").asText());
            h.append("<li><strong>").append(RunHtml.esc(where.toString().strip())).append("</strong>");
            if (f.hasNonNull("detail")) h.append(" — ").append(RunHtml.esc(f.get("detail").asText()));
            if (url == null && f.hasNonNull("url")) h.append(" <span class=\"url\">").append(RunHtml.esc(f.get("url").asText())).append("</span>");
            h.append("</li>");
        }
        h.append("</ul>");
        if (first.hasNonNull("remediation")) h.append("<p>What to do: ").append(RunHtml.esc(first.get("remediation").asText())).append("</p>");
        if (url != null) h.append("<p class=\"url\">").append(RunHtml.esc(url)).append("</p>");
        h.append("</li>");
    }

    /** The group's URL when every finding has the same one, else null (each is then shown with its finding). */
    private static String sameUrl(List<JsonNode> group) {
        String url = group.get(0).hasNonNull("url") ? group.get(0).get("url").asText() : null;
        for (JsonNode f : group) {
            String u = f.hasNonNull("url") ? f.get("url").asText() : null;
            if (url == null || !url.equals(u)) return null;
        }
        return url;
    }

    /** " [a, b ×3]": the sources in first-seen order, a repeated one with its count; "" when none. */
    static String sourcesText(List<String> sources) {
        Map<String, Integer> n = new LinkedHashMap<>();
        for (String s : sources) if (!s.isEmpty()) n.merge(s, 1, Integer::sum);
        int unnamed = (int) sources.stream().filter(String::isEmpty).count();
        if (n.isEmpty()) return unnamed > 1 ? " ×" + unnamed : "";
        List<String> parts = new ArrayList<>();
        n.forEach((s, c) -> parts.add(c > 1 ? s + " ×" + c : s));
        return " [" + String.join(", ", parts) + "]" + (unnamed > 0 ? " and " + unnamed + " more" : "");
    }
}
