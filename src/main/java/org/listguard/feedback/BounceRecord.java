package org.listguard.feedback;

import org.listguard.reply.Action;
import org.listguard.reply.Stage;

/**
 * One recipient's outcome read from a bounce, complaint or auto-reply, with what is needed to
 * match it to a run later (the VERP token of the envelope sender and the original Message-ID).
 *
 * @param kind              dsn (RFC 3464), text (a non-standard bounce), arf (RFC 5965), autoreply (RFC 3834)
 * @param recipient         the recipient the report is about (DSN Final-Recipient, ARF Original-Rcpt-To)
 * @param originalRecipient DSN Original-Recipient when it differs, else null
 * @param status            RFC 3463 enhanced status code, or null
 * @param replyCode         the SMTP reply code, 0 when none was given
 * @param diagnostic        the receiver's reply text, whitespace collapsed, or null
 * @param remoteHost        the host that gave the reply, or null
 * @param reason            Sisimai's reason
 * @param action            what listguard does about it
 * @param rule              the classifier rule that decided (or how the kind decided)
 * @param verpToken         the token of {@code bounces+<token>@domain}, or null
 * @param originalMessageId the Message-ID of the message that bounced, or null
 * @param stage             the SMTP stage the receiver's reply answered, as the notice names it ({@link Stage#UNKNOWN} when it does not)
 * @param statusFrom        where {@code status} was read: {@link #FROM_STATUS} (the DSN's structured {@code Status:}
 *                          field, RFC 3464 s2.3.4), {@link #FROM_TEXT} (the receiver's words), or null when there is none
 */
public record BounceRecord(String kind, String recipient, String originalRecipient, String status, int replyCode,
                           String diagnostic, String remoteHost, String reason, Action action, String rule,
                           String verpToken, String originalMessageId, Stage stage, String statusFrom) {
    /** {@code status} is the DSN's structured {@code Status:} field. */
    public static final String FROM_STATUS = "status";
    /** {@code status} was read from the receiver's text (a Diagnostic-Code or a non-standard notice). */
    public static final String FROM_TEXT = "text";

    public BounceRecord {
        stage = stage == null ? Stage.UNKNOWN : stage;
        if (status == null) statusFrom = null;
    }

    /** A record whose stage and status origin are not known (ARF, SES, auto-replies). */
    public BounceRecord(String kind, String recipient, String originalRecipient, String status, int replyCode,
                        String diagnostic, String remoteHost, String reason, Action action, String rule,
                        String verpToken, String originalMessageId) {
        this(kind, recipient, originalRecipient, status, replyCode, diagnostic, remoteHost, reason, action, rule,
                verpToken, originalMessageId, Stage.UNKNOWN, status == null ? null : FROM_TEXT);
    }
}
