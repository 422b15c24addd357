package org.listguard.compose;

import java.util.Optional;
import org.listguard.config.Addresses;
import org.listguard.list.Recipient;

/**
 * One message ready to sign and send.
 *
 * <p>{@code raw} is the complete RFC 5322 message, CRLF line endings, 7-bit (bodies are
 * quoted-printable, non-ASCII header text is RFC 2047 encoded), with no Bcc, Return-Path or
 * Content-Length header. These are the exact bytes to sign: DKIM prepends its
 * {@code DKIM-Signature} line and CRLF, and the relay must then receive exactly that
 * (send it as a {@link SendableMessage} on an open transport; never call {@code saveChanges()}
 * or {@code Transport.send()}, which would re-encode the body and replace the Message-ID).
 * The array is not copied: do not modify it.
 *
 * @param messageId    the Message-ID header value, angle brackets included (for the journal)
 * @param envelopeFrom the VERP envelope sender for MAIL FROM ({@code bounces+<token>@domain})
 * @param recipient    the list row this message is for; RCPT TO is its {@code email}
 * @param raw          the message bytes
 */
public record ComposedMessage(String messageId, String envelopeFrom, Recipient recipient, byte[] raw) {
    /** The keyed VERP token text inside {@code envelopeFrom}; empty if it has none. */
    public Optional<String> token() {
        String local = Addresses.localOf(envelopeFrom);
        int plus = local.indexOf('+');
        return plus < 0 ? Optional.empty() : Optional.of(local.substring(plus + 1));
    }

    @Override
    public String toString() {
        return "ComposedMessage[" + messageId + " to line " + recipient.line() + ", " + raw.length + " bytes]";
    }
}
