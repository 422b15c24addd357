package org.listguard.compose.dkim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.audit.auth.Fixtures;
import org.listguard.dns.DnsAnswer;
import org.listguard.dns.DnsClient;
import org.xbill.DNS.DClass;
import org.xbill.DNS.TXTRecord;

class DkimSignerTest {
    static final KeyPair KP = Fixtures.rsa(2048);
    static final String MSG = "From: News <news@example.org>\r\nTo: a@example.net\r\nSubject: Hello\r\n"
            + "Date: Mon, 23 Nov 2026 08:00:00 +0000\r\nMessage-ID: <1@example.org>\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=UTF-8\r\n\r\nHello  there \r\n\r\n";

    @TempDir
    Path dir;

    /** A DNS client answering every TXT question with one record (the hand-written fake). */
    static DnsClient answering(String txt) {
        return (name, type) -> CompletableFuture.completedFuture(txt == null
                ? new DnsAnswer.Failure(DnsAnswer.Failure.Kind.TIMEOUT, "no answer")
                : new DnsAnswer.Records(List.of(new TXTRecord(name, DClass.IN, 60, chunks(txt))), 60));
    }

    static List<String> chunks(String s) {
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < s.length(); i += 255) out.add(s.substring(i, Math.min(s.length(), i + 255)));
        return out;
    }

    byte[] signed() throws Exception {
        DkimKey k = DkimKey.load(Fixtures.writePkcs8(dir.resolve("k.pem"), KP));
        Clock clock = Clock.fixed(Instant.parse("2026-01-01T08:00:00Z"), ZoneOffset.UTC);
        return new DkimSigner("example.org", "news", k, clock).sign(MSG.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void signaturePrependedWithTheAgreedTagsAndTheOriginalBytesFollow() throws Exception {
        String out = new String(signed(), StandardCharsets.US_ASCII);
        assertTrue(out.startsWith("DKIM-Signature:"), out);
        String header = out.substring(0, out.indexOf("\r\nFrom:"));
        assertTrue(header.contains("a=rsa-sha256") && header.contains("c=relaxed/relaxed") && header.contains("d=example.org")
                && header.contains("s=news") && header.contains("t=1767254400"), header);
        assertTrue(header.replaceAll("\\s", "").contains("h=" + DkimSigner.SIGNED_HEADERS), header);
        assertTrue(out.endsWith(MSG));
    }

    @Test
    void signedMessageVerifiesWithThePublishedKey() throws Exception {
        String rec = "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(KP.getPublic().getEncoded());
        DkimVerification v = new DkimVerifier(answering(rec)).verify(signed());
        assertEquals(new DkimVerification.Pass("example.org", "news"), v);
    }

    @Test
    void alteredBodyFailsVerification() throws Exception {
        String rec = "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(KP.getPublic().getEncoded());
        byte[] tampered = new String(signed(), StandardCharsets.US_ASCII).replace("Hello  there", "Hello where").getBytes(StandardCharsets.US_ASCII);
        assertInstanceOf(DkimVerification.Fail.class, new DkimVerifier(answering(rec)).verify(tampered));
    }

    @Test
    void keyLookupFailureIsTemperror() throws Exception {
        DkimVerification v = new DkimVerifier(answering(null)).verify(signed());
        assertInstanceOf(DkimVerification.TempError.class, v, v.toString());
    }

    @Test
    void unsignedMessageIsNone() {
        assertInstanceOf(DkimVerification.None.class, new DkimVerifier(answering("x")).verify(MSG.getBytes(StandardCharsets.US_ASCII)));
    }
}
