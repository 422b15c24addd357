package org.listguard.feedback;

import java.util.List;
import org.listguard.reply.Action;

/**
 * What processing one message of the return path did ({@link BounceProcessor#processMessage}).
 * Only {@link #verified()} outcomes had consequences; a reader of the return path during a run
 * feeds the guard with {@link #applied()} of those only (DESIGN.md invariant 7).
 *
 * @param applied    records tied to a message we sent, with what was done (empty unless verified)
 * @param unverified records tied to nothing: kept in the journal, changed nothing
 * @param why        for {@link Kind#NOT_A_REPORT}, why; else null
 */
public record MessageOutcome(String source, Kind kind, List<AppliedRecord> applied, List<UnverifiedRecord> unverified, String why) {
    public MessageOutcome {
        applied = List.copyOf(applied);
        unverified = List.copyOf(unverified);
    }

    public enum Kind {
        /** At least one record was tied to a message we sent and applied now. */
        APPLIED,
        /** The journal had this message's key: nothing applied again. */
        ALREADY_PROCESSED,
        /** A member's mail to the mailto unsubscribe address with a valid keyed token. */
        UNSUBSCRIBED,
        /** A report (or unsubscribe mail) that nothing ties to a message we sent: journaled, nothing changed. */
        UNVERIFIED,
        /** Not a bounce, complaint, auto-reply or unsubscribe mail: left alone. */
        NOT_A_REPORT
    }

    /** Whether the message was tied to a message we sent (and so may have had consequences). */
    public boolean verified() {
        return kind == Kind.APPLIED || kind == Kind.ALREADY_PROCESSED || kind == Kind.UNSUBSCRIBED;
    }

    /**
     * One applied record.
     *
     * @param matchedBy     "verp", "verp-previous-key", "message-id", "feedback-loop:DOMAIN" or "unsubscribe-token"
     * @param newSuppressed whether the address was newly put on the suppression list
     * @param newComplaint  whether a complaint was newly counted toward the complaint rate
     * @param record        the parsed record (null for a mailto unsubscribe)
     */
    public record AppliedRecord(String run, long seq, String address, Action action, String matchedBy,
                                boolean newSuppressed, boolean newComplaint, BounceRecord record) {}

    /**
     * One record nothing ties to a message we sent.
     *
     * @param claimedRun the run an unverifiable token names (a claim, not proof), or null
     */
    public record UnverifiedRecord(String kind, String recipient, Action action, String why, String claimedRun, Long claimedSeq) {}
}
