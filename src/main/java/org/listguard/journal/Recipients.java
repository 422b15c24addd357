package org.listguard.journal;

import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.listguard.list.Recipient;

/**
 * The journal's store of a run's recipients (issue 18: the journal split into narrow stores):
 * planned rows, the next batch, the {@code sending} mark that is committed before a transaction
 * starts (DESIGN.md invariant 2), outcomes, crash recovery, and reads. Reached as
 * {@code journal.recipients()}; it shares the journal's connection and monitor, so it joins
 * {@link Journal#atomically} transactions.
 */
public final class Recipients {
    private final Journal journal;
    private final RecipientTable table;

    Recipients(Journal journal, RecipientTable table) {
        this.journal = journal;
        this.table = table;
    }

    /**
     * Appends recipients to a run in list order (seq continues after the last one), committing
     * every {@link Journal#ROWS_PER_TRANSACTION} rows; the source is consumed one row at a time and never
     * collected. If the source throws, the rows of earlier transactions stay (the caller aborts the run).
     *
     * @return how many were added
     */
    public long add(String run, Iterator<Recipient> source) {
        synchronized (journal) {
            return addPlanned(run, new Iterator<>() {
                @Override
                public boolean hasNext() { return source.hasNext(); }

                @Override
                public PlannedRecipient next() { return new PlannedRecipient(source.next(), null); }
            });
        }
    }

    /**
     * Appends planned rows (seq continues after the run's last row), skipped ones with their reason,
     * in transactions of 1,000 rows: a crash loses at most the rows of the open transaction, and a
     * resumed plan continues after the rows already written.
     */
    public long addPlanned(String run, Iterator<PlannedRecipient> source) {
        synchronized (journal) {
            return journal.sql("add recipients", () -> table.add(run, source, Journal.ROWS_PER_TRANSACTION));
        }
    }

    /** When the earliest deferred recipient of the run becomes due (now when one has no time), or empty when none is deferred. */
    public Optional<Instant> nextDueAt(String run) {
        synchronized (journal) {
            return journal.sql("read the next due time", () -> Optional.ofNullable(Timestamps.parse(table.nextDueAt(run))));
        }
    }

    public long add(String run, Stream<Recipient> source) {
        synchronized (journal) {
            return add(run, source.iterator());
        }
    }

    /** Marks a pending recipient as never sent, with why (suppressed, duplicate, invalid…); false if it was not pending. */
    public boolean markSkipped(String run, long seq, String reason) {
        synchronized (journal) {
            return journal.sql("mark skipped", () -> table.markSkipped(run, seq, reason, false));
        }
    }

    /**
     * A {@code sending} recipient whose transaction was given up before any of it reached the relay
     * (the relay cannot carry it: a non-ASCII address without SMTPUTF8) becomes skipped, with why.
     */
    public boolean skipUnsent(String run, long seq, String reason) {
        synchronized (journal) {
            return journal.sql("mark skipped", () -> table.markSkipped(run, seq, reason, true));
        }
    }

    /**
     * A recipient listguard could not compose, sign or submit: {@code failed} with the reason
     * (final; see {@link RecipientStatus#FAILED}). False when it was not pending, deferred or sending.
     */
    public boolean markFailed(String run, long seq, String reason) {
        synchronized (journal) {
            return journal.sql("mark failed", () -> table.markFailed(run, seq, reason));
        }
    }

    /**
     * Skips, in one statement, every pending recipient of the run whose address is suppressed
     * (skip reason "suppressed: hard|complaint: reason"); returns how many. The set-based form of
     * checking {@link Suppressions#isSuppressed} per recipient, for large lists.
     */
    public int skipSuppressed(String run) {
        synchronized (journal) {
            return journal.sql("skip suppressed recipients", () -> table.skipSuppressed(run));
        }
    }

    /** Up to {@code limit} pending recipients and deferred ones whose next attempt is due, in seq order. */
    public List<Due> nextBatch(String run, int limit) {
        synchronized (journal) {
            return journal.sql("read the next batch", () -> table.next(run, limit));
        }
    }

