package org.listguard.journal;

import java.util.Objects;
import org.listguard.reply.Action;

/**
 * The evidence of one bounce or complaint about one recipient of a run, as the journal keeps it
 * (table {@code bounces}). Only the member-side actions are kept here: hard, soft, complaint.
 *
 * @param messageKey   the report's key ({@link Journal#feedbackProcessed})
 * @param address      the address the report is about (may differ from the row's when the member forwards)
 * @param kind         dsn | text | arf | autoreply (how the report was read)
 * @param status       RFC 3463 enhanced status code, or null
 * @param replyCode    the receiver's SMTP reply code, 0 when none
 * @param diagnostic   the receiver's reply text, or null
 * @param remoteHost   the host that gave it, or null
 * @param source       where the report was read: a file name or {@code imap://host/folder;UID=n}
 */
public record BounceEntry(String messageKey, String run, long seq, String address, String kind, Action action, String reason,
                          String status, int replyCode, String diagnostic, String remoteHost, String source) {
    public BounceEntry {
        Objects.requireNonNull(messageKey, "messageKey");
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(source, "source");
        if (action != Action.HARD && action != Action.SOFT && action != Action.COMPLAINT) {
            throw new IllegalArgumentException("only hard, soft and complaint reports are kept against a member, not "
                    + (action == null ? null : action.json()) + " (DESIGN.md invariant 3)");
        }
    }
}
