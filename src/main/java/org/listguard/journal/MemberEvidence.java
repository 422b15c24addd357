package org.listguard.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Each member's bounce evidence across runs (tables {@code member_bounce_evidence} and
 * {@code member_evidence_resets}, V7; issue 22): what every verified report said about the member,
 * kept so that a later run can weigh it and an operator can read it. This store keeps and returns
 * evidence; it decides nothing (feedback.EvidencePolicy does). Members are matched by
 * {@link Suppressions#key}. Shares the journal's connection and monitor; combine with the
 * suppression in {@link Journal#atomically}.
 */
public final class MemberEvidence {
    /**
     * One report about one member.
     *
     * @param addressKey   the member's key ({@link Suppressions#key}) as the list has it
     * @param at           when listguard read the report (UTC)
     * @param kind         dsn | text | ses (how the report was read) | relay (our relay's synchronous refusal during send)
     * @param action       what the classifier made of it (reply.Action's JSON name)
     * @param status       RFC 3463 enhanced code, or null
     * @param statusFrom   "status" (the DSN's structured field), "text" (the receiver's words) or "relay" (our relay's
     *                     own reply), or null
     * @param replyCode    the receiver's SMTP reply code, 0 when none
     * @param stage        the SMTP stage the reply answered (reply.Stage's name; UNKNOWN when not said)
     * @param reportingMta the DSN's Reporting-MTA, or null
     * @param remoteMta    the host that gave the reply, or null
     * @param diagnostic   the receiver's exact text, or null
     * @param source       where the report was read (a file, {@code imap://…;UID=n})
     */
    public record Entry(String messageKey, String run, long seq, String addressKey, Instant at, String kind, String action,
                        String reason, String rule, String status, String statusFrom, int replyCode, String stage,
                        String reportingMta, String remoteMta, String diagnostic, String source) {
        public Entry {
            Objects.requireNonNull(messageKey, "messageKey");
            Objects.requireNonNull(run, "run");
            Objects.requireNonNull(addressKey, "addressKey");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(source, "source");
            kind = kind == null ? "dsn" : kind;
        }
    }

    /** An operator's un-suppression: evidence read before {@code at} no longer counts. */
    public record Reset(String addressKey, Instant at, String by) {}

    private final Journal journal;
    private final Connection conn;

    MemberEvidence(Journal journal, Connection conn) {
        this.journal = journal;
        this.conn = conn;
    }

    /** Keeps one report about a member; false when this report was already kept for that recipient. */
    public boolean add(Entry e) {
        synchronized (journal) {
            return journal.sql("keep a member's bounce evidence", () -> {
                try (PreparedStatement ps = conn.prepareStatement("INSERT INTO member_bounce_evidence (message_key, run_id, seq, "
                        + "address_key, at, kind, action, reason, rule, enhanced_code, status_from, reply_code, stage, reporting_mta, "
                        + "remote_mta, diagnostic, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT (message_key, run_id, seq) DO NOTHING")) {
                    ps.setString(1, e.messageKey());
                    ps.setString(2, e.run());
                    ps.setLong(3, e.seq());
                    ps.setString(4, e.addressKey());
                    ps.setString(5, Timestamps.format(e.at()));
                    ps.setString(6, e.kind());
                    ps.setString(7, e.action());
                    Sql.text(ps, 8, e.reason());
                    Sql.text(ps, 9, e.rule());
                    Sql.text(ps, 10, e.status());
                    Sql.text(ps, 11, e.statusFrom());
                    Sql.code(ps, 12, e.replyCode());
                    Sql.text(ps, 13, e.stage());
                    Sql.text(ps, 14, e.reportingMta());
                    Sql.text(ps, 15, e.remoteMta());
                    Sql.text(ps, 16, e.diagnostic());
                    ps.setString(17, e.source());
                    return ps.executeUpdate() == 1;
                }
            });
        }
    }

    /** The member's whole history, oldest first (evidence from before a reset included: see {@link #lastReset}). */
    public List<Entry> of(String addressKey) {
        synchronized (journal) {
            return journal.sql("read a member's bounce evidence", () -> {
                try (PreparedStatement ps = conn.prepareStatement(
                        "SELECT * FROM member_bounce_evidence WHERE address_key = ? ORDER BY at, run_id, seq, message_key")) {
                    ps.setString(1, addressKey);
                    List<Entry> out = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) out.add(entry(rs));
                    }
                    return out;
                }
            });
        }
    }

    /** Starts the member's record afresh (an operator un-suppressed them); the old evidence stays as history. */
    public void reset(String addressKey, Instant at, String by) {
        synchronized (journal) {
            journal.sql("reset a member's bounce record", () -> {
                try (PreparedStatement ps = conn.prepareStatement(
                        "INSERT INTO member_evidence_resets (address_key, at, by_whom) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
                    ps.setString(1, addressKey);
                    ps.setString(2, Timestamps.format(at));
                    ps.setString(3, by);
                    ps.executeUpdate();
                }
                return null;
            });
        }
    }

    /** The member's latest reset, if any. */
    public Optional<Reset> lastReset(String addressKey) {
        synchronized (journal) {
            return journal.sql("read a member's reset", () -> {
                try (PreparedStatement ps = conn.prepareStatement(
                        "SELECT * FROM member_evidence_resets WHERE address_key = ? ORDER BY at DESC LIMIT 1")) {
                    ps.setString(1, addressKey);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) return Optional.<Reset>empty();
                        return Optional.of(new Reset(rs.getString("address_key"), Timestamps.parse(rs.getString("at")), rs.getString("by_whom")));
                    }
                }
            });
        }
    }

    private static Entry entry(ResultSet rs) throws SQLException {
        return new Entry(rs.getString("message_key"), rs.getString("run_id"), rs.getLong("seq"), rs.getString("address_key"),
                Timestamps.parse(rs.getString("at")), rs.getString("kind"), rs.getString("action"), rs.getString("reason"),
                rs.getString("rule"), rs.getString("enhanced_code"), rs.getString("status_from"), (int) Sql.longOr0(rs, "reply_code"),
                rs.getString("stage"), rs.getString("reporting_mta"), rs.getString("remote_mta"), rs.getString("diagnostic"),
                rs.getString("source"));
    }
}
