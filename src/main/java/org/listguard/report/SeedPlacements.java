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

    /** A seed's latest placement and when it was journaled. */
    public record Placed(RunRecord.SeedPlaced seed, java.time.Instant at) {}

    /** The latest placement per seed address, in the order the seeds were first placed. */
    public static List<Placed> latest(List<Journaled> events) {
        Map<String, Placed> latest = new LinkedHashMap<>();
        for (Journaled e : events) {
            if (!(e.record() instanceof RunRecord.SeedPlaced p)) continue;
            latest.remove(p.seed());
            latest.put(p.seed(), new Placed(p, e.at()));
        }
        return new ArrayList<>(latest.values());
    }

    public static List<Map<String, Object>> of(List<Journaled> events) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Placed x : latest(events)) {
            RunRecord.SeedPlaced p = x.seed();
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
            m.put("at", org.listguard.journal.Timestamps.format(x.at()));
            out.add(m);
        }
        return out;
    }

    /** One line per seed for the text views: "seed-2@example.com (google): junk in Junk — spf=pass dkim=pass dmarc=pass; spamassassin 6.3/5.0 flagged (RULE)". */
    public static List<String> lines(List<Journaled> events) {
        List<String> out = new ArrayList<>();
        for (Placed x : latest(events)) {
            RunRecord.SeedPlaced p = x.seed();
            StringBuilder sb = new StringBuilder().append(p.seed()).append(" (").append(p.provider()).append("): ").append(p.placement().json());
            if (p.folder() != null) sb.append(" in ").append(p.folder());
            String auth = p.verdict().authentication().text();
            if (!auth.isEmpty()) sb.append(" — ").append(auth);
            if (p.verdict().spam() != null) sb.append(auth.isEmpty() ? " — " : "; ").append(p.verdict().spam().text(true));
            out.add(Visible.line(sb.toString()));
        }
        return out;
    }
}
