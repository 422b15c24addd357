package org.listguard.compose;

import java.nio.charset.StandardCharsets;

/**
 * Quoted-printable encoding of text bodies (RFC 2045 §6.7), written here because Jakarta Mail's
 * byte-at-a-time encoder stream was half the cost of composing a message.
 *
 * <p>Input is text; it is encoded as UTF-8. Every line break (CRLF, LF or a lone CR) becomes CRLF
 * (a hard break, rule 4); printable ASCII other than '=' stays literal (rule 2); space and tab stay
 * literal except before a line break, where they are encoded (rule 3); everything else is
 * {@code =XX} with upper-case hex (rule 1); encoded lines are at most 76 characters, broken with
 * soft line breaks {@code =CRLF} (rule 5). The output is 7-bit, contains no bare CR or LF, never
 * contains "=_" (so a boundary containing "=_" cannot occur in it), and always ends with CRLF.
 */
final class QuotedPrintable {
    private static final int MAX = 76;
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private QuotedPrintable() {}

    static byte[] encode(String text) {
        byte[] in = text.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[maxLength(in.length)];
        return java.util.Arrays.copyOf(out, encode(in, out));
    }

    static void encode(byte[] in, ByteSink sink) {
        byte[] out = new byte[maxLength(in.length)];
        sink.write(out, encode(in, out));
    }

    /** Worst case: every byte as =XX, plus a soft break per 25 encoded bytes (rounded up generously), plus the final CRLF. */
    private static int maxLength(int n) {
        return 3 * n + 3 * (n / 24 + 1) + 2;
    }

    /** Encodes into {@code out} (at least {@link #maxLength} long); returns the length written. */
    private static int encode(byte[] in, byte[] out) {
        int o = 0;
        int col = 0;
        int n = in.length;
        for (int i = 0; i < n; i++) {
            int b = in[i] & 0xff;
            if (b == '\r' || b == '\n') {
                if (b == '\r' && i + 1 < n && in[i + 1] == '\n') i++;
                out[o++] = '\r';
                out[o++] = '\n';
                col = 0;
                continue;
            }
            boolean endOfLine = i + 1 == n || in[i + 1] == '\r' || in[i + 1] == '\n';
            boolean literal = (b >= 33 && b <= 126 && b != '=') || ((b == ' ' || b == '\t') && !endOfLine);
            int width = literal ? 1 : 3;
            // keep room for the soft break '=' unless this is the last character of the line
            if (col + width > (endOfLine ? MAX : MAX - 1)) {
                out[o++] = '=';
                out[o++] = '\r';
                out[o++] = '\n';
                col = 0;
            }
            if (literal) {
                out[o++] = (byte) b;
            } else {
                out[o++] = '=';
                out[o++] = HEX[b >> 4];
                out[o++] = HEX[b & 0xf];
            }
            col += width;
        }
        if (n == 0 || (in[n - 1] != '\n' && in[n - 1] != '\r')) {
            out[o++] = '\r';
            out[o++] = '\n';
        }
        return o;
    }
}
