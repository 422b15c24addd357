package org.listguard.compose.dkim;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.apache.james.jdkim.DKIMSigner;

/**
 * The signing path {@link DkimSigner} used before it split messages itself: jDKIM's
 * {@code DKIMSigner.sign(InputStream)}, which parses the message as MIME (mime4j). Kept for tests
 * that prove the two give the same signature, and for the benchmark's "old sign-only" rate.
 */
public final class JdkimStreamSigning {
    private JdkimStreamSigning() {}

    /** The {@code DKIM-Signature: …} header jDKIM's stream path makes with {@code signer}'s template and key. */
    public static String header(DkimSigner signer, byte[] raw) {
        try {
            return new DKIMSigner(signer.template(), signer.key().privateKey()).sign(new ByteArrayInputStream(raw));
        } catch (Exception e) {
            throw new IllegalStateException("jDKIM stream signing failed: " + e.getMessage(), e);
        }
    }

    /** As {@link DkimSigner#sign}: the header and CRLF prepended to {@code raw}. */
    public static byte[] sign(DkimSigner signer, byte[] raw) {
        byte[] h = (header(signer, raw) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[h.length + raw.length];
        System.arraycopy(h, 0, out, 0, h.length);
        System.arraycopy(raw, 0, out, h.length, raw.length);
        return out;
    }
}
