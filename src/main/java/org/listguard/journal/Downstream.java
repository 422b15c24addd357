package org.listguard.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the receivers behind the smart host said (issue 8, schema V4), kept in the journal:
 * members blocked downstream and their evidence, providers that blocked the relay (remembered
 * across runs), and the egress IPs receivers named. Shares the journal's connection and monitor;
 * every method is one statement or runs inside the caller's {@link Journal#atomically}.
 */
public final class Downstream {
    private final Journal journal;
    private final Connection conn;
    private final Clock clock;

    Downstream(Journal journal, Connection conn, Clock clock) {
        this.journal = journal;
        this.conn = conn;
        this.clock = clock;
    }

    private String now() { return Timestamps.format(clock.instant()); }

    /**
     * Keeps the verdict's evidence and moves the member from {@code accepted} to {@code blocked}
     * (action and reason become the verdict's). False when this report was already recorded for
     * this member; a member not {@code accepted} (already waiting, or sent again) keeps its status.
     * A completed run that gets a blocked member becomes paused (see {@link #reopen}).
     */
    public boolean block(DownstreamEntry e) {
        synchronized (journal) {
            return journal.sql("record a downstream verdict", () -> {
                try (PreparedStatement ps = conn.prepareStatement("INSERT INTO downstream_verdicts (message_key, run_id, seq, at, action, "
                        + "reason, enhanced_code, reply_code, diagnostic, reporting_mta, remote_mta, egress_ip, zone, source, about_message_id, accepted_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, " + RelayAcceptance.SQL + ") "
                        + "ON CONFLICT (message_key, run_id, seq) DO NOTHING")) {
                    ps.setString(1, e.messageKey());
                    ps.setString(2, e.run());
                    ps.setLong(3, e.seq());
                    ps.setString(4, now());
                    ps.setString(5, e.action().json());
                    Sql.text(ps, 6, e.reason());
                    Sql.text(ps, 7, e.status());
                    Sql.code(ps, 8, e.replyCode());
                    Sql.text(ps, 9, e.diagnostic());
                    Sql.text(ps, 10, e.reportingMta());
                    Sql.text(ps, 11, e.remoteMta());
                    Sql.text(ps, 12, e.egressIp());
                    Sql.text(ps, 13, e.zone());
                    ps.setString(14, e.source());
                    Sql.text(ps, 15, e.aboutMessageId());
                    RelayAcceptance.bind(ps, 16, e.run(), e.seq(), e.aboutMessageId());
                    if (ps.executeUpdate() != 1) return false;
                }
                // updated_at stays the relay's acceptance time: the verdict's own time is downstream_verdicts.at
                // (reports place the member in the batch that sent it, and quote when the relay took it; issue 19)
                try (PreparedStatement ps = conn.prepareStatement("UPDATE recipients SET status = 'blocked', action = ?, reason = ?, "
                        + "blocked_reason = ? WHERE run_id = ? AND seq = ? AND status = 'accepted'")) {
                    ps.setString(1, e.action().json());
                    Sql.text(ps, 2, e.reason());
                    ps.setString(3, "refused downstream by " + (e.remoteMta() == null ? "a receiver" : e.remoteMta())
                            + "; sent again when the run resumes");
                    ps.setString(4, e.run());
                    ps.setLong(5, e.seq());
                    if (ps.executeUpdate() == 1) reopen(e);
                }
                return true;
            });
        }
    }

    /**
     * A run that had completed when a receiver's refusal arrived is not done: its blocked members
     * never got the newsletter. It becomes paused, so the next {@code send} resumes it.
     */
    private void reopen(DownstreamEntry e) throws java.sql.SQLException {
        try (PreparedStatement ps = conn.prepareStatement("UPDATE runs SET state = 'paused', finished_at = NULL, pause_reason = ? "
                + "WHERE id = ? AND state = 'completed'")) {
            ps.setString(1, "receivers refused members after the run completed (" + e.action().json() + " by DSN from "
                    + (e.remoteMta() == null ? "a receiver" : e.remoteMta()) + "); they are journaled blocked and sent when send resumes the run");
            ps.setString(2, e.run());
            ps.executeUpdate();
        }
    }

