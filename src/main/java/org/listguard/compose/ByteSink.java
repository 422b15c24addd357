package org.listguard.compose;

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
        reserve(n);
        System.arraycopy(b, 0, buf, len, n);
        len += n;
    }

    /** An ASCII string, one byte per character (anything else would be a bug: '?' is written). */
    void ascii(String s) {
        int n = s.length();
        reserve(n);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            buf[len++] = c < 0x80 ? (byte) c : (byte) '?';
        }
    }

    /** Makes room for {@code n} more bytes. */
    private void reserve(int n) {
        if (len + n > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
    }

    int length() { return len; }

    /** Writes into this sink (unsynchronised; close does nothing). */
    java.io.OutputStream asOutputStream() {
        return new java.io.OutputStream() {
            @Override
            public void write(int b) {
                reserve(1);
                buf[len++] = (byte) b;
            }

            @Override
            public void write(byte[] b, int off, int n) {
                java.util.Objects.checkFromIndexSize(off, n, b.length);
                reserve(n);
                System.arraycopy(b, off, buf, len, n);
                len += n;
            }
        };
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }
}
