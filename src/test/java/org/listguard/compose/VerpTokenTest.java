package org.listguard.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.listguard.testing.TestKeys;

/** Keyed tokens: only the key's holder makes them; purpose, key rotation and CRC-era tokens. */
class VerpTokenTest {
    static final KeyedTokens TOKENS = TestKeys.TOKENS;
    static final VerpToken.Purpose RETURN = VerpToken.Purpose.RETURN;
    static final VerpToken.Purpose UNSUB = VerpToken.Purpose.UNSUBSCRIBE;

    @Test
    void issueThenCheckGivesTheSameRecipient() {
        for (long seq : new long[] {0, 1, 35, 36, 123_456, Long.MAX_VALUE}) {
            VerpToken t = new VerpToken("20261123-0730-monthly", seq);
            assertEquals(new KeyedTokens.Check.Valid(t, false), TOKENS.check(TOKENS.issue(t, RETURN), RETURN));
        }
    }

    @Test
    void tokenUsesOnlyLowerCaseLettersDigitsAndHyphenAndFitsALocalPart() {
        // the longest run id createRun makes: 15 + 1 + 17 (slug) + "-99"; a million-member list
        VerpToken t = new VerpToken("20261123-073000-a-very-long-campa-99", 1_000_000);
        String s = TOKENS.issue(t, UNSUB);
        assertTrue(s.matches("[a-z0-9-]+"), s);
        assertTrue(("bounces+u-" + s).length() <= 64, s);
    }

    @Test
    void checkIgnoresCaseChangesByMtas() {
        VerpToken t = new VerpToken("r7k2", 1234);
        assertEquals(new KeyedTokens.Check.Valid(t, false), TOKENS.check(TOKENS.issue(t, RETURN).toUpperCase(Locale.ROOT), RETURN));
    }

    @Test
    void anotherRecipientsTokenCannotBeMadeFromOnesOwn() {
        String mine = TOKENS.issue(new VerpToken("r1", 3), UNSUB);
        String mac = mine.substring(mine.lastIndexOf('-') + 1);
        for (long other = 0; other < 12; other++) {
            if (other == 3) continue;
            String forged = "r1-" + Long.toString(other, 36) + "-" + mac;
            assertInstanceOf(KeyedTokens.Check.Invalid.class, TOKENS.check(forged, UNSUB), forged);
        }
    }

    @Test
    void aTokenMadeWithAnotherKeyDoesNotVerify() {
        KeyedTokens stranger = new KeyedTokens(TokenKeys.of(TestKeys.bytes(99), null));
        String forged = stranger.issue(new VerpToken("r1", 3), RETURN);
        assertInstanceOf(KeyedTokens.Check.Invalid.class, TOKENS.check(forged, RETURN));
    }

    @Test
    void aTokenVerifiesOnlyForItsPurpose() {
        String verp = TOKENS.issue(new VerpToken("r1", 3), RETURN);
        assertInstanceOf(KeyedTokens.Check.Invalid.class, TOKENS.check(verp, UNSUB), "a VERP token seen by relays cannot unsubscribe");
        assertNotEquals(verp, TOKENS.issue(new VerpToken("r1", 3), UNSUB));
    }

    @Test
    void duringARotationTokensOfThePreviousKeyStillVerify() {
        KeyedTokens old = new KeyedTokens(TokenKeys.of(TestKeys.bytes(1), null));
        KeyedTokens rotated = new KeyedTokens(TokenKeys.of(TestKeys.bytes(2), TestKeys.bytes(1)));
        VerpToken t = new VerpToken("r1", 5);
        assertEquals(new KeyedTokens.Check.Valid(t, true), rotated.check(old.issue(t, RETURN), RETURN));
        assertEquals(new KeyedTokens.Check.Valid(t, false), rotated.check(rotated.issue(t, RETURN), RETURN));
        KeyedTokens after = new KeyedTokens(TokenKeys.of(TestKeys.bytes(2), null));
        assertInstanceOf(KeyedTokens.Check.Invalid.class, after.check(old.issue(t, RETURN), RETURN), "once the old key is dropped");
    }

    @Test
    void aCrcEraTokenIsRecognisedButIsOnlyLegacy() {
        VerpToken t = new VerpToken("20261101-090000-monthly", 3);
        assertEquals(new KeyedTokens.Check.Legacy(t), TOKENS.check(t.legacyFormat(), RETURN));
        assertEquals(Optional.of(t), VerpToken.parseLegacy(t.legacyFormat()));
    }

    @Test
    void garbageIsRejected() {
        for (String g : new String[] {"", "unsubscribe", "r1-1", "r1--1-abc", "-1-abc", "r1-1-ab", "r1-zz-!!!",
                "r_1-1-abc", "r1-01-" + "abc", "r1-1-" + "a".repeat(40)}) {
            assertInstanceOf(KeyedTokens.Check.Invalid.class, TOKENS.check(g, RETURN), g);
        }
        assertInstanceOf(KeyedTokens.Check.Invalid.class, TOKENS.check(null, RETURN));
    }

    @Test
    void unsafeRunIdIsABug() {
        assertThrows(IllegalArgumentException.class, () -> new VerpToken("Run 1", 1));
        assertThrows(IllegalArgumentException.class, () -> new VerpToken("r1", -1));
    }

    @Test
    void verpAddressRoundTripsAndIgnoresOtherAddresses() {
        Verp v = new Verp("bounces@example.org");
        String t = TOKENS.issue(new VerpToken("r1", 9), RETURN);
        String a = v.address(t);
        assertEquals(Optional.of(t), v.tokenOf(a.toUpperCase(Locale.ROOT)));
        assertEquals(Optional.of(t), v.tokenOf("Mailer <" + a + ">"));
        assertEquals(Optional.empty(), v.tokenOf(a.replace("example.org", "example.net")));
        assertEquals(Optional.empty(), v.tokenOf("news@example.org"));
    }
}
