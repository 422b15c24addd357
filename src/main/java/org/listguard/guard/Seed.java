package org.listguard.guard;

import java.time.Duration;
import java.util.Locale;

/**
 * A seed message (to one of {@code guard.seeds}, an address the operator controls) that the relay
 * accepted and that is expected in {@code guard.seed_mailbox}. Seeds are not list members: they
 * are journaled as events, never as recipients, so a run's counts stay exact.
 *
 * @param address    the seed address
 * @param messageId  the Message-ID header, angle brackets included
 * @param marker     the value of the message's {@code X-Listguard-Seed} header (unique per message)
 * @param relay      the relay's configured name
 * @param acceptedAt when the relay accepted it (the injected clock)
 * @param queueId    the relay's queue id from the DATA reply, or null
 * @param reply      the relay's acceptance reply as received
 */
public record Seed(String address, String messageId, String marker, String relay, java.time.Instant acceptedAt,
                   String queueId, String reply) {
    /** The header that carries {@link #marker} in the seed message. */
    public static final String HEADER = "X-Listguard-Seed";

    public String domain() {
        int at = address.lastIndexOf('@');
        return at < 0 ? "" : address.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    Evidence evidence(Duration waited, String where) {
        Integer code = reply == null || reply.length() < 3 || !reply.substring(0, 3).matches("\\d{3}") ? null : Integer.parseInt(reply.substring(0, 3));
        String text = "seed " + address + " (Message-ID " + messageId + ", " + HEADER + ": " + marker + ") accepted by relay "
                + relay + " at " + acceptedAt + (queueId == null ? "" : " as queue id " + queueId)
                + " has not arrived in " + where + " after " + waited.toSeconds() + " s; relay reply: " + reply;
        return new Evidence(acceptedAt, "seed", relay, domain(), code, null, text, "seed", address, messageId, queueId);
    }
}
