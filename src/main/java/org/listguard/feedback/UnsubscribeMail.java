package org.listguard.feedback;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import java.io.ByteArrayInputStream;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.listguard.compose.ListHeaders;

/**
 * A member's mail to the List-Unsubscribe mailto address, {@code LOCAL+u-TOKEN@DOMAIN}
 * (RFC 2369 §3.2): the token as the receiving MTA recorded the envelope recipient
 * (Delivered-To, X-Original-To, Envelope-To) or, failing those, the To header. Only the header
 * section is read, at most 64 KB (DESIGN.md invariant 9).
 */
final class UnsubscribeMail {
    private static final Pattern TOKEN = Pattern.compile("\\+" + ListHeaders.MAILTO_PREFIX + "([A-Za-z0-9-]{1,80})@", Pattern.CASE_INSENSITIVE);
    private static final String[] HEADERS = {"Delivered-To", "X-Original-To", "Envelope-To", "X-Envelope-To", "To"};
    private static final int MAX_HEADER_BYTES = 64 * 1024;

    private UnsubscribeMail() {}

    /** The unsubscribe token this mail was addressed to, or empty when it is not such a mail. */
    static Optional<String> token(byte[] message) {
        InternetHeaders h;
        try {
            int n = Math.min(message.length, MAX_HEADER_BYTES);
            h = new InternetHeaders(new ByteArrayInputStream(message, 0, n));
        } catch (MessagingException e) {
            return Optional.empty();
        }
        for (String name : HEADERS) {
            String[] vs = h.getHeader(name);
            if (vs == null) continue;
            for (String v : vs) {
                Matcher m = TOKEN.matcher(v);
                if (m.find()) return Optional.of(m.group(1));
            }
        }
        return Optional.empty();
    }
}
