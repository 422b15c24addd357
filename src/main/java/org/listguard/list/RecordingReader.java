package org.listguard.list;

import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;

/**
 * Keeps the characters the CSV parser reads from the current record on, so the reader can see a
 * cell as written: the parser trims whitespace around unquoted cells, and whitespace around an
 * address must be reported, not silently dropped. Memory: the current record plus the parser's
 * read-ahead (one buffer); {@link #forgetBefore} is called at each record.
 */
final class RecordingReader extends Reader {
    private final Reader in;
    private char[] kept = new char[1 << 14];
    private long keptStart; // stream offset of kept[0]
    private int keptLength;

    RecordingReader(Reader in) {
        this.in = in;
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
        int n = in.read(buf, off, len);
        if (n > 0) {
            if (keptLength + n > kept.length) kept = Arrays.copyOf(kept, Math.max(kept.length * 2, keptLength + n));
            System.arraycopy(buf, off, kept, keptLength, n);
            keptLength += n;
        }
        return n;
    }

    /** The character at stream offset {@code at}, or -1 when it was not read (or forgotten). */
    int charAt(long at) {
        long i = at - keptStart;
        return i < 0 || i >= keptLength ? -1 : kept[(int) i];
    }

    String text(long from, long to) {
        return new String(kept, (int) (from - keptStart), (int) (to - from));
    }

    /** Drops what comes before stream offset {@code at} (compacting once that is half the buffer). */
    void forgetBefore(long at) {
        long drop = at - keptStart;
        if (drop <= 0 || drop < kept.length / 2) return;
        int d = (int) Math.min(drop, keptLength);
        System.arraycopy(kept, d, kept, 0, keptLength - d);
        keptLength -= d;
        keptStart += d;
    }

    /**
     * The cell {@code index} (0-based) of the record starting at stream offset {@code start}, as
     * written, when it is not quoted; null when it is quoted (the parser keeps a quoted cell's
     * whitespace itself) or cannot be found. RFC 4180 with the parser's surrounding-space rule.
     */
    String unquotedCell(long start, int index) {
        long i = start;
        while (charAt(i) == '\r' || charAt(i) == '\n') i++; // an ignored empty line before the record
        for (int cell = 0; ; cell++) {
            long from = i;
            long j = i;
            int c = charAt(j);
            while (c != -1 && c != ',' && c != '\r' && c != '\n' && Character.isWhitespace((char) c)) c = charAt(++j);
            if (c == '"') {
                if (cell == index) return null;
                c = charAt(++j);
                while (c != -1) {
                    if (c == '"') {
                        if (charAt(j + 1) != '"') break;
                        j++;
                    }
                    c = charAt(++j);
                }
                if (c == -1) return null;
                c = charAt(++j);
                while (c != -1 && c != ',' && c != '\r' && c != '\n') c = charAt(++j);
            } else {
                while (c != -1 && c != ',' && c != '\r' && c != '\n') c = charAt(++j);
                if (cell == index) return text(from, j);
            }
            if (c != ',') return null;
            i = j + 1;
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
