package org.listguard.guard;

import java.time.Instant;
import org.listguard.reply.Classification;
import org.listguard.reply.Reply;

/** A classified reply to one recipient's transaction, as the guard sees it. */
public record Observation(Instant at, String relay, String recipientDomain, Reply reply, Classification classification) {

    Evidence evidence() {
        return new Evidence(at, classification.action().json(), relay, recipientDomain, reply.code() == 0 ? null : reply.code(),
                reply.enhanced(), reply.text(), reply.fromRelay() ? "relay" : "receiver " + (reply.host() == null ? "" : reply.host()));
    }
}
