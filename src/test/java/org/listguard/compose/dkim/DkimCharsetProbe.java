package org.listguard.compose.dkim;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;

/**
 * Signs one message in a JVM of the test's choosing (its default charset set by the caller) and
 * prints the signature header's SHA-256, or "refused: " and the reason. Used by {@link DkimCharsetTest}.
 */
public final class DkimCharsetProbe {
    static final String UTF8_TO = "From: News <news@example.org>\r\nTo: j\u00fcrgen@example.de\r\nSubject: hi\r\n"
            + "Date: Mon, 7 Dec 2026 10:00:00 +0000\r\nMessage-ID: <a@example.org>\r\n\r\nbody\r\n";
    static final String ASCII = UTF8_TO.replace("j\u00fcrgen", "juergen");

    public static void main(String[] args) throws Exception {
        System.out.println(sign(args[0].equals("utf8") ? UTF8_TO : ASCII));
    }

    static String sign(String message) throws Exception {
        DkimSigner s = new DkimSigner("example.org", "news", DkimKey.load(Path.of("config/dkim/news.pem")),
                Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC));
        byte[] raw = message.getBytes(StandardCharsets.UTF_8);
        try {
            byte[] out = s.sign(raw);
            byte[] header = java.util.Arrays.copyOf(out, out.length - raw.length);
            return "signed " + HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(header));
        } catch (IllegalStateException e) {
            return "refused: " + e.getMessage();
        }
    }
}
