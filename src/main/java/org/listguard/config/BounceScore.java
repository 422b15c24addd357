package org.listguard.config;

import java.time.Duration;

/**
 * {@code bounces.score}: when ambiguous bounce evidence, gathered over runs, suppresses a member
 * (issue 22; DELIVERABILITY.md s12). Definitive evidence (an addressing code at RCPT or in a
 * DSN's Status:) suppresses at once and needs none of this.
 *
 * @param threshold  the score at which a member is suppressed, reached over at least two distinct
 *                   runs (default {@link Defaults#BOUNCE_SCORE_THRESHOLD}, Mailman's {@code bounce_score_threshold})
 * @param staleAfter evidence older than this no longer counts (default {@link Defaults#BOUNCE_SCORE_STALE_AFTER})
 * @param fullAfter  a full mailbox counts only when it was already full this long before
 *                   (default {@link Defaults#BOUNCE_FULL_AFTER})
 */
public record BounceScore(Double threshold, Duration staleAfter, Duration fullAfter) {
    public static final BounceScore DEFAULT = new BounceScore(null, null, null);

    public BounceScore {
        threshold = threshold == null ? Defaults.BOUNCE_SCORE_THRESHOLD : threshold;
        staleAfter = staleAfter == null ? Defaults.BOUNCE_SCORE_STALE_AFTER : staleAfter;
        fullAfter = fullAfter == null ? Defaults.BOUNCE_FULL_AFTER : fullAfter;
    }
}
