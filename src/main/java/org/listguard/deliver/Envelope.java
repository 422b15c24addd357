package org.listguard.deliver;

import java.util.Objects;

/**
 * The SMTP envelope of one transaction (RFC 5321 §2.3.1): the reverse-path given in MAIL FROM and
 * exactly one forward-path given in RCPT TO. listguard sends one recipient per transaction so that
 * every reply belongs to exactly one member (and VERP return paths stay per-recipient).
 *
 * @param from      the return path without angle brackets; empty for the null reverse-path
 * @param recipient the one recipient address
 */
public record Envelope(String from, String recipient) {
    public Envelope {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(recipient, "recipient");
        if (recipient.isBlank()) throw new IllegalArgumentException("empty recipient");
        if (from.indexOf('\r') >= 0 || from.indexOf('\n') >= 0 || recipient.indexOf('\r') >= 0 || recipient.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("line break in an envelope address");
        }
    }

    /** The domain part of the recipient, lower-cased (what per-domain throttles count). */
    public String recipientDomain() {
        int at = recipient.lastIndexOf('@');
        return at < 0 ? "" : recipient.substring(at + 1).toLowerCase(java.util.Locale.ROOT);
    }
}
