package org.listguard.feedback;

import org.listguard.reply.Action;

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
 */
public record BounceRecord(String kind, String recipient, String originalRecipient, String status, int replyCode,
                           String diagnostic, String remoteHost, String reason, Action action, String rule,
                           String verpToken, String originalMessageId) {}
