package org.listguard.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.listguard.journal.Event;

/**
 * The seeds' placements of a run, from its {@code seed_placed} events (the latest per seed
 * address, in the order the seeds were first placed), in DESIGN.md's status shape:
 * {@code {address, provider, placement, folder, authentication: {spf, dkim, dmarc}, spam: {engine,
 * score, threshold, flagged, rules}}} plus {@code after_seconds} and {@code egress_ip}. Every view
 * (status text and JSON, the reports) reads them from here (DESIGN.md invariant 12).
 */
public final class SeedPlacements {
    private SeedPlacements() {}

    public static List<Map<String, Object>> of(List<Event> events) {
        Map<String, Map<String, Object>> latest = new LinkedHashMap<>();
        for (Event e : events) {
            if (!"seed_placed".equals(e.kind()) || e.detail() == null) continue;
            JsonNode n;
            try {
                n = Json.mapper().readTree(e.detail());
            } catch (IOException ex) {
                continue; // not ours to repair: the event stays in the journal as written
            }
            String address = n.path("seed").asText(null);
            if (address == null) continue;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("address", address);
            m.put("provider", n.path("provider").asText(null));
            m.put("placement", n.path("placement").asText(null));
            m.put("folder", n.path("folder").isTextual() ? n.get("folder").asText() : null);
            JsonNode auth = n.path("authentication");
            Map<String, Object> a = new LinkedHashMap<>();
            for (String k : List.of("spf", "dkim", "dmarc")) a.put(k, auth.path(k).isTextual() ? auth.get(k).asText() : null);
            m.put("authentication", a);
            JsonNode spam = n.path("spam");
            if (spam.isObject()) {
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("engine", spam.path("engine").asText(null));
                s.put("score", spam.path("score").isNumber() ? spam.get("score").asDouble() : null);
                s.put("threshold", spam.path("threshold").isNumber() ? spam.get("threshold").asDouble() : null);
                s.put("flagged", spam.path("flagged").isBoolean() ? spam.get("flagged").asBoolean() : null);
                List<String> rules = new ArrayList<>();
                spam.path("rules").forEach(r -> rules.add(r.asText()));
                s.put("rules", rules);
                m.put("spam", s);
            } else {
                m.put("spam", null);
            }
            if (n.path("after_seconds").isNumber()) m.put("after_seconds", n.get("after_seconds").asLong());
            if (n.path("egress_ip").isTextual()) m.put("egress_ip", n.get("egress_ip").asText());
            m.put("at", org.listguard.journal.Timestamps.format(e.at()));
            latest.remove(address);
            latest.put(address, m);
        }
        return new ArrayList<>(latest.values());
    }

    /** One line per seed for the text views: "seed-2@example.com (google): junk in Junk — spf=pass dkim=pass dmarc=pass; spamassassin 6.3/5.0 flagged". */
    public static List<String> lines(List<Map<String, Object>> placements) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> p : placements) {
            StringBuilder sb = new StringBuilder().append(p.get("address")).append(" (").append(p.get("provider")).append("): ")
                    .append(p.get("placement"));
            if (p.get("folder") != null) sb.append(" in ").append(p.get("folder"));
            @SuppressWarnings("unchecked") Map<String, Object> a = (Map<String, Object>) p.get("authentication");
            List<String> auth = new ArrayList<>();
            a.forEach((k, v) -> { if (v != null) auth.add(k + "=" + v); });
            if (!auth.isEmpty()) sb.append(" — ").append(String.join(" ", auth));
            @SuppressWarnings("unchecked") Map<String, Object> s = (Map<String, Object>) p.get("spam");
            if (s != null) {
                sb.append(auth.isEmpty() ? " — " : "; ").append(s.get("engine"));
                if (s.get("score") != null) sb.append(' ').append(s.get("score")).append(s.get("threshold") == null ? "" : "/" + s.get("threshold"));
                if (Boolean.TRUE.equals(s.get("flagged"))) sb.append(" flagged");
                @SuppressWarnings("unchecked") List<String> rules = (List<String>) s.get("rules");
                if (rules != null && !rules.isEmpty()) sb.append(" (").append(String.join(", ", rules)).append(')');
            }
            out.add(Visible.line(sb.toString()));
        }
        return out;
    }
}