    /**
     * Commits "this recipient's SMTP transaction is about to start" (one small transaction;
     * attempts + 1). Returns false, and the caller must not send, when the recipient is not
     * pending or deferred (already sent, skipped, unknown, or claimed by another sender).
     */
    public boolean markSending(String run, long seq, String messageId) {
        synchronized (journal) {
            return journal.sql("mark sending", () -> table.markSending(run, seq, messageId));
        }
    }

    /** {@link #markSending(String, long, String)} without a Message-ID (given later with the outcome). */
    public boolean markSending(String run, long seq) {
        synchronized (journal) {
            return markSending(run, seq, null);
        }
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
    public boolean recordAndMarkSending(String run, long previousSeq, Outcome previous, long seq, String messageId) {
        synchronized (journal) {
            return journal.transaction("record an outcome and mark sending", () -> {
                if (previous != null) table.recordOutcome(run, previousSeq, previous);
                return table.markSending(run, seq, messageId);
            });
        }
    }

    /** Records the outcome of an attempt (or a later bounce); false when there is no such recipient. */
    public boolean recordOutcome(String run, long seq, Outcome outcome) {
        synchronized (journal) {
            return journal.sql("record an outcome", () -> table.recordOutcome(run, seq, outcome));
        }
    }

    /** After a crash: every {@code sending} row of the run becomes {@code unknown}; returns how many. */
    public int recoverCrashed(String run) {
        synchronized (journal) {
            return journal.sql("recover crashed rows", () -> table.move(run, RecipientStatus.SENDING, RecipientStatus.UNKNOWN));
        }
    }

    /** The user's {@code --resend-unknown}: every {@code unknown} row becomes pending again; returns how many. */
    public int resendUnknown(String run) {
        synchronized (journal) {
            return journal.sql("resend unknown rows", () -> table.move(run, RecipientStatus.UNKNOWN, RecipientStatus.PENDING));
        }
    }

    /**
     * The seed at this accepted member's receiving provider never arrived: it becomes
     * {@code unconfirmed} with {@code why} (its relay time is kept); false when it was not accepted.
     */
    public boolean markUnconfirmed(String run, long seq, String why) {
        synchronized (journal) {
            return journal.sql("mark a recipient unconfirmed", () -> table.markUnconfirmed(run, seq, why));
        }
    }

    /** The operator's {@code --resend-unconfirmed}: every {@code unconfirmed} row becomes pending again; returns how many. */
    public int resendUnconfirmed(String run) {
        synchronized (journal) {
            return journal.sql("resend unconfirmed rows", () -> table.resendUnconfirmed(run));
        }
    }

    /** Every recipient of the run in seq order, streamed to {@code sink}. */
    public void each(String run, Consumer<RecipientRow> sink) {
        synchronized (journal) {
            each(run, java.util.EnumSet.noneOf(RecipientStatus.class), sink);
        }
    }

    /** The recipients of the run in the given statuses (all when empty), in seq order, streamed. */
    public void each(String run, Set<RecipientStatus> only, Consumer<RecipientRow> sink) {
        synchronized (journal) {
            journal.sql("read recipients", () -> {
                table.forEach(run, only, sink);
                return null;
            });
        }
    }

    public Optional<RecipientRow> get(String run, long seq) {
        synchronized (journal) {
            return journal.sql("read a recipient", () -> table.one("SELECT * FROM recipients WHERE run_id = ? AND seq = ?", run, seq));
        }
    }

    /** The row whose message carried this Message-ID (as sent, with angle brackets), if any. */
    public Optional<RecipientRow> byMessageId(String messageId) {
        synchronized (journal) {
            return journal.sql("find a recipient by Message-ID", () -> table.one(
                    "SELECT * FROM recipients WHERE message_id = ? ORDER BY updated_at DESC LIMIT 1", messageId));
        }
    }

}
