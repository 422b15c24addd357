package org.listguard.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.listguard.reply.Action;
import org.listguard.list.Recipient;

/**
 * The suppression list, kept in the journal: addresses never sent to again. Only a
 * {@link Action#HARD} bounce, a {@link Action#COMPLAINT} or the member's own
 * {@link Action#UNSUBSCRIBE} may put an address here (DESIGN.md
 * invariant 3: a reputation, sender or throttle reply is the sender's problem and never
 * suppresses the member); {@link #add} refuses anything else.
 *
 * <p>Addresses are matched by key: the domain lower-cased, the local part as written
 * (RFC 5321 §2.4: the local part may be case-sensitive), the same rule as {@link Recipient#key()}.
 * Shares the journal's connection and monitor.
 */
public final class Suppressions {
    private final Journal journal;
    private final Connection conn;
    private final Clock clock;
    private PreparedStatement lookup;

    Suppressions(Journal journal, Connection conn, Clock clock) {
        this.journal = journal;
        this.conn = conn;
        this.clock = clock;
    }

    /** The matching key of an address (see the class comment). */
    public static String key(String address) {
        return new Recipient(0, address.trim(), java.util.Map.of()).key();
    }

    /**
     * Suppresses an address (or updates the entry: latest reason wins).
     *
     * @throws IllegalArgumentException when {@code action} is not hard, complaint or unsubscribe
     */
    public void add(String address, String reason, Action action, String evidence, String sourceRun) {
        if (action == null || !action.suppresses()) {
            throw new IllegalArgumentException("only a hard bounce, a complaint or an unsubscribe suppresses an address, not '"
                    + (action == null ? null : action.json()) + "' (a reputation, sender or throttle reply is the sender's problem)");
        }
        if (reason == null || reason.isBlank()) throw new IllegalArgumentException("a suppression needs a reason");
        synchronized (journal) {
            journal.sql("add a suppression", () -> {
                try (PreparedStatement ps = conn.prepareStatement("INSERT INTO suppressions "
                        + "(address_key, reason, action, evidence, source_run, created_at) VALUES (?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT (address_key) DO UPDATE SET reason = excluded.reason, action = excluded.action, "
                        + "evidence = excluded.evidence, source_run = excluded.source_run, created_at = excluded.created_at")) {
                    ps.setString(1, key(address));
                    ps.setString(2, reason);
                    ps.setString(3, action.json());
                    Sql.text(ps, 4, evidence);
                    Sql.text(ps, 5, sourceRun);
                    ps.setString(6, Timestamps.format(clock.instant()));
                    ps.executeUpdate();
                }
                return null;
            });
        }
    }

    /** Removes an address; false when it was not suppressed. */
    public boolean remove(String address) {
        synchronized (journal) {
            return journal.sql("remove a suppression", () -> {
                try (PreparedStatement ps = conn.prepareStatement("DELETE FROM suppressions WHERE address_key = ?")) {
                    ps.setString(1, key(address));
                    return ps.executeUpdate() > 0;
                }
            });
        }
    }

    /** Whether the key (see {@link #key}) is suppressed: one primary-key lookup on a prepared statement. */
    public boolean isSuppressed(String key) {
        synchronized (journal) {
            return journal.sql("check a suppression", () -> {
                if (lookup == null) lookup = conn.prepareStatement("SELECT 1 FROM suppressions WHERE address_key = ?");
                lookup.setString(1, key);
                try (ResultSet rs = lookup.executeQuery()) {
                    return rs.next();
                }
            });
        }
    }

    /**
     * Gives every suppressed key to {@code each}, one row at a time, in no order: for a pass over a
     * whole list that would otherwise ask {@link #isSuppressed} once per row.
     */
    public void forEachKey(java.util.function.Consumer<String> each) {
        synchronized (journal) {
            journal.sql("read suppressions", () -> {
                try (PreparedStatement ps = conn.prepareStatement("SELECT address_key FROM suppressions");
                        ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) each.accept(rs.getString(1));
                }
                return null;
            });
        }
    }

    public Optional<Suppression> find(String address) {
        List<Suppression> l = query("SELECT * FROM suppressions WHERE address_key = ?", key(address));
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    /** Every entry, by key. */
    public List<Suppression> list() {
        return query("SELECT * FROM suppressions ORDER BY address_key", null);
    }

    private List<Suppression> query(String sql, String arg) {
        synchronized (journal) {
            return journal.sql("read suppressions", () -> {
                try (PreparedStatement ps = conn.prepareStatement(sql)) {
                    if (arg != null) ps.setString(1, arg);
                    List<Suppression> out = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(new Suppression(rs.getString("address_key"), rs.getString("reason"),
                                    Action.parse(rs.getString("action")), rs.getString("evidence"), rs.getString("source_run"),
                                    Timestamps.parse(rs.getString("created_at"))));
                        }
                    }
                    return out;
                }
            });
        }
    }

    void close() throws SQLException {
        if (lookup != null) lookup.close();
    }
}
