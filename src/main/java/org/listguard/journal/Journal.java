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
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.api.FlywayException;
import org.listguard.reply.Action;
import org.listguard.list.Recipient;

/**
 * The journal: runs, each recipient's outcome, events and the suppression list, in SQLite
 * ({@code jdbc:sqlite:FILE}, the default) or PostgreSQL ({@code jdbc:postgresql://…}) with the
 * same portable SQL. The only code that touches the database (DESIGN.md).
 *
 * <p>Contract of the send path (DESIGN.md invariant 2): {@link #markSending} is committed before
 * the SMTP transaction starts; {@link #recordOutcome} after it. A row still {@code sending} when a
 * run is resumed was interrupted mid-transaction: {@link #recoverCrashed} turns it {@code unknown},
 * {@link #nextBatch} never returns it, and only {@link #resendUnknown} (the user's
 * {@code --resend-unknown}) makes it pending again. Each call is its own transaction unless it
 * says otherwise; timestamps come from the injected clock, UTC with milliseconds.
 *
 * <p>Thread-safe: one connection, used under this object's monitor.
 */
public final class Journal implements AutoCloseable {
    /** Rows per transaction when adding recipients. */
    public static final int ROWS_PER_TRANSACTION = 1_000;
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("uuuuMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final String url;
    private final Connection conn;
    private final Clock clock;
    private final RecipientTable recipients;
    private final Suppressions suppressions;
    private final FeedbackTable feedback;
    private final RunHistory history;
    private final Unsubscribes unsubscribes;
    private final UnverifiedReports unverified;
    private final Downstream downstream;
    private final DmarcReports dmarcReports;
    private final MemberEvidence memberEvidence;

    private Journal(String url, Connection conn, Clock clock) {
        this.url = url;
        this.conn = conn;
        this.clock = clock;
        this.recipients = new RecipientTable(conn, clock);
        this.suppressions = new Suppressions(this, conn, clock);
        this.feedback = new FeedbackTable(conn, clock);
        this.history = new RunHistory(this, conn);
        this.unsubscribes = new Unsubscribes(this, conn, clock);
        this.unverified = new UnverifiedReports(this, conn, clock);
        this.downstream = new Downstream(this, conn, clock);
        this.dmarcReports = new DmarcReports(this, conn, clock);
        this.memberEvidence = new MemberEvidence(this, conn);
    }

    /**
     * Opens (creating the SQLite file and its directory if needed) and migrates the schema.
     *
     * @throws IllegalArgumentException for a URL of another engine
     * @throws JournalException         when the database cannot be opened or migrated
     */
    public static Journal open(String url, Clock clock) {
        DataSource ds = Database.dataSource(url);
        try {
            Database.migrate(ds);
            Connection c = ds.getConnection();
            c.setAutoCommit(true);
            return new Journal(url, c, clock);
        } catch (SQLException | FlywayException e) {
            throw new JournalException("cannot open the journal " + redacted(url), e);
        }
    }

    /** The URL with any password parameter masked, for messages (DESIGN.md invariant 5). */
    public static String redacted(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    public String url() { return redacted(url); }

    /** A campaign name as it may appear in a run id: [a-z0-9] runs joined by single hyphens, at most 17 characters. */
    static String slug(String campaign) {
        String s = campaign.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (s.length() > 17) s = s.substring(0, 17).replaceAll("-+$", "");
        return s.isEmpty() ? "run" : s;
    }

    // ---- runs ----

    /**
     * Starts a run in state running; its id is "yyyyMMdd-HHmmss-<campaign slug>" (UTC), suffixed -2…
     * if taken. The id travels inside VERP addresses and Message-IDs, so it is kept to lower-case
     * letters, digits and inner hyphens, at most 36 characters (compose.VerpToken's contract).
     */
    public synchronized Run createRun(String campaign, String auditJson, boolean forced) {
        Instant now = clock.instant();
        String base = RUN_ID.format(now) + "-" + slug(campaign);
        return sql("create a run", () -> {
            String id = base;
            for (int n = 2; run(id).isPresent(); n++) id = base + "-" + n;
            try (PreparedStatement ps = conn.prepareStatement("INSERT INTO runs (id, campaign, state, started_at, audit, forced) "
                    + "VALUES (?, ?, 'running', ?, ?, ?)")) {
                ps.setString(1, id);
                ps.setString(2, campaign);
                ps.setString(3, Timestamps.format(now));
                Sql.text(ps, 4, auditJson);
                ps.setInt(5, forced ? 1 : 0);
                ps.executeUpdate();
            }
            return run(id).orElseThrow();
        });
    }

    public synchronized Optional<Run> run(String id) {
        return sql("read a run", () -> oneRun("SELECT * FROM runs WHERE id = ?", id));
    }

    /** The most recent run of the campaign that is running, paused or interrupted (the one {@code send} resumes). */
    public synchronized Optional<Run> findUnfinishedRun(String campaign) {
        return sql("find an unfinished run", () -> oneRun("SELECT * FROM runs WHERE campaign = ? AND state IN ('running', 'paused', 'interrupted') "
                + "ORDER BY started_at DESC, id DESC LIMIT 1", campaign));
    }

    /** The campaign's most recently started run, or its latest run in {@code state} when state is given. */
    public synchronized Optional<Run> latestRunOf(String campaign, Optional<RunState> state) {
        return sql("find the campaign's latest run", () -> state.isPresent()
                ? oneRun("SELECT * FROM runs WHERE campaign = ? AND state = ? ORDER BY started_at DESC, id DESC LIMIT 1",
                        campaign, state.get().db())
                : oneRun("SELECT * FROM runs WHERE campaign = ? ORDER BY started_at DESC, id DESC LIMIT 1", campaign));
    }

    /** The most recently started run of any campaign. */
    public synchronized Optional<Run> latestRun() {
        return sql("find the latest run", () -> oneRun("SELECT * FROM runs ORDER BY started_at DESC, id DESC LIMIT 1"));
    }

    /**
     * Changes a run's state. {@code reason} and {@code evidenceJson} are the pause reason and the
     * guard's evidence (kept when null, cleared when the run goes back to running); finished_at is
     * set when the state is completed or aborted.
     */
    public synchronized void setState(String run, RunState state, String reason, String evidenceJson) {
        sql("set the run state", () -> {
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

    /** Records the relay in use (at start and on failover). */
    public synchronized void setRelay(String run, String relay) {
        update("set the relay", "UPDATE runs SET relay = ? WHERE id = ?", relay, run);
    }

    // ---- events ----

    public synchronized void addEvent(String run, String kind, String detailJson) {
        sql("add an event", () -> {
            try (PreparedStatement ps = conn.prepareStatement("INSERT INTO events (run_id, seq, at, kind, detail) "
                    + "SELECT ?, COALESCE(MAX(seq), 0) + 1, ?, ?, ? FROM events WHERE run_id = ?")) {
                ps.setString(1, run);
                ps.setString(2, Timestamps.format(clock.instant()));
                ps.setString(3, kind);
                Sql.text(ps, 4, detailJson);
                ps.setString(5, run);
                ps.executeUpdate();
            }
            return null;
        });
    }

    public synchronized List<Event> events(String run) {
        return sql("read events", () -> {
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

    // ---- recipients ----

    /**
     * Appends recipients to a run in list order (seq continues after the last one), committing
     * every {@link #ROWS_PER_TRANSACTION} rows; the source is consumed one row at a time and never
     * collected. If the source throws, the rows of earlier transactions stay (the caller aborts the run).
     *
     * @return how many were added
     */
    public synchronized long addRecipients(String run, Iterator<Recipient> source) {
        return addPlanned(run, new Iterator<>() {
            @Override
            public boolean hasNext() { return source.hasNext(); }

            @Override
            public PlannedRecipient next() { return new PlannedRecipient(source.next(), null); }
        });
    }

    /**
     * Appends planned rows (seq continues after the run's last row), skipped ones with their reason,
     * in transactions of 1,000 rows: a crash loses at most the rows of the open transaction, and a
     * resumed plan continues after the rows already written.
     */
    public synchronized long addPlanned(String run, Iterator<PlannedRecipient> source) {
        return sql("add recipients", () -> recipients.add(run, source, ROWS_PER_TRANSACTION));
    }

    /** When the earliest deferred recipient of the run becomes due (now when one has no time), or empty when none is deferred. */
    public synchronized Optional<Instant> nextDueAt(String run) {
        return sql("read the next due time", () -> Optional.ofNullable(Timestamps.parse(recipients.nextDueAt(run))));
    }

    public long addRecipients(String run, Stream<Recipient> source) {
        return addRecipients(run, source.iterator());
    }

    /** Marks a pending recipient as never sent, with why (suppressed, duplicate, invalid…); false if it was not pending. */
    public synchronized boolean markSkipped(String run, long seq, String reason) {
        return sql("mark skipped", () -> recipients.markSkipped(run, seq, reason, false));
    }

    /**
     * A {@code sending} recipient whose transaction was given up before any of it reached the relay
     * (the relay cannot carry it: a non-ASCII address without SMTPUTF8) becomes skipped, with why.
     */
    public synchronized boolean skipUnsent(String run, long seq, String reason) {
        return sql("mark skipped", () -> recipients.markSkipped(run, seq, reason, true));
    }

    /**
     * A recipient listguard could not compose, sign or submit: {@code failed} with the reason
     * (final; see {@link RecipientStatus#FAILED}). False when it was not pending, deferred or sending.
     */
    public synchronized boolean markFailed(String run, long seq, String reason) {
        return sql("mark failed", () -> recipients.markFailed(run, seq, reason));
    }

    /**
     * Skips, in one statement, every pending recipient of the run whose address is suppressed
     * (skip reason "suppressed: hard|complaint: reason"); returns how many. The set-based form of
     * checking {@link Suppressions#isSuppressed} per recipient, for large lists.
     */
    public synchronized int skipSuppressed(String run) {
        return sql("skip suppressed recipients", () -> recipients.skipSuppressed(run));
    }

    /** Up to {@code limit} pending recipients and deferred ones whose next attempt is due, in seq order. */
    public synchronized List<Due> nextBatch(String run, int limit) {
        return sql("read the next batch", () -> recipients.next(run, limit));
    }

    /**
     * Commits "this recipient's SMTP transaction is about to start" (one small transaction;
     * attempts + 1). Returns false, and the caller must not send, when the recipient is not
     * pending or deferred (already sent, skipped, unknown, or claimed by another sender).
     */
    public synchronized boolean markSending(String run, long seq, String messageId) {
        return sql("mark sending", () -> recipients.markSending(run, seq, messageId));
    }

    /** {@link #markSending(String, long, String)} without a Message-ID (given later with the outcome). */
    public boolean markSending(String run, long seq) {
        return markSending(run, seq, null);
    }

    /**
     * One transaction for one connection's step from recipient to recipient: the previous
     * recipient's outcome (when given) and "this recipient's SMTP transaction is about to start"
     * (see {@link #markSending}). Half the commits of doing both apart; the previous outcome is
     * still committed before the next transaction starts, and a crash before it leaves that
     * recipient {@code sending}, hence {@code unknown} and not re-sent — as a crash just after
     * its reply always could.
     *
     * @return false, and the caller must not send, when {@code seq} is not pending or deferred
     */
    public synchronized boolean recordAndMarkSending(String run, long previousSeq, Outcome previous, long seq, String messageId) {
        return transaction("record an outcome and mark sending", () -> {
            if (previous != null) recipients.recordOutcome(run, previousSeq, previous);
            return recipients.markSending(run, seq, messageId);
        });
    }

    /** Records the outcome of an attempt (or a later bounce); false when there is no such recipient. */
    public synchronized boolean recordOutcome(String run, long seq, Outcome outcome) {
        return sql("record an outcome", () -> recipients.recordOutcome(run, seq, outcome));
    }

    /** After a crash: every {@code sending} row of the run becomes {@code unknown}; returns how many. */
    public synchronized int recoverCrashed(String run) {
        return sql("recover crashed rows", () -> recipients.move(run, RecipientStatus.SENDING, RecipientStatus.UNKNOWN));
    }

    /** The user's {@code --resend-unknown}: every {@code unknown} row becomes pending again; returns how many. */
    public synchronized int resendUnknown(String run) {
        return sql("resend unknown rows", () -> recipients.move(run, RecipientStatus.UNKNOWN, RecipientStatus.PENDING));
    }

    /** Every recipient of the run in seq order, streamed to {@code sink}. */
    public void recipients(String run, Consumer<RecipientRow> sink) {
        recipients(run, EnumSet.noneOf(RecipientStatus.class), sink);
    }

    /** The recipients of the run in the given statuses (all when empty), in seq order, streamed. */
    public synchronized void recipients(String run, Set<RecipientStatus> only, Consumer<RecipientRow> sink) {
        sql("read recipients", () -> {
            recipients.forEach(run, only, sink);
            return null;
        });
    }

    public synchronized Optional<RecipientRow> recipient(String run, long seq) {
        return sql("read a recipient", () -> recipients.one("SELECT * FROM recipients WHERE run_id = ? AND seq = ?", run, seq));
    }

    /** The row whose message carried this Message-ID (as sent, with angle brackets), if any. */
    public synchronized Optional<RecipientRow> recipientByMessageId(String messageId) {
        return sql("find a recipient by Message-ID", () -> recipients.one(
                "SELECT * FROM recipients WHERE message_id = ? ORDER BY updated_at DESC LIMIT 1", messageId));
    }

    // ---- bounce processing (tables feedback_messages and bounces) ----

    /**
     * Whether the report with this key was already processed. The key is the report's own
     * Message-ID, or "sha256:" and the hex digest of its bytes when it has none.
     */
    public synchronized boolean feedbackProcessed(String messageKey) {
        return sql("check a processed report", () -> feedback.processed(messageKey));
    }

    /** Records that a report was processed (what was done, as JSON); false when it already was. */
    public synchronized boolean markFeedbackProcessed(String messageKey, String source, String outcomeJson) {
        return sql("record a processed report", () -> feedback.markProcessed(messageKey, source, outcomeJson));
    }

    /**
     * Keeps the evidence of a hard, soft or complaint report about one recipient; false when this
     * report was already recorded for that recipient (nothing is counted twice).
     */
    public synchronized boolean recordBounce(BounceEntry bounce) {
        return sql("record a bounce", () -> feedback.addBounce(bounce));
    }

    /**
     * A later outcome of an accepted message (a bounce or complaint): the row's action and reason
     * change; its status and reply fields stay as the relay gave them (the accepted evidence),
     * and the report's own evidence is in {@link #recordBounce}. False when there is no such row.
     */
    public synchronized boolean recordLaterAction(String run, long seq, Action action, String reason) {
        return sql("record a bounce on a recipient", () -> feedback.setAction(run, seq, action.json(), reason));
    }

    /**
     * The complaint rate of the campaign's most recently started run, or empty when the campaign
     * never ran: feedback-loop-proven complaints count, member-proven ones only when at least
     * {@code corroborate} ({@code guard.corroborate}) distinct members complained in that run.
     */
    public synchronized Optional<ComplaintRate> complaintRate(String campaign, int corroborate) {
        return sql("compute the complaint rate", () -> feedback.complaintRate(campaign, corroborate));
    }

    /**
     * Runs {@code work} in one transaction: all or nothing. {@code work} may call only the
     * single-statement methods of this journal (not the streaming or batching ones).
     */
    public synchronized <T> T atomically(java.util.function.Supplier<T> work) {
        return transaction("run a transaction", work::get);
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    private <T> T transaction(String what, SqlWork<T> work) {
        return sql(what, () -> {
            conn.setAutoCommit(false);
            try {
                T result = work.run();
                conn.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                conn.rollback();
                throw e;
            } finally {
                conn.setAutoCommit(true);
            }
        });
    }

    // ---- status ----

    /** The run's counts in DESIGN.md's status shape, or empty when there is no such run. */
    public synchronized Optional<RunStatus> status(String runId) {
        return sql("count a run", () -> {
            Optional<Run> run = run(runId);
            if (run.isEmpty()) return Optional.<RunStatus>empty();
            Map<String, Long> byStatus = groupCount("SELECT status, COUNT(*) FROM recipients WHERE run_id = ? GROUP BY status", runId);
            Map<String, Long> byAction = groupCount(
                    "SELECT action, COUNT(*) FROM recipients WHERE run_id = ? AND action IS NOT NULL GROUP BY action", runId);
            Map<String, Long> counts = new LinkedHashMap<>();
            long total = 0;
            for (String s : List.of("accepted", "deferred", "rejected", "skipped", "unknown", "blocked")) counts.put(s, byStatus.getOrDefault(s, 0L));
            // an extension of DESIGN's shape, present only when a recipient failed (issue 13)
            if (byStatus.getOrDefault("failed", 0L) > 0) counts.put("failed", byStatus.get("failed"));
            counts.put("pending", byStatus.getOrDefault("pending", 0L) + byStatus.getOrDefault("sending", 0L));
            for (long n : byStatus.values()) total += n;
            Map<String, Long> actions = new LinkedHashMap<>();
            for (Action a : Action.values()) actions.put(a.json(), byAction.getOrDefault(a.json(), 0L));
            Run r = run.get();
            return Optional.of(new RunStatus(r.id(), r.campaign(), r.state(), r.pauseReason(), total, counts, actions));
        });
    }

    // ---- lock and suppressions ----

    /**
     * Tries to become the one sender of a campaign: an OS file lock next to a SQLite journal, a
     * PostgreSQL advisory lock otherwise. Both are released when the process dies. Never blocks.
     */
    public synchronized LockResult lockCampaign(String campaign) {
        Optional<Path> file = JournalUrl.sqliteFile(url);
        if (file.isPresent()) return FileCampaignLock.acquire(file.get(), campaign, clock);
        if (JournalUrl.isPostgres(url)) return sql("lock the campaign", () -> PgCampaignLock.acquire(conn, campaign));
        return new LockResult.Acquired(campaign, () -> { }); // in-memory SQLite: private to this process anyway
    }

    public Suppressions suppressions() { return suppressions; }

    /** Past runs and their bounces, read-only (runs command, reports). */
    public RunHistory history() { return history; }

    /** Unsubscribe requests that took effect (issue 11). */
    public Unsubscribes unsubscribes() { return unsubscribes; }

    /** Reports tied to no message we sent, kept and never applied (issue 11, DESIGN.md invariant 7). */
    public UnverifiedReports unverifiedReports() { return unverified; }

    /** What receivers behind the relay said: blocked members, remembered blocks, learned egress IPs (issue 8). */
    public Downstream downstream() { return downstream; }

    /** DMARC aggregate reports, their rows and the files set aside (issue 24). */
    public DmarcReports dmarcReports() { return dmarcReports; }

    /** Each member's bounce evidence across runs, and the operator's resets of it (issue 22). */
    public MemberEvidence memberEvidence() { return memberEvidence; }

    @Override
    public synchronized void close() {
        try {
            recipients.close();
            suppressions.close();
            conn.close();
        } catch (SQLException e) {
            throw new JournalException("cannot close the journal", e);
        }
    }

    // ---- helpers ----

    interface SqlWork<T> {
        T run() throws SQLException;
    }

    <T> T sql(String what, SqlWork<T> work) {
        try {
            return work.run();
        } catch (SQLException e) {
            throw new JournalException("journal: cannot " + what, e);
        }
    }

    private void update(String what, String sql, String... args) {
        sql(what, () -> {
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
                if (!rs.next()) return Optional.empty();
                return Optional.of(new Run(rs.getString("id"), rs.getString("campaign"), RunState.fromDb(rs.getString("state")),
                        Timestamps.parse(rs.getString("started_at")), Timestamps.parse(rs.getString("finished_at")),
                        rs.getString("pause_reason"), rs.getString("pause_evidence"), rs.getString("audit"),
                        rs.getInt("forced") != 0, rs.getString("relay")));
            }
        }
    }

    private Map<String, Long> groupCount(String sql, String run) throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setString(1, run);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }
}
