package org.listguard.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * What a return-path reader already read (schema V9, issue 21): the Maildir messages it read and
 * left ({@code mailbox_left}), and how far it read an IMAP folder ({@code mailbox_uid_marks}).
 * Only a cache of work done: losing it costs one full read, never a report (a report's own key in
 * the feedback store is what keeps it from being applied twice). Shares the journal's connection
 * and monitor; each write is one transaction.
 */
public final class MailboxReads {
    /** Every message of the folder with a UID up to {@code lastUid} under {@code uidValidity} was read. */
    public record UidMark(long uidValidity, long lastUid) {}

    private final Journal journal;
    private final Connection conn;
    private final Clock clock;

    MailboxReads(Journal journal, Connection conn, Clock clock) {
        this.journal = journal;
        this.conn = conn;
        this.clock = clock;
    }

    /** The Maildir unique names {@code reader} read and left. */
    public Set<String> left(String reader) {
        synchronized (journal) {
            return journal.sql("read the return path's read messages", () -> {
                Set<String> out = new HashSet<>();
                try (PreparedStatement ps = conn.prepareStatement("SELECT name FROM mailbox_left WHERE reader = ?")) {
                    ps.setString(1, reader);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) out.add(rs.getString(1));
                    }
                }
                return out;
            });
        }
    }

    /** Remembers {@code added} as read and left, and forgets {@code gone} (files no longer there), in one transaction. */
    public void update(String reader, Collection<String> added, Collection<String> gone) {
        if (added.isEmpty() && gone.isEmpty()) return;
        String now = Timestamps.format(clock.instant());
        synchronized (journal) {
            journal.transaction("remember the return path's read messages", () -> {
                if (!added.isEmpty()) {
                    try (PreparedStatement ps = conn.prepareStatement(
                            "INSERT INTO mailbox_left (reader, name, left_at) VALUES (?, ?, ?) ON CONFLICT (reader, name) DO NOTHING")) {
                        for (String name : added) {
                            ps.setString(1, reader);
                            ps.setString(2, name);
                            ps.setString(3, now);
                            ps.addBatch();
                        }
                        ps.executeBatch();
                    }
                }
                if (!gone.isEmpty()) {
                    try (PreparedStatement ps = conn.prepareStatement("DELETE FROM mailbox_left WHERE reader = ? AND name = ?")) {
                        for (String name : gone) {
                            ps.setString(1, reader);
                            ps.setString(2, name);
                            ps.addBatch();
                        }
                        ps.executeBatch();
                    }
                }
                return null;
            });
        }
    }

    /** How far {@code reader} read its IMAP folder, if it did. */
    public Optional<UidMark> uidMark(String reader) {
        synchronized (journal) {
            return journal.sql("read the return path's UID mark", () -> {
                try (PreparedStatement ps = conn.prepareStatement("SELECT uid_validity, last_uid FROM mailbox_uid_marks WHERE reader = ?")) {
                    ps.setString(1, reader);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? Optional.of(new UidMark(rs.getLong(1), rs.getLong(2))) : Optional.<UidMark>empty();
                    }
                }
            });
        }
    }

    /** Sets how far {@code reader} read its IMAP folder. */
    public void uidMark(String reader, UidMark mark) {
        synchronized (journal) {
            journal.sql("remember the return path's UID mark", () -> {
                try (PreparedStatement ps = conn.prepareStatement("INSERT INTO mailbox_uid_marks (reader, uid_validity, last_uid, at) "
                        + "VALUES (?, ?, ?, ?) ON CONFLICT (reader) DO UPDATE SET uid_validity = excluded.uid_validity, "
                        + "last_uid = excluded.last_uid, at = excluded.at")) {
                    ps.setString(1, reader);
                    ps.setLong(2, mark.uidValidity());
                    ps.setLong(3, mark.lastUid());
                    ps.setString(4, Timestamps.format(clock.instant()));
                    return ps.executeUpdate();
                }
            });
        }
    }
}
