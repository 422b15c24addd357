package org.listguard.feedback;

import java.io.ByteArrayOutputStream;

/**
 * Line endings as signed: DKIM hashes canonicalised lines ending in CRLF (RFC 6376 s3.4), while a
 * Maildir stores mail with bare LF (as MDAs write it). A message read back from disk gets CRLF
 * again before its signatures are verified; lines already ending in CRLF stay as they are.
 */
final class CrLf {
    private CrLf() {}

    static byte[] normal(byte[] b) {
        int bare = 0;
        for (int i = 0; i < b.length; i++) if (b[i] == '\n' && (i == 0 || b[i - 1] != '\r')) bare++;
        if (bare == 0) return b;
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + bare);
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '\n' && (i == 0 || b[i - 1] != '\r')) out.write('\r');
            out.write(b[i]);
        }
        return out.toByteArray();
    }
}
