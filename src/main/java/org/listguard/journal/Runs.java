package org.listguard.journal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.listguard.reply.Action;

/**
 * The journal's store of runs (issue 18: the journal split into narrow stores): create, read and
 * find runs, their state and relay, their counts in DESIGN.md's status shape, and the one-sender
 * lock of a campaign. Reached as {@code journal.runs()}; it shares the journal's connection and
 * monitor (every method holds it), so it joins {@link Journal#atomically} transactions.
 */
public final class Runs {
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("uuuuMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final Journal journal;
    private final Connection conn;
    private final Clock clock;
    private final String url;

    Runs(Journal journal, Connection conn, Clock clock, String url) {
        this.journal = journal;
        this.conn = conn;
        this.clock = clock;
        this.url = url;
    }


    /**
     * Starts a run in state running; its id is "yyyyMMdd-HHmmss-<campaign slug>" (UTC), suffixed -2…
     * if taken. The id travels inside VERP addresses and Message-IDs, so it is kept to lower-case
     * letters, digits and inner hyphens, at most 36 characters (compose.VerpToken's contract).
     */
    public Run create(String campaign, String auditJson, boolean forced) {
        synchronized (journal) {
            Instant now = clock.instant();
            String base = RUN_ID.format(now) + "-" + Journal.slug(campaign);
            return journal.sql("create a run", () -> {
                String id = base;
                for (int n = 2; get(id).isPresent(); n++) id = base + "-" + n;
                try (PreparedStatement ps = conn.prepareStatement("INSERT INTO runs (id, campaign, state, started_at, audit, forced) "
                        + "VALUES (?, ?, 'running', ?, ?, ?)")) {
                    ps.setString(1, id);
                    ps.setString(2, campaign);
                    ps.setString(3, Timestamps.format(now));
                    Sql.text(ps, 4, auditJson);
                    ps.setInt(5, forced ? 1 : 0);
                    ps.executeUpdate();
                }
                return get(id).orElseThrow();
            });
        }
    }

    public Optional<Run> get(String id) {
        synchronized (journal) {
            return journal.sql("read a run", () -> oneRun("SELECT * FROM runs WHERE id = ?", id));
        }
    }

    /** The most recent run of the campaign that is running, paused or interrupted (the one {@code send} resumes). */
    public Optional<Run> findUnfinished(String campaign) {
        synchronized (journal) {
            return journal.sql("find an unfinished run", () -> oneRun("SELECT * FROM runs WHERE campaign = ? AND state IN ('running', 'paused', 'interrupted') "
                    + "ORDER BY started_at DESC, id DESC LIMIT 1", campaign));
        }
    }

    /** The campaign's most recently started run, or its latest run in {@code state} when state is given. */
    public Optional<Run> latestOf(String campaign, Optional<RunState> state) {
        synchronized (journal) {
            return journal.sql("find the campaign's latest run", () -> state.isPresent()
                    ? oneRun("SELECT * FROM runs WHERE campaign = ? AND state = ? ORDER BY started_at DESC, id DESC LIMIT 1",
                            campaign, state.get().db())
                    : oneRun("SELECT * FROM runs WHERE campaign = ? ORDER BY started_at DESC, id DESC LIMIT 1", campaign));
        }
    }

    /** The most recently started run of any campaign that is running, paused or interrupted. */
    public Optional<Run> latestUnfinished() {
        synchronized (journal) {
            return journal.sql("find the latest unfinished run", () -> oneRun("SELECT * FROM runs WHERE state IN ('running', 'paused', 'interrupted') "
                    + "ORDER BY started_at DESC, id DESC LIMIT 1"));
        }
    }

    /** The most recently started run of any campaign. */
    public Optional<Run> latest() {
        synchronized (journal) {
            return journal.sql("find the latest run", () -> oneRun("SELECT * FROM runs ORDER BY started_at DESC, id DESC LIMIT 1"));
        }
    }

    /**
     * Changes a run's state. {@code reason} and {@code evidenceJson} are the pause reason and the
     * guard's evidence (kept when null, cleared when the run goes back to running); finished_at is
     * set when the state is completed or aborted.
     */
    public void setState(String run, RunState state, String reason, String evidenceJson) {
        synchronized (journal) {
            journal.sql("set the run state", () -> {
                String sql = state == RunState.RUNNING
                        ? "UPDATE runs SET state = ?, pause_reason = NULL, finished_at = NULL WHERE id = ?"
                        : "UPDATE runs SET state = ?, pause_reason = COALESCE(?, pause_reason), "
                                + "pause_evidence = COALESCE(?, pause_evidence), finished_at = ? WHERE id = ?";
                try (PreparedStatement ps = conn.prepareStatement(sql)) {
                    ps.setString(1, state.db());
                    if (state == RunState.RUNNING) {
                        ps.setString(2, run);
                    } else {
                        Sql.text(ps, 2, reason);
                        Sql.text(ps, 3, evidenceJson);
                        Sql.text(ps, 4, state.finished() ? Timestamps.format(clock.instant()) : null);
                        ps.setString(5, run);
                    }
                    requireOne(ps.executeUpdate(), run);
                }
                return null;
            });
        }
    }

    /** Records the relay in use (at start and on failover). */
    public void setRelay(String run, String relay) {
        synchronized (journal) {
            update("set the relay", "UPDATE runs SET relay = ? WHERE id = ?", relay, run);
        }
    }


    /** The run's counts in DESIGN.md's status shape, or empty when there is no such run ({@link RunCounts}). */
    public Optional<RunStatus> status(String runId) {
        synchronized (journal) {
            return journal.sql("count a run", () -> {
                Optional<Run> run = get(runId);
                if (run.isEmpty()) return Optional.<RunStatus>empty();
                return Optional.of(RunCounts.of(conn, List.of(run.get())).get(0));
            });
        }
    }

    /**
     * Tries to become the one sender of a campaign: an OS file lock next to a SQLite journal, a
     * PostgreSQL advisory lock otherwise. Both are released when the process dies. Never blocks.
     */
    public LockResult lock(String campaign) {
        synchronized (journal) {
            Optional<Path> file = JournalUrl.sqliteFile(url);
            if (file.isPresent()) return FileCampaignLock.acquire(file.get(), campaign, clock);
            if (JournalUrl.isPostgres(url)) return journal.sql("lock the campaign", () -> PgCampaignLock.acquire(conn, campaign));
            return new LockResult.Acquired(campaign, () -> { }); // in-memory SQLite: private to this process anyway
        }
    }

    private void update(String what, String sql, String... args) {
        journal.sql(what, () -> {
            try (PreparedStatement ps = conn.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) Sql.text(ps, i + 1, args[i]);
                requireOne(ps.executeUpdate(), args[args.length - 1]);
            }
            return null;
        });
    }

    private static void requireOne(int updated, String run) {
        if (updated != 1) throw new IllegalArgumentException("no run '" + run + "' in the journal");
    }

    private Optional<Run> oneRun(String sql, String... args) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setString(i + 1, args[i]);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    /** The run on the result set's current row of {@code runs}. */
    static Run read(ResultSet rs) throws SQLException {
        return new Run(rs.getString("id"), rs.getString("campaign"), RunState.fromDb(rs.getString("state")),
                Timestamps.parse(rs.getString("started_at")), Timestamps.parse(rs.getString("finished_at")),
                rs.getString("pause_reason"), rs.getString("pause_evidence"), rs.getString("audit"),
                rs.getInt("forced") != 0, rs.getString("relay"));
    }
}
