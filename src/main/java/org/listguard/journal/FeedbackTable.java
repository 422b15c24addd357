package org.listguard.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;

/**
 * The SQL of bounce processing (tables {@code feedback_messages} and {@code bounces}, V2).
 * Package-private: {@link Journal} is the API; every method runs with its monitor held.
 */
final class FeedbackTable {
    private final Connection conn;
    private final Clock clock;

    FeedbackTable(Connection conn, Clock clock) {
        this.conn = conn;
        this.clock = clock;
    }

    boolean processed(String key) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT 1 FROM feedback_messages WHERE message_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** False when the key was already recorded. */
    boolean markProcessed(String key, String source, String outcomeJson) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO feedback_messages (message_key, source, processed_at, outcome) "
                + "VALUES (?, ?, ?, ?) ON CONFLICT (message_key) DO NOTHING")) {
            ps.setString(1, key);
            ps.setString(2, source);
            ps.setString(3, Timestamps.format(clock.instant()));
            Sql.text(ps, 4, outcomeJson);
            return ps.executeUpdate() == 1;
        }
    }

    /** False when this report was already recorded for this recipient. */
    boolean addBounce(BounceEntry b) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO bounces (message_key, run_id, seq, address, at, kind, action, "
                + "reason, enhanced_code, reply_code, diagnostic, remote_host, source, provenance, provider, about_message_id, accepted_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, " + RelayAcceptance.SQL + ") "
                + "ON CONFLICT (message_key, run_id, seq) DO NOTHING")) {
            ps.setString(1, b.messageKey());
            ps.setString(2, b.run());
            ps.setLong(3, b.seq());
            ps.setString(4, b.address());
            ps.setString(5, Timestamps.format(clock.instant()));
            ps.setString(6, b.kind() == null ? "unknown" : b.kind());
            ps.setString(7, b.action().json());
            Sql.text(ps, 8, b.reason());
            Sql.text(ps, 9, b.status());
            Sql.code(ps, 10, b.replyCode());
            Sql.text(ps, 11, b.diagnostic());
            Sql.text(ps, 12, b.remoteHost());
            ps.setString(13, b.source());
            ps.setString(14, b.provenance());
            Sql.text(ps, 15, b.provider());
            Sql.text(ps, 16, b.aboutMessageId());
            RelayAcceptance.bind(ps, 17, b.run(), b.seq(), b.aboutMessageId());
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * The row's action and reason become the report's; status, the relay's reply and its time
     * (updated_at) stay: the accepted evidence. The report's own time is in {@code bounces.at}.
     */
    boolean setAction(String run, long seq, String action, String reason) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("UPDATE recipients SET action = ?, reason = ? "
                + "WHERE run_id = ? AND seq = ?")) {
            ps.setString(1, action);
            Sql.text(ps, 2, reason);
            ps.setString(3, run);
            ps.setLong(4, seq);
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * The complaint rate of the campaign's most recently started run, or empty when it has none:
     * distinct members (by address key) whose complaint a feedback loop proved, and distinct
     * members who complained by their own proof only ({@link ComplaintRate} decides what counts).
     */
    Optional<ComplaintRate> complaintRate(String campaign, int corroborate) throws SQLException {
        String run;
        try (PreparedStatement ps = conn.prepareStatement("SELECT id FROM runs WHERE campaign = ? ORDER BY started_at DESC, id DESC LIMIT 1")) {
            ps.setString(1, campaign);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                run = rs.getString(1);
            }
        }
        String complainers = "SELECT COUNT(DISTINCT r.email_key) FROM bounces b JOIN recipients r ON r.run_id = b.run_id AND r.seq = b.seq "
                + "WHERE b.run_id = ? AND b.action = 'complaint'";
        long all = count(complainers, run);
        long proven = count(complainers + " AND b.provenance = 'feedback-loop'", run);
        return Optional.of(new ComplaintRate(run, campaign, proven, all - proven, corroborate,
                count("SELECT COUNT(*) FROM recipients WHERE run_id = ? AND status = 'accepted'", run)));
    }

    private long count(String sql, String run) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setString(1, run);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
