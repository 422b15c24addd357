package org.listguard.deliver;

import java.util.Arrays;

/**
 * The bytes that follow a 354 reply to DATA, built in one pass so the body goes to the relay in
 * one write instead of one per line. RFC 5321 §4.5.2: a '.' at the start of a line is doubled, and
 * the data ends with CRLF "." CRLF (§4.1.1.4). Line breaks are normalised exactly as Angus's
 * {@code SMTPOutputStream} did when the body went through it (the wire bytes are the same, proven
 * against it in {@code DataBodyTest}): CRLF is kept, a bare CR or a bare LF becomes CRLF, a '.'
 * after any of them is a line start, and a body that does not end with a line break gets a CRLF
 * before the final ".".
 */
final class DataBody {
    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte DOT = '.';
    private static final byte[] CRLF = {CR, LF};
    private static final byte[] DOTS = {DOT};

    private DataBody() {}

    /** {@code message} dot-stuffed, CRLF-normalised and terminated by the end-of-data line. */
    static byte[] encode(byte[] message) {
        int n = message.length;
        byte[] out = new byte[n + n / 64 + 16];
        int o = 0;
        int run = 0;           // start of the bytes copied unchanged since the last edit
        byte prev = LF;        // the start of the data is a line start
        for (int i = 0; i < n; i++) {
            byte c = message[i];
            byte[] insert = null;
            int skip = 0;      // input bytes the insert replaces
            if (c == DOT && (prev == LF || prev == CR)) {
                insert = DOTS;
            } else if (c == CR && (i + 1 == n || message[i + 1] != LF)) {
                insert = CRLF;
                skip = 1;
            } else if (c == LF && prev != CR) {
                insert = CRLF;
                skip = 1;
            }
            if (insert != null) {
                int len = i - run;
                out = room(out, o, len + 2);
                System.arraycopy(message, run, out, o, len);
                o += len;
                int add = skip == 1 ? 2 : 1;   // CRLF for a bare line break; one extra '.' before a line-start dot
                System.arraycopy(insert, 0, out, o, add);
                o += add;
                run = i + skip;
            }
            prev = c;
        }
        int len = n - run;
        boolean atLineStart = n == 0 || message[n - 1] == CR || message[n - 1] == LF;
        out = room(out, o, len + 5);
        System.arraycopy(message, run, out, o, len);
        o += len;
        if (!atLineStart) {
            out[o++] = CR;
            out[o++] = LF;
        }
        out[o++] = DOT;
        out[o++] = CR;
        out[o++] = LF;
        return o == out.length ? out : Arrays.copyOf(out, o);
    }

    private static byte[] room(byte[] out, int used, int more) {
        return used + more <= out.length ? out : Arrays.copyOf(out, Math.max(out.length * 2, used + more));
    }
}
