package org.listguard.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.InputException;

/** The token key file: created private with a random 256-bit key, reused, never shown. */
class TokenKeysTest {
    @TempDir
    Path dir;

    static String tokenOf(TokenKeys k) {
        return new KeyedTokens(k).issue(new VerpToken("r1", 1), VerpToken.Purpose.RETURN);
    }

    @Test
    void aMissingKeyFileIsCreatedOwnerOnlyWithA256BitKey() throws Exception {
        Path f = dir.resolve("sub").resolve("token.key");
        TokenKeys k = TokenKeys.load(f, null);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        assertEquals(32, Base64.getDecoder().decode(Files.readString(f).strip()).length);
        assertEquals(tokenOf(k), tokenOf(TokenKeys.load(f, null)), "the same key next time");
        try (var s = Files.list(f.getParent())) {
            assertEquals(1, s.count(), "no temporary file left behind");
        }
    }

    @Test
    void twoKeysCreatedInDifferentPlacesDiffer() {
        assertFalse(tokenOf(TokenKeys.load(dir.resolve("a.key"), null)).equals(tokenOf(TokenKeys.load(dir.resolve("b.key"), null))));
    }

    @Test
    void processesStartingAtOnceEndUpWithOneKey() throws Exception {
        Path f = dir.resolve("token.key");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> calls = new ArrayList<>();
            for (int i = 0; i < 16; i++) calls.add(() -> tokenOf(TokenKeys.load(f, null)));
            String first = null;
            for (Future<String> r : pool.invokeAll(calls)) {
                if (first == null) first = r.get();
                assertEquals(first, r.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theKeyNeverShowsInToString() throws Exception {
        Path f = dir.resolve("token.key");
        TokenKeys k = TokenKeys.load(f, null);
        String secret = Files.readString(f).strip();
        assertFalse(k.toString().contains(secret), k.toString());
        assertTrue(k.toString().contains("***"));
    }

    @Test
    void aBrokenKeyFileIsAnInputErrorNamingFileAndKey() throws Exception {
        Path f = Files.writeString(dir.resolve("token.key"), "c2hvcnQ=\n"); // "short"
        InputException e = assertThrows(InputException.class, () -> TokenKeys.load(f, null));
        assertEquals("sender.token_key_file", e.field());
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        InputException p = assertThrows(InputException.class, () -> TokenKeys.load(dir.resolve("new.key"), dir.resolve("missing.key")));
        assertEquals("sender.previous_token_key_file", p.field());
    }
}
