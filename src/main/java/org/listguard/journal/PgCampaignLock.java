package org.listguard.journal;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.zip.CRC32;

/**
 * The campaign lock for a PostgreSQL journal: a session-level advisory lock
 * ({@code pg_try_advisory_lock}) on the journal's own connection, so it is released when the
 * connection ends, including when the process dies (the server notices the closed socket).
 * https://www.postgresql.org/docs/current/explicit-locking.html#ADVISORY-LOCKS
 */
final class PgCampaignLock {
    private PgCampaignLock() {}

    static LockResult acquire(Connection conn, String campaign) throws SQLException {
        long key = key(campaign);
        try (PreparedStatement ps = conn.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            ps.setLong(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getBoolean(1)) {
                    return new LockResult.Acquired(campaign, () -> unlock(conn, key));
                }
            }
        }
        return new LockResult.Held(campaign, holder(conn, key));
    }

    /** A stable 64-bit key: "listguard" in the high half, CRC-32 of the campaign in the low half. */
    static long key(String campaign) {
        CRC32 crc = new CRC32();
        crc.update(campaign.getBytes(StandardCharsets.UTF_8));
        return (0x6c67L << 32) | crc.getValue();
    }

    private static void unlock(Connection conn, long key) {
        try (PreparedStatement ps = conn.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            ps.setLong(1, key);
            ps.execute();
        } catch (SQLException e) {
            // the lock goes with the session anyway when the journal is closed
        }
    }

    /** pg_locks stores a bigint key as classid (high 32 bits) and objid (low 32 bits), objsubid 1. */
    private static String holder(Connection conn, long key) throws SQLException {
        String sql = "SELECT l.pid, a.application_name, a.client_addr, a.backend_start FROM pg_locks l "
                + "LEFT JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted "
                + "AND l.classid::bigint = ? AND l.objid::bigint = ? AND l.objsubid = 1";
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setLong(1, key >>> 32);
            ps.setLong(2, key & 0xffffffffL);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return "another PostgreSQL session";
                return "PostgreSQL backend pid " + rs.getInt(1) + " (application " + rs.getString(2)
                        + ", client " + rs.getString(3) + ", connected " + rs.getString(4) + ")";
            }
        }
    }
}
