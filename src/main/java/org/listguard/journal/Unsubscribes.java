package org.listguard.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Unsubscribe requests that took effect (table {@code unsubscribes}, V3): one per recipient of a
 * run, whatever the channel, so repeating a click or a mail changes nothing. Shares the
 * journal's connection and monitor; combine with the suppression in {@link Journal#atomically}.
 */
public final class Unsubscribes {
    /** How the member asked. */
    public enum Channel {
        ONE_CLICK, MAILTO, OPT_OUT;

        public String db() { return name().toLowerCase(Locale.ROOT).replace('_', '-'); }
    }

    /** A recorded request: when (UTC) and how. */
    public record Entry(String run, long seq, String addressKey, String channel, Instant at, String origin) {}

    private final Journal journal;
    private final Connection conn;
    private final Clock clock;

    Unsubscribes(Journal journal, Connection conn, Clock clock) {
        this.journal = journal;
        this.conn = conn;
        this.clock = clock;
    }

    /**
     * Records the request of recipient {@code seq} of {@code run}; false when one was already recorded.
     *
     * @param origin the client address of a one-click POST, or the mailbox source of a mail
     */
    public boolean record(String run, long seq, String address, Channel channel, String origin) {
        synchronized (journal) {
            return journal.sql("record an unsubscribe", () -> {
                try (PreparedStatement ps = conn.prepareStatement("INSERT INTO unsubscribes (run_id, seq, address_key, channel, at, origin) "
                        + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (run_id, seq) DO NOTHING")) {
                    ps.setString(1, run);
                    ps.setLong(2, seq);
                    ps.setString(3, Suppressions.key(address));
                    ps.setString(4, channel.db());
                    ps.setString(5, Timestamps.format(clock.instant()));
                    Sql.text(ps, 6, origin);
                    return ps.executeUpdate() == 1;
                }
            });
        }
    }

    public Optional<Entry> find(String run, long seq) {
        synchronized (journal) {
            return journal.sql("read an unsubscribe", () -> {
                try (PreparedStatement ps = conn.prepareStatement("SELECT * FROM unsubscribes WHERE run_id = ? AND seq = ?")) {
                    ps.setString(1, run);
                    ps.setLong(2, seq);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) return Optional.empty();
                        return Optional.of(new Entry(rs.getString("run_id"), rs.getLong("seq"), rs.getString("address_key"),
                                rs.getString("channel"), Timestamps.parse(rs.getString("at")), rs.getString("origin")));
                    }
                }
            });
        }
    }

    /** How many requests took effect in all. */
    public long count() {
        synchronized (journal) {
            return journal.sql("count unsubscribes", () -> {
                try (PreparedStatement ps = conn.prepareStatement("SELECT COUNT(*) FROM unsubscribes"); ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
        }
    }
}
