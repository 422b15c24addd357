package org.listguard.guard;

import java.time.Instant;

/**
 * One piece of evidence for a pause: what a delisting or remediation form asks for — the exact
 * reply with its codes, the relay, the recipient's domain (never the member's address), and an
 * ISO-8601 UTC timestamp; or a reputation listing seen between batches.
 */
public record Evidence(Instant at, String kind, String relay, String recipientDomain, Integer replyCode,
                       String enhancedCode, String text, String source) {

    public static Evidence listing(Instant at, String target, String zone, String code, String meaning) {
        return new Evidence(at, "listing", null, null, null, null, target + " listed on " + zone + " (" + code + "): " + meaning, zone);
    }
}
