package org.listguard.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.listguard.list.Recipient;

/**
 * The SQL of the {@code recipients} table. Package-private: {@link Journal} is the API and owns
 * the connection and its monitor; every method here runs with that monitor held.
 */
final class RecipientTable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> FIELDS = new TypeReference<>() {};

    private final Connection conn;
    private final Clock clock;
    private PreparedStatement markSending;
    private PreparedStatement recordOutcome;

    RecipientTable(Connection conn, Clock clock) {
        this.conn = conn;
        this.clock = clock;
    }

    private String now() { return Timestamps.format(clock.instant()); }

    long add(String run, Iterator<PlannedRecipient> source, int perTransaction) throws SQLException {
        long seq = maxSeq(run);
        long added = 0;
        String sql = "INSERT INTO recipients (run_id, seq, email, email_key, list_line, fields, status, skip_reason, attempts, updated_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?)";
        conn.setAutoCommit(false);
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            String now = now();
            while (source.hasNext()) {
                PlannedRecipient planned = source.next();
                Recipient r = planned.recipient();
                ps.setString(1, run);
                ps.setLong(2, ++seq);
                ps.setString(3, r.email());
                ps.setString(4, r.key());
                ps.setLong(5, r.line());
                ps.setString(6, fieldsJson(r.fields()));
                ps.setString(7, planned.skipReason() == null ? "pending" : "skipped");
                ps.setString(8, planned.skipReason());
                ps.setString(9, now);
                ps.addBatch();
                if (++added % perTransaction == 0) {
                    ps.executeBatch();
                    conn.commit();
                }
            }
            ps.executeBatch();
            conn.commit();
        } catch (SQLException | RuntimeException e) {
            conn.rollback();
            throw e;
        } finally {
            conn.setAutoCommit(true);
        }
        return added;
    }

    private long maxSeq(String run) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT MAX(seq) FROM recipients WHERE run_id = ?")) {
            ps.setString(1, run);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Pending and due deferred recipients in seq order. Two index range scans (run, status, seq)
     * merged, rather than one OR query that would walk past every finished row of a large run.
     */
    List<Due> next(String run, int limit) throws SQLException {
        List<Due> pending = due(run, "status = 'pending'", null, limit);
        List<Due> deferred = due(run, "status = 'deferred' AND (next_attempt_at IS NULL OR next_attempt_at <= ?)", now(), limit);
        List<Due> out = new ArrayList<>(Math.min(limit, pending.size() + deferred.size()));
        int i = 0, j = 0;
        while (out.size() < limit && (i < pending.size() || j < deferred.size())) {
            if (j >= deferred.size() || (i < pending.size() && pending.get(i).seq() < deferred.get(j).seq())) out.add(pending.get(i++));
            else out.add(deferred.get(j++));
        }
        return out;
    }

    /** The earliest next attempt of the run's deferred recipients, or null when none is deferred. */
    String nextDueAt(String run) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT COUNT(*), MIN(next_attempt_at), "
                + "SUM(CASE WHEN next_attempt_at IS NULL THEN 1 ELSE 0 END) FROM recipients WHERE run_id = ? AND status = 'deferred'")) {
            ps.setString(1, run);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getLong(1) == 0) return null;
                return rs.getLong(3) > 0 ? now() : rs.getString(2);
            }
        }
    }

    private List<Due> due(String run, String where, String now, int limit) throws SQLException {
        String sql = "SELECT seq, email, list_line, fields, attempts FROM recipients WHERE run_id = ? AND " + where
                + " ORDER BY seq LIMIT ?";
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            int i = 1;
            ps.setString(i++, run);
            if (now != null) ps.setString(i++, now);
            ps.setInt(i, limit);
            List<Due> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Recipient r = new Recipient(rs.getLong("list_line"), rs.getString("email"), fields(rs.getString("fields")));
                    out.add(new Due(rs.getLong("seq"), r, rs.getInt("attempts")));
                }
            }
            return out;
        }
    }

    boolean markSending(String run, long seq, String messageId) throws SQLException {
        if (markSending == null) {
            markSending = conn.prepareStatement("UPDATE recipients SET status = 'sending', attempts = attempts + 1, "
                    + "updated_at = ?, message_id = COALESCE(?, message_id) "
                    + "WHERE run_id = ? AND seq = ? AND status IN ('pending', 'deferred')");
        }
        markSending.setString(1, now());
        Sql.text(markSending, 2, messageId);
        markSending.setString(3, run);
        markSending.setLong(4, seq);
        return markSending.executeUpdate() == 1;
    }

    boolean recordOutcome(String run, long seq, Outcome o) throws SQLException {
        if (recordOutcome == null) {
            recordOutcome = conn.prepareStatement("UPDATE recipients SET status = ?, reply_code = ?, enhanced_code = ?, "
                    + "reply_text = ?, stage = ?, relay = ?, updated_at = ?, message_id = COALESCE(?, message_id), "
                    + "queue_id = ?, action = ?, reason = ?, next_attempt_at = ? WHERE run_id = ? AND seq = ?");
        }
        PreparedStatement ps = recordOutcome;
        ps.setString(1, o.status().db());
        Sql.code(ps, 2, o.replyCode());
        Sql.text(ps, 3, o.enhancedCode());
        Sql.text(ps, 4, o.replyText());
        Sql.text(ps, 5, o.stage() == null ? null : o.stage().name().toLowerCase(java.util.Locale.ROOT));
        Sql.text(ps, 6, o.relay());
        ps.setString(7, now());
        Sql.text(ps, 8, o.messageId());
        Sql.text(ps, 9, o.queueId());
        Sql.text(ps, 10, o.action() == null ? null : o.action().json());
        Sql.text(ps, 11, o.reason());
        Sql.text(ps, 12, Timestamps.format(o.nextAttemptAt()));
        ps.setString(13, run);
        ps.setLong(14, seq);
        return ps.executeUpdate() == 1;
    }

    boolean markSkipped(String run, long seq, String reason, boolean fromSending) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("UPDATE recipients SET status = 'skipped', skip_reason = ?, "
                + "updated_at = ? WHERE run_id = ? AND seq = ? AND status = '" + (fromSending ? "sending" : "pending") + "'")) {
            ps.setString(1, reason);
            ps.setString(2, now());
            ps.setString(3, run);
            ps.setLong(4, seq);
            return ps.executeUpdate() == 1;
        }
    }

    /** A pending or deferred recipient becomes failed, with why; false when it was in another state. */
    boolean markFailed(String run, long seq, String reason) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("UPDATE recipients SET status = 'failed', skip_reason = ?, "
                + "reply_text = ?, updated_at = ? WHERE run_id = ? AND seq = ? AND status IN ('pending', 'deferred', 'sending')")) {
            ps.setString(1, reason);
            ps.setString(2, reason);
            ps.setString(3, now());
            ps.setString(4, run);
            ps.setLong(5, seq);
            return ps.executeUpdate() == 1;
        }
    }

    /** Skips every pending recipient whose key is on the suppression list, in one statement; returns how many. */
    int skipSuppressed(String run) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("UPDATE recipients SET status = 'skipped', updated_at = ?, "
                + "skip_reason = (SELECT 'suppressed: ' || s.action || ': ' || s.reason FROM suppressions s "
                + "WHERE s.address_key = recipients.email_key) "
                + "WHERE run_id = ? AND status = 'pending' AND email_key IN (SELECT address_key FROM suppressions)")) {
            ps.setString(1, now());
            ps.setString(2, run);
            return ps.executeUpdate();
        }
    }

    /** Moves every row in status {@code from} to {@code to}; returns how many. */
    int move(String run, RecipientStatus from, RecipientStatus to) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(
                "UPDATE recipients SET status = ?, updated_at = ? WHERE run_id = ? AND status = ?")) {
            ps.setString(1, to.db());
            ps.setString(2, now());
            ps.setString(3, run);
            ps.setString(4, from.db());
            return ps.executeUpdate();
        }
    }

    boolean markUnconfirmed(String run, long seq, String why) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("UPDATE recipients SET status = 'unconfirmed', blocked_reason = ? "
                + "WHERE run_id = ? AND seq = ? AND status = 'accepted'")) {
            ps.setString(1, why);
            ps.setString(2, run);
            ps.setLong(3, seq);
            return ps.executeUpdate() == 1;
        }
    }

    int resendUnconfirmed(String run) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("UPDATE recipients SET status = 'pending', blocked_reason = NULL, "
                + "next_attempt_at = NULL, updated_at = ? WHERE run_id = ? AND status = 'unconfirmed'")) {
            ps.setString(1, now());
            ps.setString(2, run);
            return ps.executeUpdate();
        }
    }

    /** Rows of a run in seq order, one at a time (the result set is streamed, never collected). */
    void forEach(String run, Set<RecipientStatus> only, Consumer<RecipientRow> sink) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT * FROM recipients WHERE run_id = ?");
        if (!only.isEmpty()) {
            sql.append(" AND status IN (").append("?,".repeat(only.size() - 1)).append("?)");
        }
        sql.append(" ORDER BY seq");
        // PostgreSQL streams a result set only inside a transaction with a fetch size
        conn.setAutoCommit(false);
        try (PreparedStatement ps = conn.prepareStatement(sql.toString())) {
            ps.setFetchSize(1000);
            int i = 1;
            ps.setString(i++, run);
            for (RecipientStatus s : only) ps.setString(i++, s.db());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) sink.accept(row(rs));
            }
            conn.commit();
        } catch (SQLException | RuntimeException e) {
            conn.rollback();
            throw e;
        } finally {
            conn.setAutoCommit(true);
        }
    }

    Optional<RecipientRow> one(String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    static RecipientRow row(ResultSet rs) throws SQLException {
        return new RecipientRow(rs.getString("run_id"), rs.getLong("seq"), rs.getString("email"), rs.getString("email_key"),
                rs.getLong("list_line"), RecipientStatus.fromDb(rs.getString("status")), rs.getInt("attempts"),
                (int) Sql.longOr0(rs, "reply_code"), rs.getString("enhanced_code"), rs.getString("reply_text"),
                rs.getString("stage"), rs.getString("relay"), Timestamps.parse(rs.getString("updated_at")),
                rs.getString("message_id"), rs.getString("queue_id"), rs.getString("action"), rs.getString("reason"),
                rs.getString("skip_reason"), Timestamps.parse(rs.getString("next_attempt_at")));
    }

    void close() throws SQLException {
        if (markSending != null) markSending.close();
        if (recordOutcome != null) recordOutcome.close();
    }

    private static String fieldsJson(Map<String, String> fields) {
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise list fields", e);
        }
    }

    private static Map<String, String> fields(String json) {
        if (json == null) return Map.of();
        try {
            return JSON.readValue(json, FIELDS);
        } catch (JsonProcessingException e) {
            throw new JournalException("corrupt list fields in the journal", e);
        }
    }
}
