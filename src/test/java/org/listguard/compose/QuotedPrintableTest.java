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

    /**
     * The encoder copies runs of literal bytes whole; this is the rule applied one byte at a time
     * (RFC 2045 §6.7 as the class comment states it), the form it had before. Both must agree on
     * any input, and the sink form must equal the array form.
     */
    @Test
    void copyingRunsWritesExactlyWhatTheByteAtATimeRulesWrite() {
        java.util.Random random = new java.util.Random(2045);
        String[] pieces = {"a", "Z", "~", "!", " ", "\t", "=", "\r", "\n", "\r\n", "é", "€", "\u0000", "\u007f", "x".repeat(74),
                "y".repeat(75), "w".repeat(76), "v".repeat(150), "word ", "  ", "=_"};
        for (int round = 0; round < 3000; round++) {
            StringBuilder sb = new StringBuilder();
            int parts = random.nextInt(40);
            for (int k = 0; k < parts; k++) sb.append(pieces[random.nextInt(pieces.length)]);
            String text = sb.toString();
            byte[] in = text.getBytes(StandardCharsets.UTF_8);
            String expected = ascii(byteAtATime(in));
            assertEquals(expected, ascii(QuotedPrintable.encode(text)), "input: " + text);
            ByteSink sink = new ByteSink(1);
            sink.ascii("head;");
            QuotedPrintable.encode(in, sink);
            assertEquals("head;" + expected, ascii(sink.toByteArray()), "input: " + text);
        }
    }

    private static byte[] byteAtATime(byte[] in) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int col = 0;
        int n = in.length;
        for (int i = 0; i < n; i++) {
            int b = in[i] & 0xff;
            if (b == '\r' || b == '\n') {
                if (b == '\r' && i + 1 < n && in[i + 1] == '\n') i++;
                out.write('\r');
                out.write('\n');
                col = 0;
                continue;
            }
            boolean endOfLine = i + 1 == n || in[i + 1] == '\r' || in[i + 1] == '\n';
            boolean literal = (b >= 33 && b <= 126 && b != '=') || ((b == ' ' || b == '\t') && !endOfLine);
            int width = literal ? 1 : 3;
            if (col + width > (endOfLine ? 76 : 75)) {
                out.writeBytes("=\r\n".getBytes(StandardCharsets.US_ASCII));
                col = 0;
            }
            if (literal) out.write(b);
            else out.writeBytes(String.format("=%02X", b).getBytes(StandardCharsets.US_ASCII));
            col += width;
        }
        if (n == 0 || (in[n - 1] != '\n' && in[n - 1] != '\r')) out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }
}
