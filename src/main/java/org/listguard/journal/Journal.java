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
    private final Recipients recipientStore;
    private final Feedback feedbackStore;
    private final RunHistory history;
    private final Unsubscribes unsubscribes;
    private final UnverifiedReports unverified;
    private final Downstream downstream;
    private final DmarcReports dmarcReports;
    private final MemberEvidence memberEvidence;
    private final RunEvents runEvents;
    private final MailboxReads mailboxReads;

    private Journal(String url, Connection conn, Clock clock) {
        this.url = url;
        this.conn = conn;
        this.clock = clock;
        this.recipients = new RecipientTable(conn, clock);
        this.suppressions = new Suppressions(this, conn, clock);
        this.feedback = new FeedbackTable(conn, clock);
        this.feedbackStore = new Feedback(this, feedback);
        this.runs = new Runs(this, conn, clock, url);
        this.recipientStore = new Recipients(this, recipients);
        this.history = new RunHistory(this, conn);
        this.unsubscribes = new Unsubscribes(this, conn, clock);
        this.unverified = new UnverifiedReports(this, conn, clock);
        this.downstream = new Downstream(this, conn, clock);
        this.dmarcReports = new DmarcReports(this, conn, clock);
        this.memberEvidence = new MemberEvidence(this, conn);
        this.runEvents = new RunEvents(this, conn, clock);
        this.mailboxReads = new MailboxReads(this, conn, clock);
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

    /**
     * Runs {@code work} in one transaction: all or nothing. {@code work} may call only the
     * single-statement methods of this journal (not the streaming or batching ones).
     */
    public synchronized <T> T atomically(java.util.function.Supplier<T> work) {
        return transaction("run a transaction", work::get);
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    <T> T transaction(String what, SqlWork<T> work) {
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

    /** A run's recipients: add, batch, mark, record outcomes, read. */
    public Recipients recipients() { return recipientStore; }

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

    /** What the return-path readers already read (issue 21): the cache that makes a look cost only the new messages. */
    public MailboxReads mailboxReads() { return mailboxReads; }

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
