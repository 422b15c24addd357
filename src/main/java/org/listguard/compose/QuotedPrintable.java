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
    /** Per byte value: 0 literal (printable ASCII but '='), 1 space or tab, 2 line break, 3 encoded as =XX. */
    private static final byte[] KIND = new byte[256];
    private static final byte LITERAL = 0, BLANK = 1, BREAK = 2, ENCODED = 3;

    static {
        for (int b = 0; b < 256; b++) {
            KIND[b] = b >= 33 && b <= 126 && b != '=' ? LITERAL : b == ' ' || b == '\t' ? BLANK : b == '\r' || b == '\n' ? BREAK : ENCODED;
        }
    }

    private QuotedPrintable() {}

    static byte[] encode(String text) {
        byte[] in = text.getBytes(StandardCharsets.UTF_8);
        byte[] out = scratch(maxLength(in.length));
        return java.util.Arrays.copyOf(out, encode(in, out, 0));
    }

    /** Per thread, the worst-case room for one part, reused: neither zeroed nor counted for every message. */
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[0]);
    /** A part that needs more room than this gets a buffer of its own (a thread keeps no more than this). */
    private static final int MAX_SCRATCH = 1 << 20;

    /** Encodes {@code in} into the sink (its exact length, copied once). */
    static void encode(byte[] in, ByteSink sink) {
        byte[] out = scratch(maxLength(in.length));
        sink.write(out, encode(in, out, 0));
    }

    /** This thread's scratch array, at least {@code need} long (its content is garbage). */
    private static byte[] scratch(int need) {
        byte[] out = SCRATCH.get();
        if (out.length < need) {
            out = new byte[need];
            if (need <= MAX_SCRATCH) SCRATCH.set(out);
        }
        return out;
    }

    /** Worst case: every byte as =XX, plus a soft break per 25 encoded bytes (rounded up generously), plus the final CRLF. */
    private static int maxLength(int n) {
        return 3 * n + 3 * (n / 24 + 1) + 2;
    }

    /**
     * Encodes into {@code out} from offset {@code o} (at least {@link #maxLength} free); returns the
     * offset after the last byte written. Runs of literal bytes that fit the line are copied whole.
     */
    private static int encode(byte[] in, byte[] out, int o) {
        int col = 0;
        int n = in.length;
        int i = 0;
        while (i < n) {
            int b = in[i] & 0xff;
            byte kind = KIND[b];
            if (kind <= BLANK) {
                // a run of bytes written as they are (printable ASCII, and space or tab not ending a
                // line: words and the spaces between them), up to the room left on this line (one
                // column kept for a soft break unless the run ends the line, which the per-byte path
                // below decides)
                int room = MAX - 1 - col;
                int j = i;
                int limit = Math.min(n, i + room);
                while (j < limit) {
                    byte k = KIND[in[j] & 0xff];
                    if (k != LITERAL && (k != BLANK || j + 1 == n || KIND[in[j + 1] & 0xff] == BREAK)) break;
                    j++;
                }
                if (j > i + 1) {
                    int run = j - i - 1; // leave the run's last byte to the exact per-byte rule
                    System.arraycopy(in, i, out, o, run);
                    o += run;
                    col += run;
                    i += run;
                    continue;
                }
            }
            if (kind == BREAK) {
                if (b == '\r' && i + 1 < n && in[i + 1] == '\n') i++;
                out[o++] = '\r';
                out[o++] = '\n';
                col = 0;
                i++;
                continue;
            }
            boolean endOfLine = i + 1 == n || KIND[in[i + 1] & 0xff] == BREAK;
            boolean literal = kind == LITERAL || (kind == BLANK && !endOfLine);
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
            i++;
        }
        if (n == 0 || KIND[in[n - 1] & 0xff] != BREAK) {
            out[o++] = '\r';
            out[o++] = '\n';
        }
        return o;
    }
}
