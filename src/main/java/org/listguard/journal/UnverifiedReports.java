package org.listguard.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Reports nothing ties to a message we sent (table {@code unverified_reports}, V3; DESIGN.md
 * invariant 7): kept for the operator, never applied — no suppression, no complaint, no outcome,
 * nothing for the guard. Shares the journal's connection and monitor.
 */
public final class UnverifiedReports {
    /**
     * One record of an unverified report.
     *
     * @param run  the run an unverifiable token claims (a CRC-era token, or a MAC that failed), or null: a claim, not proof
     * @param seq  the recipient that token claims, or null
     * @param why  why it was not trusted
     */
    public record Entry(String messageKey, int index, String source, String kind, String action, String recipient,
                        String run, Long seq, String why, String detailJson) {}

    private final Journal journal;
    private final Connection conn;
    private final Clock clock;

    UnverifiedReports(Journal journal, Connection conn, Clock clock) {
        this.journal = journal;
        this.conn = conn;
        this.clock = clock;
    }

    /** Keeps one record; false when this record of this report is already kept. */
    public boolean add(Entry e) {
        synchronized (journal) {
            return journal.sql("keep an unverified report", () -> {
                try (PreparedStatement ps = conn.prepareStatement("INSERT INTO unverified_reports (message_key, idx, received_at, source, "
                        + "kind, action, recipient, run_id, seq, why, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT (message_key, idx) DO NOTHING")) {
                    ps.setString(1, e.messageKey());
                    ps.setInt(2, e.index());
                    ps.setString(3, Timestamps.format(clock.instant()));
                    ps.setString(4, e.source());
                    ps.setString(5, e.kind() == null ? "unknown" : e.kind());
                    Sql.text(ps, 6, e.action());
                    Sql.text(ps, 7, e.recipient());
                    Sql.text(ps, 8, e.run());
                    if (e.seq() == null) ps.setNull(9, Types.BIGINT);
                    else ps.setLong(9, e.seq());
                    ps.setString(10, e.why());
                    Sql.text(ps, 11, e.detailJson());
                    return ps.executeUpdate() == 1;
                }
            });
        }
    }

    /** When report {@code messageKey} was first kept as unverified; empty when it never was. */
    public java.util.Optional<java.time.Instant> firstSeen(String messageKey) {
        synchronized (journal) {
            return journal.sql("read when an unverified report was first seen", () -> {
                try (PreparedStatement ps = conn.prepareStatement("SELECT MIN(received_at) FROM unverified_reports WHERE message_key = ?")) {
                    ps.setString(1, messageKey);
                    try (ResultSet rs = ps.executeQuery()) {
                        String at = rs.next() ? rs.getString(1) : null;
                        return at == null ? java.util.Optional.<java.time.Instant>empty() : java.util.Optional.of(Timestamps.parse(at));
                    }
                }
            });
        }
    }

    /** Every kept record, oldest first. */
    public List<Entry> list() {
        synchronized (journal) {
            return journal.sql("read unverified reports", () -> {
                List<Entry> out = new ArrayList<>();
                try (PreparedStatement ps = conn.prepareStatement("SELECT * FROM unverified_reports ORDER BY received_at, message_key, idx");
                     ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long seq = rs.getLong("seq");
                        Long s = rs.wasNull() ? null : seq;
                        out.add(new Entry(rs.getString("message_key"), rs.getInt("idx"), rs.getString("source"), rs.getString("kind"),
                                rs.getString("action"), rs.getString("recipient"), rs.getString("run_id"), s, rs.getString("why"),
                                rs.getString("detail")));
                    }
                }
                return out;
            });
        }
    }
}
