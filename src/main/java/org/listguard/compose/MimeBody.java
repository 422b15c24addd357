package org.listguard.compose;

import java.nio.charset.StandardCharsets;

/**
 * Message bodies, encoded: a single text part, or multipart/alternative of text and HTML
 * (RFC 2046 §5.1.4: the plain text first, the preferred HTML last). Parts are quoted-printable
 * UTF-8; the boundary must contain "=_", which quoted-printable output never contains (RFC 2046
 * §5.1.1 requires the boundary not to occur in the parts).
 */
final class MimeBody {
    static final String QP = "quoted-printable";
    static final String TEXT_PLAIN = "text/plain; charset=UTF-8";
    static final String TEXT_HTML = "text/html; charset=UTF-8";
    private static final byte[] CRLF = {'\r', '\n'};

    private MimeBody() {}

    static byte[] alternative(String boundary, String text, String html) {
        if (!boundary.contains("=_")) throw new IllegalArgumentException("boundary must contain =_: " + boundary);
        ByteSink out = new ByteSink(512 + (text.length() + html.length()) * 5 / 4);
        part(out, boundary, TEXT_PLAIN, text);
        part(out, boundary, TEXT_HTML, html);
        out.ascii("--" + boundary + "--\r\n");
        return out.toByteArray();
    }

    private static void part(ByteSink out, String boundary, String contentType, String body) {
        out.ascii("--" + boundary + "\r\nContent-Type: " + contentType + "\r\nContent-Transfer-Encoding: " + QP + "\r\n\r\n");
        QuotedPrintable.encode(body.getBytes(StandardCharsets.UTF_8), out);
        // the CRLF before the next delimiter belongs to the delimiter (RFC 2046 §5.1.1), so the body keeps its last line break
        out.write(CRLF);
    }
}
