package org.listguard.compose;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte buffer without ByteArrayOutputStream's per-byte locking (hot loop of {@link QuotedPrintable}). */
final class ByteSink {
    private byte[] buf;
    private int len;

    ByteSink(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    void write(int b) {
        if (len == buf.length) buf = Arrays.copyOf(buf, buf.length * 2);
        buf[len++] = (byte) b;
    }

    void write(byte[] b) {
        if (len + b.length > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + b.length));
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
    }

    void ascii(String s) {
        write(s.getBytes(StandardCharsets.US_ASCII));
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }
}
