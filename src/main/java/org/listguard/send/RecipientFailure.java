package org.listguard.send;

import java.util.Optional;
import org.listguard.reply.Action;
import org.listguard.reply.Classification;
import org.listguard.reply.Reply;
import org.listguard.reply.ReplyClassifier;
import org.listguard.journal.Due;
import org.listguard.journal.Journal;

/**
 * One recipient whose message listguard itself could not compose, sign or submit (a header
 * line mime4j refuses, a bug in a library): the recipient is journaled {@code failed} with the
 * reason and the run goes on with the others. {@code failed} is final, so a later send never
 * tries (and crashes on) the same row again, even after the row is removed from the list: the
 * journal, not the list, is what a resumed run reads.
 */
final class RecipientFailure {
    /** Longest reason kept: enough for the exception chain, never a whole hostile value. */
    static final int MAX_REASON = 500;

    private RecipientFailure() {}

    /** "could not STEP this recipient's message: Type message: cause", at most {@value #MAX_REASON} characters. */
    static String reason(String step, RuntimeException e) {
        StringBuilder sb = new StringBuilder("could not ").append(step).append(" this recipient's message: ");
        int start = sb.length();
        for (Throwable c = e; c != null && sb.length() < MAX_REASON; c = c.getCause()) {
            if (sb.length() > start) sb.append(": ");
            String msg = c.getMessage();
            sb.append(c instanceof org.listguard.InputException ? "" : c.getClass().getSimpleName() + (msg == null ? "" : " "));
            if (msg != null) sb.append(msg.strip());
            if (c.getCause() == c) break;
        }
        return sb.length() <= MAX_REASON ? sb.toString() : sb.substring(0, MAX_REASON - 1) + "…";
    }

    /**
     * Journals the failure (the connection's previous outcome stays unrecorded, for its next step
     * to write) and returns the attempt: not sent, counted as done.
     */
    static Delivery.Attempt record(Journal journal, String run, Due due, String reason, Delivery.Unrecorded previous) {
        journal.recipients().markFailed(run, due.seq(), reason);
        return new Delivery.Attempt(false, null, Optional.empty(), previous, reason);
    }

    /**
     * The relay cannot carry this recipient's message (a non-ASCII address without SMTPUTF8,
     * RFC 6531 §3.4): nothing was sent, the row is skipped with the reason.
     */
    static Delivery.Attempt skip(Journal journal, String run, Due due, String reason) {
        journal.recipients().skipUnsent(run, due.seq(), reason);
        return new Delivery.Attempt(false, null, Optional.empty(), null, reason);
    }

    /**
     * The classifier's answer, or — when a rule blows up on a hostile reply (a regex that
     * overflows the stack) — an unexplained, never-suppressing one, so the reply and its outcome
     * are still journaled and the run goes on (an unexplained 5xx is not hard, DELIVERABILITY §4).
     */
    static Classification classify(ReplyClassifier classifier, Reply reply) {
        try {
            return classifier.classify(reply.stage(), reply.code(), reply.enhanced(), reply.text(), reply.host(), reply.fromRelay());
        } catch (RuntimeException | StackOverflowError e) {
            return new Classification("undefined", Action.SOFT, "classifier-failed: " + e.getClass().getSimpleName());
        }
    }
}
