package org.listguard.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.listguard.events.Journaled;
import org.listguard.events.RunRecord;
import org.listguard.events.RunRecordCodec;

/**
 * A run's course (table {@code events}: run_id, seq, at, kind, detail), typed: {@link RunRecord}s
 * in, {@link Journaled} records out, the detail in {@link RunRecordCodec}'s versioned schema. seq
 * is per run, assigned here; at comes from the journal's clock. Shares the journal's connection
 * and monitor, so an append inside {@link Journal#atomically} is part of that transaction.
 */
public final class RunEvents {
    private final Journal journal;
    private final Connection conn;
    private final Clock clock;

    RunEvents(Journal journal, Connection conn, Clock clock) {
        this.journal = journal;
        this.conn = conn;
        this.clock = clock;
    }

    public void append(String run, RunRecord record) {
        synchronized (journal) {
            journal.sql("add an event", () -> {
                try (PreparedStatement ps = conn.prepareStatement("INSERT INTO events (run_id, seq, at, kind, detail) "
                        + "SELECT ?, COALESCE(MAX(seq), 0) + 1, ?, ?, ? FROM events WHERE run_id = ?")) {
                    ps.setString(1, run);
                    ps.setString(2, Timestamps.format(clock.instant()));
                    ps.setString(3, record.kind());
                    Sql.text(ps, 4, RunRecordCodec.encode(record));
                    ps.setString(5, run);
                    ps.executeUpdate();
                }
                return null;
            });
        }
    }

    /** The run's records in seq order; a row this version cannot read is a {@link RunRecord.Unreadable}. */
    public List<Journaled> list(String run) {
        return raw(run).stream().map(e -> new Journaled(run, e.seq(), e.at(), RunRecordCodec.decode(e.kind(), e.detail()))).toList();
    }

    /**
     * The records of {@code kind} journaled at or after {@code since} in any run, oldest first: what
     * one invocation added across runs (a late report about an earlier run's member is journaled in
     * that run).
     */
    public List<Journaled> since(String kind, java.time.Instant since) {
        synchronized (journal) {
            return journal.sql("read events", () -> {
                try (PreparedStatement ps = conn.prepareStatement("SELECT * FROM events WHERE kind = ? AND at >= ? ORDER BY at, run_id, seq")) {
                    ps.setString(1, kind);
                    ps.setString(2, Timestamps.format(since)); // fixed-width ISO-8601 UTC: text order is time order
                    List<Journaled> out = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(new Journaled(rs.getString("run_id"), rs.getLong("seq"), Timestamps.parse(rs.getString("at")),
                                    RunRecordCodec.decode(rs.getString("kind"), rs.getString("detail"))));
                        }
                    }
                    return out;
                }
            });
        }
    }

    /**
     * The rows exactly as stored (detail with its {@code "v"}). No production code reads these:
     * they are for tests and diagnostics that look at the stored text itself.
     */
    public List<Event> raw(String run) {
        synchronized (journal) {
            return journal.sql("read events", () -> {
                try (PreparedStatement ps = conn.prepareStatement("SELECT * FROM events WHERE run_id = ? ORDER BY seq")) {
                    ps.setString(1, run);
                    List<Event> out = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(new Event(run, rs.getLong("seq"), Timestamps.parse(rs.getString("at")), rs.getString("kind"),
                                    rs.getString("detail")));
                        }
                    }
                    return out;
                }
            });
        }
    }
}
