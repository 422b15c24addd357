package org.listguard.feedback;

import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The parts of a report message that matter, found by walking its MIME tree (RFC 6522
 * multipart/report, but any nesting is accepted): the human-readable text, the machine-readable
 * delivery-status / feedback-report bodies, and the headers of the returned original message.
 * Multiparts are re-parsed from their bytes so that a broken multipart/report (wrong part count)
 * does not fail the whole message.
 */
final class MessageParts {
    final List<String> humanText = new ArrayList<>();
    final List<String> deliveryStatus = new ArrayList<>();
    final List<String> feedbackReport = new ArrayList<>();
    /** Headers of the attached original (message/rfc822 or text/rfc822-headers), or null. */
    InternetHeaders original;
    /** The bytes of the first attached message/rfc822, or null. */
    byte[] attached;

    static MessageParts of(Part message) throws MessagingException, IOException {
        MessageParts p = new MessageParts();
        p.walk(message, 0);
        return p;
    }

    /** Parts beyond this nesting depth or count are not read (a report has three or four). */
    static final int MAX_DEPTH = 8;
    static final int MAX_PARTS = 64;
    private int parts;

    private void walk(Part part, int depth) throws MessagingException, IOException {
        if (depth > MAX_DEPTH || ++parts > MAX_PARTS) return;
        String type = baseType(part);
        if (type.startsWith("multipart/")) {
            byte[] body;
            try (InputStream in = part.getInputStream()) {
                body = in.readAllBytes();
            }
            try {
                MimeMultipart mp = new MimeMultipart(new ByteArrayDataSource(body, part.getContentType()));
                int n = mp.getCount();
                for (int i = 0; i < n; i++) walk(mp.getBodyPart(i), depth + 1);
            } catch (MessagingException broken) {
                // a boundary that never appears: read the body as the notice's text
                humanText.add(decode(body, null));
            }
        } else if (type.equals("message/delivery-status") || type.equals("message/global-delivery-status")) {
            deliveryStatus.add(text(part));
        } else if (type.equals("message/feedback-report")) {
            feedbackReport.add(text(part));
        } else if (type.equals("message/rfc822") || type.equals("message/global")
                || type.equals("text/rfc822-headers") || type.equals("text/rfc822-header")) {
            if (original == null) {
                byte[] bytes;
                try (InputStream in = part.getInputStream()) {
                    bytes = in.readAllBytes();
                }
                original = headers(new ByteArrayInputStream(bytes));
                if (type.startsWith("message/")) attached = bytes;
            }
        } else if (type.startsWith("text/") && !"attachment".equalsIgnoreCase(part.getDisposition())) {
            String t = text(part);
            humanText.add(type.equals("text/html") ? Html.strip(t) : t);
        } else if (type.startsWith("text/")) {
            humanText.add(text(part));
        }
    }

    static InternetHeaders headers(InputStream in) throws MessagingException {
        return new InternetHeaders(in, true);
    }

    static String baseType(Part part) throws MessagingException {
        String ct = part.getContentType();
        if (ct == null) return "text/plain";
        try {
            return new ContentType(ct).getBaseType().toLowerCase(Locale.ROOT);
        } catch (jakarta.mail.internet.ParseException e) {
            int semi = ct.indexOf(';');
            return (semi < 0 ? ct : ct.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
        }
    }

    /** The decoded text of a part, in its declared charset (ISO-8859-1 when unknown or broken). */
    static String text(Part part) throws MessagingException, IOException {
        byte[] bytes;
        try (InputStream in = part.getInputStream()) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            try (InputStream raw = rawStream(part)) {
                bytes = raw == null ? new byte[0] : raw.readAllBytes();
            }
        }
        return decode(bytes, charset(part));
    }

    private static InputStream rawStream(Part part) throws MessagingException {
        if (part instanceof jakarta.mail.internet.MimeBodyPart mbp) return mbp.getRawInputStream();
        if (part instanceof jakarta.mail.internet.MimeMessage mm) return mm.getRawInputStream();
        return new ByteArrayInputStream(new byte[0]);
    }

    private static Charset charset(Part part) {
        try {
            String cs = new ContentType(part.getContentType()).getParameter("charset");
            if (cs != null) return Charset.forName(cs.trim());
        } catch (Exception e) {
            // unknown or malformed charset: fall through to a byte-preserving default
        }
        return null;
    }

    /** Whether the bytes hold an ISO-2022-JP shift to JIS X 0208 (ESC $ B or ESC $ @). */
    static boolean hasJisEscape(byte[] b) {
        for (int i = 0; i + 2 < b.length; i++) {
            if (b[i] == 0x1b && b[i + 1] == '$' && (b[i + 2] == 'B' || b[i + 2] == '@')) return true;
        }
        return false;
    }

    static String decode(byte[] bytes, Charset cs) {
        if ((cs == null || cs.equals(StandardCharsets.US_ASCII)) && hasJisEscape(bytes)) {
            // 7-bit ISO-2022-JP (RFC 1468) in a part that declares no charset, as Japanese MTAs write
            // their diagnostics into message/delivery-status
            return new String(bytes, Charset.forName("ISO-2022-JP"));
        }
        if (cs != null) return new String(bytes, cs);
        String utf8 = new String(bytes, StandardCharsets.UTF_8);
        return utf8.indexOf('\uFFFD') >= 0 ? new String(bytes, StandardCharsets.ISO_8859_1) : utf8;
    }
}
