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
 * @param provenance   who proved it ({@code guard.Provenance.kind()}): {@code member} (that member's token or
 *                     our Message-ID: speaks for that member only) or {@code feedback-loop} (a proven feedback
 *                     loop); a complaint counts toward the complaint rate by it ({@link ComplaintRate})
 * @param provider     the feedback-loop program when {@code provenance} is {@code feedback-loop}, else null
 * @param aboutMessageId the Message-ID the report quotes for the message it is about, or null (schema 13;
 *                     {@link RelayAcceptance#about}: kept only when it can be one)
 */
public record BounceEntry(String messageKey, String run, long seq, String address, String kind, Action action, String reason,
                          String status, int replyCode, String diagnostic, String remoteHost, String source,
                          String provenance, String provider, String aboutMessageId) {
    /** The provenances a bounce may have: only member-side reports are kept here (V6's CHECK). */
    public static final java.util.Set<String> PROVENANCES = java.util.Set.of("member", "feedback-loop");

    /** A report proven by one member (token or Message-ID). */
    public BounceEntry(String messageKey, String run, long seq, String address, String kind, Action action, String reason,
                       String status, int replyCode, String diagnostic, String remoteHost, String source) {
        this(messageKey, run, seq, address, kind, action, reason, status, replyCode, diagnostic, remoteHost, source, "member", null, null);
    }

    /** This entry as proven by {@code provenance} ({@code member} or {@code feedback-loop}) and, for a feedback loop, {@code provider}. */
    public BounceEntry provenBy(String provenance, String provider) {
        return new BounceEntry(messageKey, run, seq, address, kind, action, reason, status, replyCode, diagnostic, remoteHost, source,
                provenance, provider, aboutMessageId);
    }

    /** This entry about the message whose Message-ID the report quotes ({@code quoted}, or null when it quotes none). */
    public BounceEntry about(String quoted) {
        return new BounceEntry(messageKey, run, seq, address, kind, action, reason, status, replyCode, diagnostic, remoteHost, source,
                provenance, provider, quoted); // kept only if it can be a Message-ID (the canonical constructor)
    }

    public BounceEntry {
        aboutMessageId = RelayAcceptance.about(aboutMessageId);
        Objects.requireNonNull(provenance, "provenance");
        if (!PROVENANCES.contains(provenance)) {
            throw new IllegalArgumentException("a bounce is proven by a member or a feedback loop, not " + provenance);
        }
        Objects.requireNonNull(messageKey, "messageKey");
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(source, "source");
        if (action != Action.HARD && action != Action.SOFT && action != Action.COMPLAINT) {
            throw new IllegalArgumentException("only hard, soft and complaint reports are kept against a member, not "
                    + (action == null ? null : action.json()) + " (DESIGN.md invariant 3)");
        }
    }
}
