package org.listguard.deliver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.eclipse.angus.mail.smtp.SMTPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The body written in one piece is byte for byte what Angus's SMTPOutputStream put on the wire
 * (the body through it, then its line end if needed, then "." CRLF, as SMTPTransport's data() and
 * finishData() did), for every kind of line break and line-start dot.
 */
class DataBodyTest {
    /** What the relay session sent after the 354 before this change. */
    private static byte[] angus(byte[] body) throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        SMTPOutputStream out = new SMTPOutputStream(wire);
        out.write(body);
        out.ensureAtBOL();
        wire.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
        return wire.toByteArray();
    }

    private static void same(String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.ISO_8859_1);
        assertArrayEquals(angus(b), DataBody.encode(b), () -> "body " + body.replace("\r", "\\r").replace("\n", "\\n"));
    }

    @Test
    void edgeCasesAreTheSameBytesAsAngus() throws IOException {
        for (String body : new String[] {"", ".", "..", "\r\n", "\r", "\n", ".\r\n", "a", "a\r\n", "a\r\n.", "a\r\n.\r\n",
                "a\n.b\n", "a\r.b\r", "a\r\r\n.", "\n\r", "\r\n\r\n", ".a\r\n..b\r\n", "x\r\n.\r\n.\r\n", "a\n\n.", "a\r\n\n",
                "Subject: x\r\n\r\nline\r\n.line\r\n", "no final line break", "\r\n.", "a\r\r\r"}) {
            same(body);
        }
    }

    @Test
    void randomBodiesAreTheSameBytesAsAngus() throws IOException {
        Random random = new Random(20261207);
        byte[] alphabet = {'a', 'b', ' ', '.', '.', '\r', '\n', '\r', '\n', (byte) 0xc3, 0};
        for (int i = 0; i < 20_000; i++) {
            int len = i < 19_800 ? random.nextInt(40) : random.nextInt(100_000);
            byte[] b = new byte[len];
            for (int k = 0; k < len; k++) b[k] = alphabet[random.nextInt(alphabet.length)];
            assertArrayEquals(angus(b), DataBody.encode(b), "random body " + i);
        }
    }

    @Test
    void aComposedMessageIsTheSameBytesAsAngus() throws IOException {
        byte[] raw = TestMessages.message("a@example.com", "keep.this@example.org", 20_000);
        assertArrayEquals(angus(raw), DataBody.encode(raw));
    }
}
