package org.listguard.feedback;

/**
 * Whether one ARF report proved itself a feedback loop's (DELIVERABILITY.md s9): the provider's
 * DKIM signature, the provider's report shape, and our own signature still verifying on the
 * enclosed original. What {@link FeedbackLoopChecker} found, as a value: never an exception.
 */
sealed interface FeedbackLoopProof {
    /**
     * Proven: the report is the provider's, about the message we sent with {@code originalMessageId}
     * (read under our verifying signature, so it ties the report to one row and no other).
     *
     * @param provider      the feedback-loop program ("Microsoft JMRP", "Yahoo CFL", or the configured source)
     * @param signingDomain the {@code d=} of the provider's signature that verified
     */
    record Proven(String provider, String signingDomain, String originalMessageId) implements FeedbackLoopProof {}

    /** Not proven, with the first missing piece: at most one member's own report. */
    record NotProven(String why) implements FeedbackLoopProof {}

    NotProven NOT_ARF = new NotProven("not an ARF report");
    NotProven NO_SOURCES = new NotProven("no feedback loop configured (bounces.feedback_sources)");
}
