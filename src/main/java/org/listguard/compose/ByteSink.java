package org.listguard.compose;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte buffer without ByteArrayOutputStream's locking. */
final class ByteSink {
    private byte[] buf;
    private int len;

    ByteSink(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    void write(byte[] b) {
        write(b, b.length);
    }

    /** The first {@code n} bytes of {@code b}. */
    void write(byte[] b, int n) {
        if (len + n > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        System.arraycopy(b, 0, buf, len, n);
        len += n;
    }

    void ascii(String s) {
        write(s.getBytes(StandardCharsets.US_ASCII));
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }
}
