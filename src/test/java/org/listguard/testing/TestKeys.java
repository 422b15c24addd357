package org.listguard.testing;

import java.util.Arrays;
import org.listguard.compose.KeyedTokens;
import org.listguard.compose.TokenKeys;
import org.listguard.compose.VerpToken;

/** Fixed token keys for tests: one current key, one "previous" key, and a stranger's. */
public final class TestKeys {
    private TestKeys() {}

    public static byte[] bytes(int fill) {
        byte[] b = new byte[32];
        Arrays.fill(b, (byte) fill);
        return b;
    }

    /** The key the tests' listguard uses. */
    public static final TokenKeys KEYS = TokenKeys.of(bytes(7), null);
    public static final KeyedTokens TOKENS = new KeyedTokens(KEYS);

    /** Writes {@link #KEYS} as a key file in {@code dir} (for configs: {@code sender.token_key_file}); returns its path. */
    public static java.nio.file.Path write(java.nio.file.Path dir) {
        try {
            java.nio.file.Path f = java.nio.file.Files.writeString(dir.resolve("token.key"), java.util.Base64.getEncoder().encodeToString(bytes(7)) + "\n");
            java.nio.file.Files.setPosixFilePermissions(f, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            return f;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The token recipient {@code seq} of {@code run} gets in its VERP envelope sender. */
    public static String returnToken(String run, long seq) {
        return TOKENS.issue(new VerpToken(run, seq), VerpToken.Purpose.RETURN);
    }

    /** The token of recipient {@code seq}'s one-click URL and mailto unsubscribe. */
    public static String unsubscribeToken(String run, long seq) {
        return TOKENS.issue(new VerpToken(run, seq), VerpToken.Purpose.UNSUBSCRIBE);
    }
}
