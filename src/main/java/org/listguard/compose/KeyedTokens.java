package org.listguard.compose;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Makes and checks keyed tokens: {@code <run>-<seq36>-<mac>}, the MAC being the first 60 bits of
 * HMAC-SHA256(key, "listguard-token-v1" 0x00 purpose 0x00 run 0x00 seq), base32 (RFC 4648
 * alphabet, lower case). Only the holder of the token key can make one, so a token names the one
 * recipient of the one run listguard sent it to, for one purpose. Comparison is constant-time.
 * Thread-safe.
 */
public final class KeyedTokens {
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

    /** One initialised HMAC per thread and key: looking the algorithm up and keying it per token cost more than the MAC. */
    private final ThreadLocal<Mac> current;
    private final ThreadLocal<Mac> previous;

    public KeyedTokens(TokenKeys keys) {
        this.current = macs(new SecretKeySpec(keys.current(), "HmacSHA256"));
        this.previous = keys.previous() == null ? null : macs(new SecretKeySpec(keys.previous(), "HmacSHA256"));
    }

    private static ThreadLocal<Mac> macs(SecretKeySpec key) {
        return ThreadLocal.withInitial(() -> {
            try {
                Mac m = Mac.getInstance("HmacSHA256");
                m.init(key);
                return m;
            } catch (NoSuchAlgorithmException | InvalidKeyException e) {
                throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
            }
        });
    }

    /** The token text for this recipient and purpose, made with the current key. */
    public String issue(VerpToken id, VerpToken.Purpose purpose) {
        return id.prefix() + '-' + mac(current, id, purpose);
    }

    /** The outcome of checking a token text. */
    public sealed interface Check {
        /** Made by us for this purpose; {@code previousKey} when made with the key being rotated out. */
        record Valid(VerpToken id, boolean previousKey) implements Check {}

        /** A CRC-era token (before keyed tokens): names a run and seq, proves nothing. */
        record Legacy(VerpToken id) implements Check {}

        /** Not ours, altered, or made for another purpose. */
        record Invalid(String why) implements Check {}
    }

    public Check check(String text, VerpToken.Purpose purpose) {
        Optional<VerpToken.Split> split = VerpToken.split(text);
        if (split.isEmpty()) return new Check.Invalid("not a listguard token");
        VerpToken id = split.get().id();
        String tail = split.get().tail();
        if (tail.length() == VerpToken.MAC_CHARS) {
            if (same(tail, mac(current, id, purpose))) return new Check.Valid(id, false);
            if (previous != null && same(tail, mac(previous, id, purpose))) return new Check.Valid(id, true);
            return new Check.Invalid("the token's MAC does not verify");
        }
        Optional<VerpToken> legacy = VerpToken.parseLegacy(text);
        if (legacy.isPresent()) return new Check.Legacy(legacy.get());
        return new Check.Invalid("not a listguard token");
    }

    private static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }

    private static String mac(ThreadLocal<Mac> key, VerpToken id, VerpToken.Purpose purpose) {
        // doFinal leaves the Mac reset, keyed, for the thread's next token
        byte[] out = key.get().doFinal(("listguard-token-v1\0" + purpose.name() + '\0' + id.runId() + '\0' + id.seq())
                .getBytes(StandardCharsets.US_ASCII));
        long bits = ByteBuffer.wrap(out, 0, 8).getLong() >>> (64 - 5 * VerpToken.MAC_CHARS);
        char[] cs = new char[VerpToken.MAC_CHARS];
        for (int i = cs.length - 1; i >= 0; i--) {
            cs[i] = ALPHABET.charAt((int) (bits & 31));
            bits >>>= 5;
        }
        return new String(cs);
    }
}
