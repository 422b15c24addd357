package org.listguard.journal;

import java.time.Instant;

/**
 * One recipient of a run as journaled (reports, bounce matching). Nullable fields are null until
 * the recipient was tried; {@code replyCode} is 0 when there was no reply.
 */
public record RecipientRow(String run, long seq, String email, String emailKey, long listLine, RecipientStatus status,
        int attempts, int replyCode, String enhancedCode, String replyText, String stage, String relay,
        Instant updatedAt, String messageId, String queueId, String action, String reason, String skipReason,
        Instant nextAttemptAt) {}
