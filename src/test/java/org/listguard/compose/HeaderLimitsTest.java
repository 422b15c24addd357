package org.listguard.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import org.apache.james.jdkim.DKIMSigner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.InputException;

/** Issue 13: header values built from list data are folded within RFC 5322's 998 octets, or refused. */
class HeaderLimitsTest {
    @TempDir
    Path dir;

    private Fixture fixture() {
        return new Fixture(dir).write("news.txt", "Dear {{first_name}}\n{{unsubscribe_url}}\n").write("news.subject", "News\n");
    }

    private static int longestHeaderLine(byte[] raw) {
        String text = new String(raw, StandardCharsets.UTF_8);
        String headers = text.substring(0, text.indexOf("\r\n\r\n"));
        int longest = 0;
        for (String line : headers.split("\r\n")) longest = Math.max(longest, line.getBytes(StandardCharsets.UTF_8).length);
        return longest;
    }

    @Test
    void aLongNameWithSpacesIsFoldedWithin998OctetsAndCanBeSigned() throws Exception {
        String name = ("Word ").repeat(1_000).strip();          // 4,999 characters, foldable at its spaces
        ComposedMessage m = fixture().composer().compose("r1", 1, Fixture.row(2, "a@example.net", name, "Lee"));
        assertTrue(longestHeaderLine(m.raw()) <= 998, "longest header line " + longestHeaderLine(m.raw()));
        var keys = KeyPairGenerator.getInstance("RSA");
        keys.initialize(1024);
        String sig = new DKIMSigner("v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.org; s=news; h=from:to:subject; bh=; b=;",
                keys.generateKeyPair().getPrivate()).sign(new ByteArrayInputStream(m.raw()));
        assertTrue(sig.startsWith("DKIM-Signature:"), sig);
    }

    @Test
    void aNameThatCannotBeFoldedWithin998OctetsIsRefusedNamingTheRow() {
        Composer c = fixture().composer();
        InputException e = assertThrows(InputException.class,
                () -> c.check(Fixture.row(7, "a@example.net", "x".repeat(1_200), "Lee")));
        assertEquals(7, e.line());
        assertTrue(e.getMessage().contains("cannot be folded") && e.getMessage().contains("998"), e.getMessage());
    }

    @Test
    void aNonAsciiLocalPartIsWrittenAsUtf8InTheToHeaderNeverOneBytePerCharacter() {
        ComposedMessage m = fixture().composer().compose("r1", 1, Fixture.row(2, "j\u0142rg@example.net", "J\u00f6rg", "K"));
        String raw = new String(m.raw(), StandardCharsets.UTF_8);
        assertTrue(raw.contains("<j\u0142rg@example.net>"), raw.substring(0, 400));
        assertTrue(!raw.contains("jBrg"), "lossy byte");
    }
}
