package org.listguard.journal;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Where a recipient of a run stands (DESIGN.md invariant 2).
 *
 * <pre>
 * pending ──markSending──▶ sending ──recordOutcome──▶ accepted | deferred | rejected
 *    │                        │                           deferred ──(due)──▶ sending
 *    └─markSkipped─▶ skipped  └─recoverCrashed─▶ unknown ──resendUnknown──▶ pending
 *    pending | deferred ──markFailed──▶ failed      sending ──recordOutcome──▶ failed
 * accepted ──downstream DSN (reputation/sender/throttle)──▶ blocked ──run resumes──▶ pending
 * pending | deferred ──provider suspended──▶ blocked
 * accepted ──its provider's seed never arrived──▶ unconfirmed ──resendUnconfirmed──▶ pending
 * </pre>
 */
public enum RecipientStatus {
    /** Not yet tried. */
    PENDING,
    /** Committed just before the SMTP transaction started; the outcome is not known yet. */
    SENDING,
    /** The relay accepted the message (not "delivered"). */
    ACCEPTED,
    /** A temporary failure: tried again when {@code next_attempt_at} is due. */
    DEFERRED,
    /** A permanent failure. */
    REJECTED,
    /** Never sent: suppressed, duplicate or invalid; the skip reason says which. */
    SKIPPED,
    /** Was {@code sending} when the process died: it may have been accepted. Not re-sent unless asked. */
    UNKNOWN,
    /**
     * listguard could not compose, sign or submit this recipient's message (a header mime4j
     * refuses, an internal error): nothing was accepted. Final: never picked up again, so one bad
     * row cannot jam later sends. The reason is in {@code skip_reason}.
     */
    FAILED,
    /**
     * Refused downstream for a sender-side reason (a receiver's reputation, sender or throttle DSN
     * after the relay accepted it), or waiting because its receiving provider is suspended: sent
     * again when the run resumes after the block lifts; never suppressed, never counted delivered
     * (DESIGN.md invariant 8).
     */
    BLOCKED,
    /**
     * The relay accepted it, but the seed at its receiving provider never arrived (silent discard
     * suspected, issue 19): not counted delivered, and sent again only with the operator's word
     * ({@code send --resend-unconfirmed}). Why is in {@code blocked_reason}.
     */
    UNCONFIRMED;

    @JsonValue
    public String db() { return name().toLowerCase(Locale.ROOT); }

    public static RecipientStatus fromDb(String s) { return valueOf(s.toUpperCase(Locale.ROOT)); }
}
