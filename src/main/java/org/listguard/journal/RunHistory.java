package org.listguard.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Read-only views over past runs for {@code listguard runs} and the run reports: the runs with
 * their main counts, and the bounces (DSNs, complaints) journaled against one run with the time
 * the recipient's message was accepted, so a report can show how long each DSN took to arrive.
 * Every method runs under the {@link Journal}'s monitor (one connection).
 */
public final class RunHistory {
    /** One run in a list: its record and counts (total, accepted, refused = rejected + unknown, deferred, pending). */
    public record Summary(Run run, long total, long accepted, long refused, long deferred, long pending) {}

    /**
     * A bounce or complaint journaled against a recipient of the run.
     *
     * @param sentAt when the relay accepted (or last answered for) the recipient, or null
     * @param at     when listguard processed the report (UTC)
     */
    public record Dsn(long seq, String address, Instant at, String kind, String action, String reason, String enhancedCode,
                      int replyCode, String diagnostic, String remoteHost, Instant sentAt, String messageId) {}

    private final Journal journal;
    private final Connection conn;

    RunHistory(Journal journal, Connection conn) {
        this.journal = journal;
        this.conn = conn;
    }

    /** Runs newest first, of one campaign when given, at most {@code limit}. */
    public List<Summary> runs(Optional<String> campaign, int limit) {
        synchronized (journal) {
            return journal.sql("list runs", () -> {
                String sql = "SELECT r.*, COUNT(c.seq) AS n, "
                        + "SUM(CASE WHEN c.status = 'accepted' THEN 1 ELSE 0 END) AS n_accepted, "
                        + "SUM(CASE WHEN c.status IN ('rejected', 'unknown') THEN 1 ELSE 0 END) AS n_refused, "
                        + "SUM(CASE WHEN c.status = 'deferred' THEN 1 ELSE 0 END) AS n_deferred, "
                        + "SUM(CASE WHEN c.status IN ('pending', 'sending') THEN 1 ELSE 0 END) AS n_pending "
                        + "FROM runs r LEFT JOIN recipients c ON c.run_id = r.id "
                        + (campaign.isPresent() ? "WHERE r.campaign = ? " : "")
                        + "GROUP BY r.id, r.campaign, r.state, r.started_at, r.finished_at, r.pause_reason, r.pause_evidence, "
                        + "r.audit, r.forced, r.relay ORDER BY r.started_at DESC, r.id DESC LIMIT " + Math.max(1, limit);
                try (PreparedStatement ps = conn.prepareStatement(sql)) {
                    if (campaign.isPresent()) ps.setString(1, campaign.get());
                    List<Summary> out = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            Run run = new Run(rs.getString("id"), rs.getString("campaign"), RunState.fromDb(rs.getString("state")),
                                    Timestamps.parse(rs.getString("started_at")), Timestamps.parse(rs.getString("finished_at")),
                                    rs.getString("pause_reason"), rs.getString("pause_evidence"), rs.getString("audit"),
                                    rs.getInt("forced") != 0, rs.getString("relay"));
                            out.add(new Summary(run, rs.getLong("n"), rs.getLong("n_accepted"), rs.getLong("n_refused"),
                                    rs.getLong("n_deferred"), rs.getLong("n_pending")));
                        }
                    }
                    return out;
                }
            });
        }
    }

    /** The bounces and complaints journaled against the run, in the order they were processed. */
    public List<Dsn> dsns(String run) {
        synchronized (journal) {
            return journal.sql("read the run's bounces", () -> {
                try (PreparedStatement ps = conn.prepareStatement("SELECT b.*, c.updated_at AS sent_at, c.message_id AS message_id "
                        + "FROM bounces b LEFT JOIN recipients c ON c.run_id = b.run_id AND c.seq = b.seq "
                        + "WHERE b.run_id = ? ORDER BY b.at, b.seq")) {
                    ps.setString(1, run);
                    List<Dsn> out = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(new Dsn(rs.getLong("seq"), rs.getString("address"), Timestamps.parse(rs.getString("at")),
                                    rs.getString("kind"), rs.getString("action"), rs.getString("reason"), rs.getString("enhanced_code"),
                                    rs.getInt("reply_code"), rs.getString("diagnostic"), rs.getString("remote_host"),
                                    Timestamps.parse(rs.getString("sent_at")), rs.getString("message_id")));
                        }
                    }
                    return out;
                }
            });
        }
    }

    /** Resolves {@code latest} (the most recently started run) or a run id. */
    public Optional<Run> find(String idOrLatest) {
        return "latest".equalsIgnoreCase(idOrLatest) ? journal.runs().latest() : journal.runs().get(idOrLatest);
    }
}
