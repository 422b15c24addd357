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
    private final Runs runs;
    private final Feedback feedbackStore;
    private final RunHistory history;
    private final Unsubscribes unsubscribes;
    private final UnverifiedReports unverified;
    private final Downstream downstream;
    private final DmarcReports dmarcReports;
    private final MemberEvidence memberEvidence;
    private final RunEvents runEvents;

    private Journal(String url, Connection conn, Clock clock) {
        this.url = url;
        this.conn = conn;
        this.clock = clock;
        this.recipients = new RecipientTable(conn, clock);
        this.suppressions = new Suppressions(this, conn, clock);
        this.feedback = new FeedbackTable(conn, clock);
        this.feedbackStore = new Feedback(this, feedback);
        this.runs = new Runs(this, conn, clock, url);
        this.history = new RunHistory(this, conn);
        this.unsubscribes = new Unsubscribes(this, conn, clock);
        this.unverified = new UnverifiedReports(this, conn, clock);
        this.downstream = new Downstream(this, conn, clock);
        this.dmarcReports = new DmarcReports(this, conn, clock);
        this.memberEvidence = new MemberEvidence(this, conn);
        this.runEvents = new RunEvents(this, conn, clock);
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

    // ---- lock and suppressions ----

    /** Runs: create, read, find, state, relay, counts (status), and the one-sender lock of a campaign. */
    public Runs runs() { return runs; }

    public Suppressions suppressions() { return suppressions; }

    /** Past runs and their bounces, read-only (runs command, reports). */
    public RunHistory history() { return history; }

    /** Unsubscribe requests that took effect (issue 11). */
    public Unsubscribes unsubscribes() { return unsubscribes; }

    /** Reports tied to no message we sent, kept and never applied (issue 11, DESIGN.md invariant 7). */
    public UnverifiedReports unverifiedReports() { return unverified; }

    /** The run's course, typed: batches, plans, resumes, suspensions, seeds, failovers… ({@code events} table). */
    public RunEvents runEvents() { return runEvents; }

    /** What receivers behind the relay said: blocked members, remembered blocks, learned egress IPs (issue 8). */
    public Downstream downstream() { return downstream; }

    /** Bounce processing: processed reports, bounce evidence, later actions, complaint rates. */
    public Feedback feedback() { return feedbackStore; }

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

}
