package org.listguard.compose.dkim;

/**
 * Line endings as jDKIM's parse reads them (mime4j's {@code EOLConvertingInputStream}): a CR not
 * followed by LF and an LF not preceded by CR each stand for CRLF. Messages we compose are CRLF
 * already and are not copied.
 */
final class Crlf {
    private Crlf() {}

    /** {@code raw} itself when every CR and LF is part of a CRLF pair, else a copy with each bare one made CRLF. */
    static byte[] normalized(byte[] raw) {
        int bare = 0;
        int n = raw.length;
        for (int i = 0; i < n; i++) {
            byte b = raw[i];
            if (b == '\r') {
                if (i + 1 < n && raw[i + 1] == '\n') i++;
                else bare++;
            } else if (b == '\n') {
                bare++;
            }
        }
        if (bare == 0) return raw;
        byte[] out = new byte[n + bare];
        int o = 0;
        for (int i = 0; i < n; i++) {
            byte b = raw[i];
            if (b == '\r' || b == '\n') {
                out[o++] = '\r';
                out[o++] = '\n';
                if (b == '\r' && i + 1 < n && raw[i + 1] == '\n') i++;
            } else {
                out[o++] = b;
            }
        }
        return out;
    }

    /** The index of the CR that ends the line starting at {@code from} in a {@link #normalized} message, or its length. */
    static int lineEnd(byte[] m, int from) {
        for (int i = from; i < m.length; i++) {
            if (m[i] == '\r') return i;
        }
        return m.length;
    }
}
