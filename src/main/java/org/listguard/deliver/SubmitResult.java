package org.listguard.deliver;

import java.util.Objects;
import java.util.Optional;
import org.listguard.reply.Reply;
import org.listguard.reply.Stage;

/**
 * The outcome of one recipient's transaction, with the evidence a delisting form asks for.
 *
 * @param recipient the RCPT TO address
 * @param outcome   accepted / deferred / rejected / unknown
 * @param stage     the SMTP stage that produced the deciding reply (or failed)
 * @param code      the reply code, 0 when there was none (connection failure, timeout)
 * @param enhanced  the RFC 3463 enhanced status code, or null
 * @param text      the full reply text as received, lines separated by "\n" (or a description of
 *                  the I/O failure when there was no reply); never contains a secret
 * @param queueId   the relay's queue id from the DATA reply, or null
 * @param relay     the relay's configured name
 */
public record SubmitResult(String recipient, Outcome outcome, Stage stage, int code, String enhanced,
                           String text, String queueId, String relay) {
    public SubmitResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(stage, "stage");
        text = text == null ? "" : text;
    }

    /** Builds a result from a reply; the outcome follows the reply class (RFC 5321 §4.2.1). */
    public static SubmitResult fromReply(String recipient, Stage stage, String reply, String relay) {
        String text = SmtpReplies.normalize(reply);
        int code = SmtpReplies.code(text);
        Outcome outcome = code >= 200 && code < 300 ? Outcome.ACCEPTED : code >= 500 ? Outcome.REJECTED : Outcome.DEFERRED;
        String queueId = outcome == Outcome.ACCEPTED ? SmtpReplies.queueId(text).orElse(null) : null;
        return new SubmitResult(recipient, outcome, stage, code, SmtpReplies.enhancedCode(text).orElse(null), text, queueId, relay);
    }

    /** A failure without a reply: before the body was sent it is DEFERRED, after it UNKNOWN. */
    public static SubmitResult noReply(String recipient, Stage stage, boolean bodySent, String what, String relay) {
        return new SubmitResult(recipient, bodySent ? Outcome.UNKNOWN : Outcome.DEFERRED, stage, 0, null, what, null, relay);
    }

    public boolean accepted() { return outcome == Outcome.ACCEPTED; }

    public Optional<String> queue() { return Optional.ofNullable(queueId); }

    /** The reply for the classifier: lines joined by a space, marked as the relay's own reply. */
    public Reply toReply(String host) {
        return new Reply(stage, code, enhanced, text.replace('\n', ' '), host, true);
    }
}
