package org.listguard.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.listguard.events.Journaled;
import org.listguard.events.RunRecord;

/**
 * The seeds' placements of a run, from its {@code seed_placed} events (the latest per seed
 * address, in the order the seeds were first placed), in DESIGN.md's status shape:
 * {@code {address, provider, placement, folder, authentication: {spf, dkim, dmarc}, spam: {engine,
 * score, threshold, flagged, rules}}} plus {@code after_seconds} and {@code egress_ip}. Every view
 * (status text and JSON, the reports) reads them from here (DESIGN.md invariant 12).
 */
public final class SeedPlacements {
    private SeedPlacements() {}

    public static List<Map<String, Object>> of(List<Journaled> events) {
        Map<String, Map<String, Object>> latest = new LinkedHashMap<>();
        for (Journaled e : events) {
            if (!(e.record() instanceof RunRecord.SeedPlaced p)) continue;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("address", p.seed());
            m.put("provider", p.provider());
            m.put("placement", p.placement().json());
            m.put("folder", p.folder());
            Map<String, Object> v = p.verdict().json();
            m.put("authentication", v.get("authentication"));
            m.put("spam", v.get("spam"));
            m.put("after_seconds", p.afterSeconds());
            if (p.verdict().egressIp() != null) m.put("egress_ip", p.verdict().egressIp());
            m.put("at", org.listguard.journal.Timestamps.format(e.at()));
            latest.remove(p.seed());
            latest.put(p.seed(), m);
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
