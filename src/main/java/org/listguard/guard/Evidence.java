package org.listguard.guard;

import java.time.Instant;

/**
 * One piece of evidence for a pause: what a delisting or remediation form asks for — the exact
 * reply with its codes, the relay, the recipient's domain (never the member's address), and an
 * ISO-8601 UTC timestamp; or a reputation listing seen between batches; or a seed message the
 * relay accepted that never arrived (then {@code seed}, {@code messageId} and {@code queueId} say
 * which message to look for in the relay's logs — a seed is the operator's own address, not a member's).
 */
public record Evidence(Instant at, String kind, String relay, String recipientDomain, Integer replyCode,
                       String enhancedCode, String text, String source, String seed, String messageId, String queueId) {

    public Evidence(Instant at, String kind, String relay, String recipientDomain, Integer replyCode,
                    String enhancedCode, String text, String source) {
        this(at, kind, relay, recipientDomain, replyCode, enhancedCode, text, source, null, null, null);
    }

    public static Evidence listing(Instant at, String target, String zone, String code, String meaning) {
        return new Evidence(at, "listing", null, null, null, null, target + " listed on " + zone + " (" + code + "): " + meaning, zone);
    }
}
