package org.listguard.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VerpTokenTest {
    @Test
    void formatThenParseGivesTheSameToken() {
        for (long seq : new long[] {0, 1, 35, 36, 123_456, Long.MAX_VALUE}) {
            VerpToken t = new VerpToken("20261123-0730-monthly", seq);
            assertEquals(Optional.of(t), VerpToken.parse(t.format()));
        }
    }

    @Test
    void tokenUsesOnlyLowerCaseLettersDigitsAndHyphen() {
        String s = new VerpToken("3f2a9c4e-1b7d-4c1e-9a0b-5d6e7f809a1b", Long.MAX_VALUE).format();
        assertTrue(s.matches("[a-z0-9-]+"), s);
        assertTrue(("bounces+" + s).length() <= 64, s);
    }

    @Test
    void parseIgnoresCaseChangesByMtas() {
        VerpToken t = new VerpToken("r7k2", 1234);
        assertEquals(Optional.of(t), VerpToken.parse(t.format().toUpperCase(Locale.ROOT)));
    }

    @Test
    void garbageIsRejected() {
        for (String g : new String[] {"", "unsubscribe", "r1-1", "r1--1-abc", "-1-abc", "r1-1-ab", "r1-zz-!!!",
                "r_1-1-abc", "r1-01-" + "abc", null}) {
            assertEquals(Optional.empty(), VerpToken.parse(g), String.valueOf(g));
        }
    }

    @Test
    void alteredTokenFailsTheCheck() {
        String s = new VerpToken("r1", 1000).format();
        String other = s.replace("-rs-", "-rt-");
        assertTrue(!other.equals(s), s);
        assertEquals(Optional.empty(), VerpToken.parse(other));
    }

    @Test
    void unsafeRunIdIsABug() {
        assertThrows(IllegalArgumentException.class, () -> new VerpToken("Run 1", 1));
        assertThrows(IllegalArgumentException.class, () -> new VerpToken("r1", -1));
    }

    @Test
    void verpAddressRoundTripsAndIgnoresOtherAddresses() {
        Verp v = new Verp("bounces@example.org");
        VerpToken t = new VerpToken("r1", 9);
        String a = v.address(t);
        assertEquals(Optional.of(t), v.tokenOf(a.toUpperCase(Locale.ROOT)));
        assertEquals(Optional.of(t), v.tokenOf("Mailer <" + a + ">"));
        assertEquals(Optional.empty(), v.tokenOf("bounces+unsubscribe@example.org"));
        assertEquals(Optional.empty(), v.tokenOf(a.replace("example.org", "example.net")));
        assertEquals(Optional.empty(), v.tokenOf("news@example.org"));
    }
}
