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

    private DataBody() {}

    /**
     * {@code message} dot-stuffed, CRLF-normalised and terminated by the end-of-data line. Only
     * line breaks need a look (a line-start dot follows one, or starts the data): the bytes between
     * them are copied as runs.
     */
    static byte[] encode(byte[] message) {
        int n = message.length;
        byte[] out = new byte[n + n / 64 + 16];
        int o = 0;
        int run = 0;           // start of the bytes copied unchanged since the last edit
        if (n > 0 && message[0] == DOT) out[o++] = DOT;
        for (int i = lineBreak(message, 0); i < n; i = lineBreak(message, i + 1)) {
            byte c = message[i];
            int end = c == CR && i + 1 < n && message[i + 1] == LF ? i + 2 : i + 1;   // past this line break
            boolean bare = end == i + 1;
            boolean dot = end < n && message[end] == DOT;
            if (bare || dot) {
                int upto = bare ? i : end;
                out = room(out, o, upto - run + 3);
                System.arraycopy(message, run, out, o, upto - run);
                o += upto - run;
                if (bare) {
                    out[o++] = CR;
                    out[o++] = LF;
                }
                if (dot) out[o++] = DOT;    // the line's own '.' starts the next run
                run = end;
            }
            i = end - 1;
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

    /** The index of the next CR or LF from {@code from}, or the length (a counted loop the JIT unrolls). */
    private static int lineBreak(byte[] m, int from) {
        for (int j = from; j < m.length; j++) {
            byte c = m[j];
            if (c <= CR && (c == CR || c == LF)) return j;
        }
        return m.length;
    }

    private static byte[] room(byte[] out, int used, int more) {
        return used + more <= out.length ? out : Arrays.copyOf(out, Math.max(out.length * 2, used + more));
    }
}
