package org.listguard.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.listguard.reply.Action;

/**
 * Runs' counts in DESIGN.md's status shape, from one grouped query over their recipients (by run,
 * status and action): the only place a run's recipients are counted, whether for one run
 * ({@code status}, the reports, the send's summary) or for a page of them ({@code runs}), so every
 * view gives the same numbers (issue 19).
 */
final class RunCounts {
    /** Runs per statement: well under SQLite's oldest limit of 999 parameters. */
    private static final int CHUNK = 500;

    private RunCounts() {}

    /** Each run's status, in the order given. */
    static List<RunStatus> of(Connection conn, List<Run> runs) throws SQLException {
        Map<String, Map<String, Long>> byStatus = new HashMap<>();
        Map<String, Map<String, Long>> byAction = new HashMap<>();
        for (int from = 0; from < runs.size(); from += CHUNK) {
            List<Run> chunk = runs.subList(from, Math.min(runs.size(), from + CHUNK));
            String in = String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
            try (PreparedStatement ps = conn.prepareStatement("SELECT run_id, status, action, COUNT(*) FROM recipients "
                    + "WHERE run_id IN (" + in + ") GROUP BY run_id, status, action")) {
                for (int i = 0; i < chunk.size(); i++) ps.setString(i + 1, chunk.get(i).id());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String run = rs.getString(1);
                        long n = rs.getLong(4);
                        byStatus.computeIfAbsent(run, k -> new HashMap<>()).merge(rs.getString(2), n, Long::sum);
                        if (rs.getString(3) != null) byAction.computeIfAbsent(run, k -> new HashMap<>()).merge(rs.getString(3), n, Long::sum);
                    }
                }
            }
        }
        return runs.stream().map(r -> status(r, byStatus.getOrDefault(r.id(), Map.of()), byAction.getOrDefault(r.id(), Map.of()))).toList();
    }

    private static RunStatus status(Run r, Map<String, Long> byStatus, Map<String, Long> byAction) {
        Map<String, Long> counts = new LinkedHashMap<>();
        long total = 0;
        for (String s : List.of("accepted", "deferred", "rejected", "skipped", "unknown", "blocked", "unconfirmed")) counts.put(s, byStatus.getOrDefault(s, 0L));
        // an extension of DESIGN's shape, present only when a recipient failed (issue 13)
        if (byStatus.getOrDefault("failed", 0L) > 0) counts.put("failed", byStatus.get("failed"));
        counts.put("pending", byStatus.getOrDefault("pending", 0L) + byStatus.getOrDefault("sending", 0L));
        for (long n : byStatus.values()) total += n;
        Map<String, Long> actions = new LinkedHashMap<>();
        for (Action a : Action.values()) actions.put(a.json(), byAction.getOrDefault(a.json(), 0L));
        return new RunStatus(r.id(), r.campaign(), r.state(), r.pauseReason(), total, counts, actions);
    }
}
