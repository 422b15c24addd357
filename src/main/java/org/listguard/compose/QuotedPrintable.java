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
        ByteSink out = new ByteSink(in.length + in.length / 8 + 64);
        encode(in, out);
        return out.toByteArray();
    }

    static void encode(byte[] in, ByteSink out) {
        int col = 0;
        int n = in.length;
        for (int i = 0; i < n; i++) {
            int b = in[i] & 0xff;
            if (b == '\r' || b == '\n') {
                if (b == '\r' && i + 1 < n && in[i + 1] == '\n') i++;
                out.write('\r');
                out.write('\n');
                col = 0;
                continue;
            }
            boolean endOfLine = i + 1 == n || in[i + 1] == '\r' || in[i + 1] == '\n';
            boolean literal = (b >= 33 && b <= 126 && b != '=') || ((b == ' ' || b == '\t') && !endOfLine);
            int width = literal ? 1 : 3;
            // keep room for the soft break '=' unless this is the last character of the line
            int limit = endOfLine ? MAX : MAX - 1;
            if (col + width > limit) {
                out.write('=');
                out.write('\r');
                out.write('\n');
                col = 0;
            }
            if (literal) {
                out.write(b);
            } else {
                out.write('=');
                out.write(HEX[b >> 4]);
                out.write(HEX[b & 0xf]);
            }
            col += width;
        }
        if (n == 0 || (in[n - 1] != '\n' && in[n - 1] != '\r')) {
            out.write('\r');
            out.write('\n');
        }
    }
}
