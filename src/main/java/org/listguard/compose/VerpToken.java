package org.listguard.compose;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * Which recipient of which run a token is about: the identity inside a keyed token
 * ({@link KeyedTokens}), and the parser of the token texts listguard writes.
 *
 * <p>Keyed form (since issue 11): {@code <runId>-<seq in base 36>-<mac>}, where {@code mac} is
 * {@value #MAC_CHARS} lower-case base32 characters (60 bits) of an HMAC-SHA256 under the secret
 * token key over (purpose, run, seq). Only {@code a-z}, {@code 0-9} and {@code -} appear, safe in
 * an RFC 5321 dot-string local part and a URL, and all lower case, so an MTA that folds local parts
 * (RFC 5321 §2.4) does not change it.
 *
 * <p>CRC-era form (before issue 11): {@code <runId>-<seq>-<3 base-36 digits of a CRC-32>}. It has
 * no secret, so anyone who saw one run id can make one for any member: {@link #parseLegacy} reads
 * it only so that a DSN addressed to it can be kept as an unverified event of that run; it never
 * changes state.
 *
 * @param runId lower-case letters and digits, inner single hyphens allowed, 1–{@value #MAX_RUN_ID} characters
 * @param seq   the recipient's sequence number in the run, {@code >= 0}
 */
public record VerpToken(String runId, long seq) {
    public static final int MAX_RUN_ID = 36; // a lower-case UUID fits
    /** Base32 characters of the MAC: 60 bits, out of reach of online guessing (each guess is a mail or a rate-limited request). */
    public static final int MAC_CHARS = 12;
    private static final Pattern RUN_ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final int CHECK_DIGITS = 3;
    private static final int CHECK_MOD = 36 * 36 * 36;

    /** What a token is for; a token made for one purpose never verifies for the other. */
    public enum Purpose {
        /** The VERP envelope sender: DSNs and ARF reports come back to it. */
        RETURN,
        /** The one-click URL and the {@code +u-} mailto address: a member leaving the list. */
        UNSUBSCRIBE
    }

    public VerpToken {
        if (runId == null || runId.length() > MAX_RUN_ID || !RUN_ID.matcher(runId).matches()) {
            throw new IllegalArgumentException("run id must be 1-" + MAX_RUN_ID
                    + " lower-case letters/digits with inner single hyphens, got '" + runId + "'");
        }
        if (seq < 0) throw new IllegalArgumentException("sequence must not be negative: " + seq);
    }

    /** {@code <runId>-<seq in base 36>}, the part before the MAC. */
    String prefix() {
        return runId + '-' + Long.toString(seq, 36);
    }

    @Override
    public String toString() { return prefix(); }

    /** Token text split into its identity and its last part (MAC or CRC check), or empty when it has not that shape. */
    record Split(VerpToken id, String tail) {}

    static Optional<Split> split(String text) {
        if (text == null || text.length() > MAX_RUN_ID + 16 + MAC_CHARS) return Optional.empty();
        String t = text.toLowerCase(Locale.ROOT);
        int c = t.lastIndexOf('-');
        if (c <= 0) return Optional.empty();
        int s = t.lastIndexOf('-', c - 1);
        if (s <= 0) return Optional.empty();
        String run = t.substring(0, s);
        String seq36 = t.substring(s + 1, c);
        String tail = t.substring(c + 1);
        if (tail.isEmpty() || seq36.isEmpty() || seq36.length() > 13 || run.length() > MAX_RUN_ID || !RUN_ID.matcher(run).matches()
                || !alnum(seq36) || !alnum(tail) || (seq36.length() > 1 && seq36.charAt(0) == '0')) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Split(new VerpToken(run, Long.parseLong(seq36, 36)), tail));
        } catch (NumberFormatException e) { // past Long.MAX_VALUE
            return Optional.empty();
        }
    }

    /**
     * A CRC-era token (before keyed tokens): its identity when the check matches, else empty.
     * Not proof of anything: see the class comment.
     */
    public static Optional<VerpToken> parseLegacy(String text) {
        return split(text).filter(s -> s.tail().length() == CHECK_DIGITS && s.tail().equals(crc(s.id())))
                .map(Split::id);
    }

    /** The CRC-era text of this identity, as runs before issue 11 wrote it (tests make old reports with it). */
    public String legacyFormat() {
        return prefix() + '-' + crc(this);
    }

    private static boolean alnum(String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (!(ch >= '0' && ch <= '9') && !(ch >= 'a' && ch <= 'z')) return false;
        }
        return true;
    }

    private static String crc(VerpToken id) {
        CRC32 crc = new CRC32();
        crc.update((id.runId() + ':' + Long.toString(id.seq(), 36)).getBytes(StandardCharsets.US_ASCII));
        String d = Long.toString(crc.getValue() % CHECK_MOD, 36);
        return "0".repeat(CHECK_DIGITS - d.length()) + d;
    }
}
