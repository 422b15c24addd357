package org.listguard.journal;

import java.time.Instant;
import java.util.Objects;
import org.listguard.reply.Action;
import org.listguard.reply.Stage;

/**
 * The result of one attempt to hand a recipient's message to a relay, as the journal keeps it:
 * the evidence a delisting form asks for (exact reply, codes, relay, UTC time) plus what the
 * classifier decided. Every field but {@code status} may be null (0 for {@code replyCode}).
 *
 * @param status        accepted, deferred or rejected (unknown only for a transport error after DATA)
 * @param replyCode     SMTP reply code (RFC 5321 §4.2), 0 when there was none
 * @param enhancedCode  RFC 3463 enhanced status code, e.g. "5.7.1"
 * @param replyText     the full reply text, all lines
 * @param stage         where in the dialogue the reply came
 * @param relay         the relay's name from config
 * @param queueId       the relay's queue id from the DATA reply (accepted only)
 * @param messageId     the Message-ID header sent, if not already given to markSending
 * @param action        the classifier's action
 * @param reason        the classifier's reason (Sisimai vocabulary)
 * @param nextAttemptAt when a deferred recipient becomes due again
 */
public record Outcome(RecipientStatus status, int replyCode, String enhancedCode, String replyText, Stage stage,
        String relay, String queueId, String messageId, Action action, String reason, Instant nextAttemptAt) {
    public Outcome {
        Objects.requireNonNull(status, "status");
        if (status == RecipientStatus.PENDING || status == RecipientStatus.SENDING || status == RecipientStatus.SKIPPED) {
            throw new IllegalArgumentException("an outcome is accepted, deferred, rejected or unknown, not " + status.db());
        }
    }

    /** An accepted message: the relay's 250 reply with its queue id. */
    public static Outcome accepted(int code, String enhanced, String text, String relay, String queueId, String messageId) {
        return new Outcome(RecipientStatus.ACCEPTED, code, enhanced, text, Stage.DATA_END, relay, queueId, messageId,
                Action.NONE, "delivered", null);
    }
}