    /** A pending or deferred member whose provider is suspended waits as {@code blocked}; false when it was neither. */
    public boolean hold(String run, long seq, String why) {
        synchronized (journal) {
            return journal.sql("hold a recipient", () -> {
                try (PreparedStatement ps = conn.prepareStatement("UPDATE recipients SET status = 'blocked', blocked_reason = ?, "
                        + "updated_at = ? WHERE run_id = ? AND seq = ? AND status IN ('pending', 'deferred')")) {
                    ps.setString(1, why);
                    ps.setString(2, now());
                    ps.setString(3, run);
                    ps.setLong(4, seq);
                    return ps.executeUpdate() == 1;
                }
            });
        }
    }

    /** The run resumes: every blocked member becomes pending again (sent once more); returns how many. */
    public int release(String run) {
        synchronized (journal) {
            return journal.sql("release blocked recipients", () -> {
                try (PreparedStatement ps = conn.prepareStatement("UPDATE recipients SET status = 'pending', blocked_reason = NULL, "
                        + "next_attempt_at = NULL, updated_at = ? WHERE run_id = ? AND status = 'blocked'")) {
                    ps.setString(1, now());
                    ps.setString(2, run);
                    return ps.executeUpdate();
                }
            });
        }
    }

    /** One blocked member becomes pending again (its provider's block lifted within the run); false when it was not blocked. */
    public boolean releaseOne(String run, long seq) {
        synchronized (journal) {
            return journal.sql("release a blocked recipient", () -> {
                try (PreparedStatement ps = conn.prepareStatement("UPDATE recipients SET status = 'pending', blocked_reason = NULL, "
                        + "next_attempt_at = NULL, updated_at = ? WHERE run_id = ? AND seq = ? AND status = 'blocked'")) {
                    ps.setString(1, now());
                    ps.setString(2, run);
                    ps.setLong(3, seq);
                    return ps.executeUpdate() == 1;
                }
            });
        }
    }

