package org.listguard.compose.dkim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * jDKIM encodes header text with the JVM's default charset, which Java 17 takes from the locale
 * (US-ASCII for a cron job with no LANG): a UTF-8 address (RFC 6532) would be signed as other bytes
 * than those sent. Such a message is refused, with the fix named; an ASCII one signs the same
 * whatever the charset. Each case signs in a JVM of its own with the charset set.
 */
class DkimCharsetTest {
    private static String probe(String charset, String which) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(List.of(java, "-Dfile.encoding=" + charset, "-cp", System.getProperty("java.class.path"),
                DkimCharsetProbe.class.getName(), which)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.waitFor(), out);
        String last = out.substring(out.lastIndexOf('\n') + 1);
        return last;
    }

    @Test
    void aUtf8AddressIsRefusedUnderAnAsciiCharsetNotSignedWrong() throws Exception {
        String expected = probe("UTF-8", "utf8");
        assertTrue(expected.startsWith("signed "), expected);
        assertEquals(expected, probe("ISO-8859-1", "utf8"), "a charset that carries every byte signs the same bytes");
        String ascii = probe("US-ASCII", "utf8");
        assertTrue(ascii.startsWith("refused: the To field has 8-bit text") && ascii.contains("-Dfile.encoding=UTF-8"), ascii);
    }

    @Test
    void anAsciiMessageSignsTheSameWhateverTheCharset() throws Exception {
        String expected = probe("UTF-8", "ascii");
        assertTrue(expected.startsWith("signed "), expected);
        assertEquals(expected, probe("US-ASCII", "ascii"));
        assertEquals(expected, probe("ISO-8859-1", "ascii"));
    }
}
