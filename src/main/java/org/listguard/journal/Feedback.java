package org.listguard.journal;

import java.util.Optional;
import org.listguard.reply.Action;

/**
 * The journal's store for bounce processing (tables {@code feedback_messages} and {@code bounces}):
 * which reports were processed, the evidence of each hard, soft or complaint report, a recipient's
 * later action, and a run's complaint rate. One narrow store of the journal (issue 18), reached as
 * {@code journal.feedback()}; it shares the journal's connection and monitor, so it joins
 * {@link Journal#atomically} transactions.
 */
public final class Feedback {
    private final Journal journal;
    private final FeedbackTable table;

    Feedback(Journal journal, FeedbackTable table) {
        this.journal = journal;
        this.table = table;
    }

    /**
     * Whether the report with this key was already processed. The key is the report's own
     * Message-ID, or "sha256:" and the hex digest of its bytes when it has none.
     */
    public boolean processed(String messageKey) {
        synchronized (journal) {
            return journal.sql("check a processed report", () -> table.processed(messageKey));
        }
    }

    /** Records that a report was processed (what was done, as JSON); false when it already was. */
    public boolean markProcessed(String messageKey, String source, String outcomeJson) {
        synchronized (journal) {
            return journal.sql("record a processed report", () -> table.markProcessed(messageKey, source, outcomeJson));
        }
    }

    /**
     * Keeps the evidence of a hard, soft or complaint report about one recipient; false when this
     * report was already recorded for that recipient (nothing is counted twice).
     */
    public boolean recordBounce(BounceEntry bounce) {
        synchronized (journal) {
            return journal.sql("record a bounce", () -> table.addBounce(bounce));
        }
    }

    /**
     * A later outcome of an accepted message (a bounce or complaint): the row's action and reason
     * change; its status and reply fields stay as the relay gave them (the accepted evidence), and
     * the report's own evidence is in {@link #recordBounce}. False when there is no such row.
     */
    public boolean recordLaterAction(String run, long seq, Action action, String reason) {
        synchronized (journal) {
            return journal.sql("record a bounce on a recipient", () -> table.setAction(run, seq, action.json(), reason));
        }
    }

    /**
     * The complaint rate of the campaign's most recently started run, or empty when the campaign
     * never ran: feedback-loop-proven complaints count, member-proven ones only when at least
     * {@code corroborate} ({@code guard.corroborate}) distinct members complained in that run.
     */
    public Optional<ComplaintRate> complaintRate(String campaign, int corroborate) {
        synchronized (journal) {
            return journal.sql("compute the complaint rate", () -> table.complaintRate(campaign, corroborate));
        }
    }
}