    /** Why a blocked member waits, or null. */
    public String blockedReason(String run, long seq) {
        synchronized (journal) {
            return journal.sql("read why a recipient waits", () -> {
                try (PreparedStatement ps = conn.prepareStatement("SELECT blocked_reason FROM recipients WHERE run_id = ? AND seq = ?")) {
                    ps.setString(1, run);
                    ps.setLong(2, seq);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? rs.getString(1) : null;
                    }
                }
            });
        }
    }

    /** The downstream verdicts of a run, in the order they were read. */
    public List<DownstreamEntry> verdicts(String run) {
        synchronized (journal) {
            return journal.sql("read downstream verdicts", () -> {
                try (PreparedStatement ps = conn.prepareStatement("SELECT * FROM downstream_verdicts WHERE run_id = ? ORDER BY at, seq")) {
                    ps.setString(1, run);
                    List<DownstreamEntry> out = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(new DownstreamEntry(rs.getString("message_key"), run, rs.getLong("seq"),
                                    org.listguard.reply.Action.parse(rs.getString("action")), rs.getString("reason"),
                                    rs.getString("enhanced_code"), (int) Sql.longOr0(rs, "reply_code"), rs.getString("diagnostic"),
                                    rs.getString("reporting_mta"), rs.getString("remote_mta"), rs.getString("egress_ip"),
                                    rs.getString("zone"), rs.getString("source"), rs.getString("about_message_id")));
                        }
                    }
                    return out;
                }
            });
        }
    }

    // ---- providers that blocked the relay ----

    /** Remembers that a provider blocked the relay during a run. */
    public void rememberBlock(String provider, String run, String reason, String egressIp, String zone, String evidenceJson) {
        synchronized (journal) {
            journal.sql("remember a block", () -> {
                try (PreparedStatement ps = conn.prepareStatement("INSERT INTO provider_blocks (provider, run_id, at, reason, egress_ip, "
                        + "zone, evidence) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (provider, run_id, at) DO NOTHING")) {
                    ps.setString(1, provider);
                    ps.setString(2, run);
                    ps.setString(3, now());
                    ps.setString(4, reason);
                    Sql.text(ps, 5, egressIp);
                    Sql.text(ps, 6, zone);
                    Sql.text(ps, 7, evidenceJson);
                    ps.executeUpdate();
                }
                return null;
            });
        }
    }

    /** Blocks not cleared, remembered since {@code since}, newest first. */
    public List<ProviderBlock> blocksSince(Instant since) {
        return blocks("SELECT * FROM provider_blocks WHERE cleared_at IS NULL AND at >= ? ORDER BY at DESC", Timestamps.format(since));
    }

    /** Forgets the provider's blocks remembered before {@code before} (mail got through after them); returns how many. */
    public int clearBlocksBefore(String provider, Instant before, String by) {
        synchronized (journal) {
            return journal.sql("clear earlier blocks", () -> {
                try (PreparedStatement ps = conn.prepareStatement("UPDATE provider_blocks SET cleared_at = ?, cleared_by = ? "
                        + "WHERE cleared_at IS NULL AND provider = ? AND at < ?")) {
                    ps.setString(1, now());
                    ps.setString(2, by);
                    ps.setString(3, provider);
                    ps.setString(4, Timestamps.format(before));
                    return ps.executeUpdate();
                }
            });
        }
    }

    /** Forgets the provider's blocks (all providers when null): they stay as cleared history; returns how many. */
    public int clearBlocks(String provider, String by) {
        synchronized (journal) {
            return journal.sql("clear blocks", () -> {
                String sql = "UPDATE provider_blocks SET cleared_at = ?, cleared_by = ? WHERE cleared_at IS NULL"
                        + (provider == null ? "" : " AND provider = ?");
                try (PreparedStatement ps = conn.prepareStatement(sql)) {
                    ps.setString(1, now());
                    ps.setString(2, by);
                    if (provider != null) ps.setString(3, provider);
                    return ps.executeUpdate();
                }
            });
        }
    }

    private List<ProviderBlock> blocks(String sql, String arg) {
        synchronized (journal) {
            return journal.sql("read blocks", () -> {
                try (PreparedStatement ps = conn.prepareStatement(sql)) {
                    ps.setString(1, arg);
                    List<ProviderBlock> out = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(new ProviderBlock(rs.getString("provider"), rs.getString("run_id"), Timestamps.parse(rs.getString("at")),
                                    rs.getString("reason"), rs.getString("egress_ip"), rs.getString("zone"), rs.getString("evidence"),
                                    Timestamps.parse(rs.getString("cleared_at")), rs.getString("cleared_by")));
                        }
                    }
                    return out;
                }
            });
        }
    }

    // ---- egress IPs the receivers named ----

    /** Records an egress IP a receiver named; true when this IP was not known from this source before. */
    public boolean learnEgress(String ip, String source, String detail, String run) {
        synchronized (journal) {
            return journal.sql("learn an egress IP", () -> {
                try (PreparedStatement ps = conn.prepareStatement("UPDATE egress_ips SET last_seen = ?, detail = ?, run_id = ? "
                        + "WHERE ip = ? AND source = ?")) {
                    ps.setString(1, now());
                    Sql.text(ps, 2, detail);
                    Sql.text(ps, 3, run);
                    ps.setString(4, ip);
                    ps.setString(5, source);
                    if (ps.executeUpdate() == 1) return false;
                }
                try (PreparedStatement ps = conn.prepareStatement("INSERT INTO egress_ips (ip, source, detail, run_id, first_seen, last_seen) "
                        + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (ip, source) DO NOTHING")) {
                    ps.setString(1, ip);
                    ps.setString(2, source);
                    Sql.text(ps, 3, detail);
                    Sql.text(ps, 4, run);
                    ps.setString(5, now());
                    ps.setString(6, now());
                    return ps.executeUpdate() == 1;
                }
            });
        }
    }

    /** Every egress IP learned, most recently seen first. */
    public List<EgressIp> egressIps() {
        synchronized (journal) {
            return journal.sql("read egress IPs", () -> {
                try (PreparedStatement ps = conn.prepareStatement("SELECT * FROM egress_ips ORDER BY last_seen DESC")) {
                    List<EgressIp> out = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(new EgressIp(rs.getString("ip"), rs.getString("source"), rs.getString("detail"), rs.getString("run_id"),
                                    Timestamps.parse(rs.getString("first_seen")), Timestamps.parse(rs.getString("last_seen"))));
                        }
                    }
                    return out;
                }
            });
        }
    }

    /** Forgets a learned egress IP (every source it was learned from); how many rows were removed. */
    public int forgetEgress(String ip) {
        synchronized (journal) {
            return journal.sql("forget an egress IP", () -> {
                try (PreparedStatement ps = conn.prepareStatement("DELETE FROM egress_ips WHERE ip = ?")) {
                    ps.setString(1, ip);
                    return ps.executeUpdate();
                }
            });
        }
    }
}
