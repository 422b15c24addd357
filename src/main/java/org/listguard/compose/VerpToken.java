package org.listguard.compose;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * Identifies one recipient of one run inside an address local part: the VERP envelope sender
 * {@code bounces+<token>@domain} and the {@code {token}} of the one-click unsubscribe URL.
 *
 * <p>Form: {@code <runId>-<seq in base 36>-<check>}, e.g. {@code r7k2-1z-x3f}, where {@code check}
 * is three base-36 digits of a CRC-32 over run id and sequence. Only {@code a-z}, {@code 0-9} and
 * {@code -} appear, which are safe in an RFC 5321 dot-string local part and in a URL path, and the
 * token is all lower case, so an MTA that folds local parts to lower case (RFC 5321 §2.4 lets
 * receivers treat them case-insensitively) does not change it; {@link #parse} folds case too.
 * The check rejects garbage and typos (about 1 in 46,656 random strings passes); it is not a
 * secret, so the token must not be treated as proof of who sent a request.
 *
 * @param runId lower-case letters and digits, inner single hyphens allowed, 1–{@value #MAX_RUN_ID} characters
 * @param seq   the recipient's sequence number in the run, {@code >= 0}
 */
public record VerpToken(String runId, long seq) {
    public static final int MAX_RUN_ID = 36; // a lower-case UUID fits
    private static final Pattern RUN_ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final int CHECK_DIGITS = 3;
    private static final int CHECK_MOD = 36 * 36 * 36;

    public VerpToken {
        if (runId == null || runId.length() > MAX_RUN_ID || !RUN_ID.matcher(runId).matches()) {
            throw new IllegalArgumentException("run id must be 1-" + MAX_RUN_ID
                    + " lower-case letters/digits with inner single hyphens, got '" + runId + "'");
        }
        if (seq < 0) throw new IllegalArgumentException("sequence must not be negative: " + seq);
    }

    /** The token text, at most {@value #MAX_RUN_ID} + 18 characters. */
    public String format() {
        String s = Long.toString(seq, 36);
        return runId + '-' + s + '-' + check(runId, s);
    }

    @Override
    public String toString() { return format(); }

    /**
     * The token in {@code text}, compared case-insensitively; empty for anything that is not a
     * token made by {@link #format()} (wrong shape, bad characters, or a check that does not match).
     */
    public static Optional<VerpToken> parse(String text) {
        if (text == null || text.length() > MAX_RUN_ID + 20) return Optional.empty();
        String t = text.toLowerCase(Locale.ROOT);
        int c = t.lastIndexOf('-');
        if (c <= 0) return Optional.empty();
        int s = t.lastIndexOf('-', c - 1);
        if (s <= 0) return Optional.empty();
        String run = t.substring(0, s);
        String seq36 = t.substring(s + 1, c);
        String check = t.substring(c + 1);
        if (check.length() != CHECK_DIGITS || seq36.isEmpty() || seq36.length() > 13 || !RUN_ID.matcher(run).matches()
                || run.length() > MAX_RUN_ID || !base36(seq36) || (seq36.length() > 1 && seq36.charAt(0) == '0')) {
            return Optional.empty();
        }
        if (!check.equals(check(run, seq36))) return Optional.empty();
        try {
            return Optional.of(new VerpToken(run, Long.parseLong(seq36, 36)));
        } catch (NumberFormatException e) { // past Long.MAX_VALUE
            return Optional.empty();
        }
    }

    private static boolean base36(String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (!(ch >= '0' && ch <= '9') && !(ch >= 'a' && ch <= 'z')) return false;
        }
        return true;
    }

    private static String check(String run, String seq36) {
        CRC32 crc = new CRC32();
        crc.update((run + ':' + seq36).getBytes(StandardCharsets.US_ASCII));
        String d = Long.toString(crc.getValue() % CHECK_MOD, 36);
        return "0".repeat(CHECK_DIGITS - d.length()) + d;
    }
}
