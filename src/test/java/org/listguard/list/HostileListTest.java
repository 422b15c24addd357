package org.listguard.list;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.InputException;

/** Issue 13: a hostile or broken list is an error naming its own line, or a row skipped with the reason. */
class HostileListTest {
    @TempDir
    Path dir;

    private Path list(byte[] bytes) throws Exception {
        Path p = dir.resolve("members.csv");
        Files.write(p, bytes);
        return p;
    }

    private static InputException readAll(Path p) {
        return assertThrows(InputException.class, () -> {
            try (ListReader r = ListReader.open(p)) {
                while (r.hasNext()) r.next();
            }
        });
    }

    @Test
    void aByteThatIsNotUtf8IsAnErrorNamingItsOwnLineFarPastTheDecodersBuffer() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("email,first_name\n".getBytes(StandardCharsets.UTF_8));
        for (int i = 2; i < 700; i++) b.writeBytes(("m" + i + "@example.net,Name" + i + "\n").getBytes(StandardCharsets.UTF_8));
        b.writeBytes("bad@example.net,J".getBytes(StandardCharsets.UTF_8));
        b.write(0xff);                                           // line 700
        b.writeBytes("rg\nlast@example.net,Last\n".getBytes(StandardCharsets.UTF_8));
        InputException e = readAll(list(b.toByteArray()));
        assertEquals(700, e.line());
        assertEquals("first_name", e.field());
        assertTrue(e.problem().contains("not UTF-8"), e.problem());
    }

    @Test
    void aShortRowIsAnErrorNamingItsLineInsteadOfBeingPadded() throws Exception {
        InputException e = readAll(list("email,first_name,last_name\na@example.net,Ann,Lee\nb@example.net,Bob\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals(3, e.line());
        assertTrue(e.problem().contains("2 field(s)") && e.problem().contains("3"), e.problem());
    }

    @Test
    void aLongRowIsAnErrorNamingItsLine() throws Exception {
        InputException e = readAll(list("email,first_name\na@example.net,Ann\nb@example.net,Bob,Extra\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals(3, e.line());
    }

    @Test
    void aFiveThousandCharacterLocalPartIsRefusedWithRfc5321sLimit() {
        String why = AddressRules.problem("a".repeat(5_000) + "@example.net");
        assertTrue(why.contains("5000 octets") && why.contains("64"), why);
    }

    @Test
    void aLocalPartOf64OctetsIsFineAnd65IsNot() {
        assertNull(AddressRules.problem("a".repeat(64) + "@example.net"));
        assertTrue(AddressRules.problem("a".repeat(65) + "@example.net").contains("65 octets"));
    }

    @Test
    void anAddressOver254OctetsIsRefused() {
        String domain = ("d".repeat(50) + ".").repeat(5) + "example";   // 262 octets
        String why = AddressRules.problem("ab@" + domain);
        assertTrue(why != null && why.contains("254"), String.valueOf(why));
    }

    @Test
    void aNonAsciiLocalPartCountsOctetsNotCharacters() {
        // 33 "ł" are 66 octets in UTF-8
        assertTrue(AddressRules.problem("\u0142".repeat(33) + "@example.net").contains("66 octets"));
    }

    @Test
    void aRightToLeftOverrideInAnAddressIsRefused() {
        assertTrue(AddressRules.problem("eve\u202E@example.net").contains("U+202E"));
    }

    @Test
    void anInternationalisedDomainIsAcceptedAndGoesAsALabels() {
        assertNull(AddressRules.problem("anna@b\u00fccher.example"));
        assertEquals("anna@xn--bcher-kva.example", AddressForms.asciiDomain("anna@b\u00fccher.example"));
        assertTrue(AddressForms.needsSmtpUtf8("j\u0142rg@example.net"));
        assertTrue(!AddressForms.needsSmtpUtf8("anna@b\u00fccher.example"));
    }
}
