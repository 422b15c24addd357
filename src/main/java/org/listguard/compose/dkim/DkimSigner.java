package org.listguard.compose.dkim;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.apache.james.jdkim.DKIMSigner;
import org.apache.james.jdkim.api.BodyHasher;
import org.apache.james.jdkim.exceptions.FailException;

/**
 * Signs raw RFC 5322 messages: rsa-sha256, relaxed/relaxed (RFC 6376 §3.4.2, §3.4.4), with
 * {@code t=} from the injected clock. Headers named in {@code h=} but absent from a message are
 * signed as absent (§5.4), so nobody can add them later.
 *
 * <p>jDKIM canonicalizes and signs, but is handed the message split at its first empty line
 * ({@link SplitMessage}) rather than a stream to parse as MIME: the parse (a mime4j message, byte by
 * byte, body copied) cost more than the RSA signature, and the signature is the same bytes.
 *
 * <p>Thread-safe: the jDKIM signer is created per call (it is only a parsed template and the key).
 * Sign the exact bytes that will be sent: anything that rewrites the message afterwards
 * (Jakarta Mail's {@code saveChanges()}, which makes a new Message-ID) breaks the signature.
 */
public final class DkimSigner {
    public static final String SIGNED_HEADERS = "from:to:subject:date:message-id:list-unsubscribe:list-unsubscribe-post"
            + ":list-id:mime-version:content-type";
    private static final byte[] CRLF = {'\r', '\n'};

    private final String domain;
    private final String selector;
    private final DkimKey key;
    private final Clock clock;

    public DkimSigner(String domain, String selector, DkimKey key, Clock clock) {
        this.domain = domain;
        this.selector = selector;
        this.key = key;
        this.clock = clock;
    }

    /** A signer for the config's {@code dkim:} section; {@link org.listguard.InputException} if the key is unusable. */
    public static DkimSigner of(org.listguard.config.Dkim dkim, Clock clock) {
        return new DkimSigner(dkim.domain(), dkim.selector(), DkimKey.load(dkim.privateKey()), clock);
    }

    /**
     * The message with {@code DKIM-Signature: …} and CRLF prepended. {@code rawMessage} must be the
     * exact bytes to be sent, with CRLF line endings.
     */
    public byte[] sign(byte[] rawMessage) {
        SplitMessage split = SplitMessage.of(rawMessage);
        String template = template();
        String header;
        try {
            DKIMSigner signer = new DKIMSigner(template, key.privateKey());
            BodyHasher body = signer.newBodyHasher(signer.newSignatureRecordTemplate(template));
            try (OutputStream os = body.getOutputStream()) {
                os.write(split.bodyBytes(), split.bodyOffset(), split.bodyLength());
            }
            header = signer.sign(split, body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot hash the message body: " + e.getMessage(), e);
        } catch (FailException e) {
            throw new IllegalStateException("DKIM signing failed: " + e.getMessage(), e);
        }
        byte[] h = header.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[h.length + CRLF.length + rawMessage.length];
        System.arraycopy(h, 0, out, 0, h.length);
        System.arraycopy(CRLF, 0, out, h.length, CRLF.length);
        System.arraycopy(rawMessage, 0, out, h.length + CRLF.length, rawMessage.length);
        return out;
    }

    /** The jDKIM signature template: our tags, {@code t=} now by the clock, {@code bh=} and {@code b=} to fill. */
    String template() {
        return "v=1; a=rsa-sha256; c=relaxed/relaxed; d=" + domain + "; s=" + selector
                + "; t=" + clock.instant().getEpochSecond() + "; h=" + SIGNED_HEADERS + "; bh=; b=;";
    }

    DkimKey key() { return key; }
}
