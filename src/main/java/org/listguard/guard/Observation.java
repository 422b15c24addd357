package org.listguard.guard;

import java.time.Instant;
import org.listguard.reply.Classification;
import org.listguard.reply.Reply;

/**
 * A classified reply to one recipient's transaction, as the guard sees it.
 *
 * @param member the recipient's key (a member's lower-cased address, or a seed's), or null when
 *               unknown: windows count distinct members (DESIGN.md invariant 11)
 */
public record Observation(Instant at, String relay, String recipientDomain, Reply reply, Classification classification, String member) {

    public Observation(Instant at, String relay, String recipientDomain, Reply reply, Classification classification) {
        this(at, relay, recipientDomain, reply, classification, null);
    }

    Evidence evidence() {
        return new Evidence(at, classification.action().json(), relay, recipientDomain, reply.code() == 0 ? null : reply.code(),
                reply.enhanced(), reply.text(), reply.fromRelay() ? "relay" : "receiver " + (reply.host() == null ? "" : reply.host()));
    }
}
