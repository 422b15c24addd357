package org.listguard.compose.dkim;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import org.apache.james.jdkim.api.Headers;

/**
 * A raw RFC 5322 message split at its first empty line into header fields and body, without a
 * MIME parse: what jDKIM needs to sign it ({@link Headers} for {@code h=}, the body bytes for
 * {@code bh=}). It reads the message as jDKIM's own parse (mime4j, flat) does, so that signatures
 * are the same bytes: bare CR and bare LF are taken as CRLF; a line starting with space or tab
 * continues the field before it (RFC 5322 §2.2.3); a field is its raw text, folding included and
 * the final CRLF excluded; a line without a colon, or whose name (trimmed) holds anything but
 * printable ASCII, is no field (skipped); without an empty line the body is empty.
 *
 * <p>{@link #getFields(String)} matches names case-insensitively (RFC 5322 §1.2.2) and lists
 * repeated fields top to bottom; jDKIM signs the bottom one first (RFC 6376 §5.4.2).
 */
final class SplitMessage implements Headers {
    private final byte[] message;
    private final int bodyStart;
    private final List<Field> fields;

    private record Field(String name, String text) {}

    private SplitMessage(byte[] message, int bodyStart, List<Field> fields) {
        this.message = message;
        this.bodyStart = bodyStart;
        this.fields = fields;
    }

    /** Splits {@code raw} (not modified; the body is read from it, or from a CRLF copy when it has bare CR or LF). */
    static SplitMessage of(byte[] raw) {
        byte[] m = Crlf.normalized(raw);
        List<Field> fields = new ArrayList<>(16);
        int fieldStart = -1;
        int i = 0;
        int n = m.length;
        while (i < n) {
            int eol = Crlf.lineEnd(m, i);   // index of the CR, or n for a last line without one
            if (eol == i) {                 // the empty line: the body follows it
                add(fields, m, fieldStart, i);
                return new SplitMessage(m, Math.min(n, i + 2), fields);
            }
            if (fieldStart < 0 || (m[i] != ' ' && m[i] != '\t')) {
                add(fields, m, fieldStart, i);
                fieldStart = i;
            }
            i = Math.min(n, eol + 2);
        }
        add(fields, m, fieldStart, n);
        return new SplitMessage(m, n, fields);
    }

    /** The field spanning {@code [start, end)}, its final CRLF dropped; nothing if start is negative or it is no field. */
    private static void add(List<Field> fields, byte[] m, int start, int end) {
        if (start < 0) return;
        if (end >= start + 2 && m[end - 2] == '\r' && m[end - 1] == '\n') end -= 2;
        int colon = -1;
        for (int k = start; k < end; k++) {
            if (m[k] == ':') {
                colon = k;
                break;
            }
        }
        if (colon < 0) return;
        String name = new String(m, start, colon - start, java.nio.charset.StandardCharsets.ISO_8859_1).strip();
        for (int k = 0; k < name.length(); k++) {
            char c = name.charAt(k);
            if (c < 33 || c > 126) return;
        }
        // decoded as jDKIM's parse does (the platform charset): jDKIM encodes it back with the same
        String text = new String(m, start, end - start, Charset.defaultCharset());
        requireRoundTrip(m, start, end, text, name);
        fields.add(new Field(name, text));
    }

    /**
     * jDKIM hashes a field's text encoded back with the platform charset: a field with 8-bit text
     * (a UTF-8 address, RFC 6532) that charset cannot carry would be signed as other bytes than
     * those sent, and fail at every receiver. Java 17 takes its default charset from the locale, so
     * a cron job with no LANG gets US-ASCII: refuse to sign rather than send a broken signature.
     */
    private static void requireRoundTrip(byte[] m, int start, int end, String text, String name) {
        boolean ascii = true;
        for (int k = start; k < end && ascii; k++) ascii = m[k] >= 0;
        if (ascii) return;
        byte[] back = text.getBytes(Charset.defaultCharset());
        if (java.util.Arrays.equals(back, 0, back.length, m, start, end)) return;
        throw new IllegalStateException("the " + name + " field has 8-bit text that the JVM's default charset ("
                + Charset.defaultCharset() + ") cannot carry, so its DKIM signature would not verify; run Java with "
                + "-Dfile.encoding=UTF-8 (the ./listguard launcher does) or a UTF-8 locale (LANG=C.UTF-8)");
    }

    /** The bytes after the empty line (the whole tail of the message, as jDKIM hashes it). */
    byte[] bodyBytes() { return message; }

    int bodyOffset() { return bodyStart; }

    int bodyLength() { return message.length - bodyStart; }

    @Override
    public List<String> getFields() {
        List<String> out = new ArrayList<>(fields.size());
        for (Field f : fields) out.add(f.text());
        return out;
    }

    @Override
    public List<String> getFields(String name) {
        List<String> out = new ArrayList<>(2);
        for (Field f : fields) {
            if (f.name().equalsIgnoreCase(name)) out.add(f.text());
        }
        return out;
    }
}
