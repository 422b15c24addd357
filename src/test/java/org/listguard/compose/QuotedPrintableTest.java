package org.listguard.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class QuotedPrintableTest {
    static String decode(byte[] qp) throws Exception {
        return new String(MimeUtility.decode(new ByteArrayInputStream(qp), "quoted-printable").readAllBytes(), StandardCharsets.UTF_8);
    }

    static String ascii(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII);
    }

    @Test
    void jakartaDecodesWhatWeEncode() throws Exception {
        String text = "Grüße – 100% = “quoted”\r\n\ttab line \nlong " + "x".repeat(300) + " end  \n€€€€€€€€€€€€€€€€€€€€€€€€€€€€€\n";
        assertEquals(text.replace("\r\n", "\n").replace("\n", "\r\n"), decode(QuotedPrintable.encode(text)));
    }

    @Test
    void encodedLinesAreAtMost76CharactersAndSevenBit() {
        String text = "é".repeat(200) + "\n" + "a=b ".repeat(100) + "\n" + "z".repeat(1000) + "\n";
        String qp = ascii(QuotedPrintable.encode(text));
        for (String line : qp.split("\r\n")) assertTrue(line.length() <= 76, line.length() + ": " + line);
        for (char c : qp.toCharArray()) assertTrue(c < 128, "8-bit output");
    }

    @Test
    void everyLineBreakBecomesCrlfAndNoBareCrOrLfRemains() {
        String qp = ascii(QuotedPrintable.encode("a\rb\nc\r\nd"));
        assertEquals("a\r\nb\r\nc\r\nd\r\n", qp);
    }

    @Test
    void trailingWhitespaceBeforeALineBreakIsEncoded() {
        assertEquals("end =20\r\n", ascii(QuotedPrintable.encode("end  \n")));
        String qp = ascii(QuotedPrintable.encode("a \nb\t\n"));
        assertEquals("a=20\r\nb=09\r\n", qp);
    }

    @Test
    void equalsSignIsEncodedSoABoundaryWithEqualsUnderscoreNeverOccurs() {
        String qp = ascii(QuotedPrintable.encode("----=_lg_abc and =_ and ==__"));
        assertFalse(qp.contains("=_"), qp);
        assertTrue(qp.contains("=3D"), qp);
    }

    @Test
    void outputAlwaysEndsWithCrlf() {
        assertTrue(ascii(QuotedPrintable.encode("no newline")).endsWith("\r\n"));
        assertEquals("\r\n", ascii(QuotedPrintable.encode("")));
    }
}
