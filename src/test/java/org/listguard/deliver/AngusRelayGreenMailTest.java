package org.listguard.deliver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.config.Relay;
import org.listguard.config.TlsMode;
import org.listguard.reply.Stage;

/** Submission to GreenMail (a real SMTP server on loopback): the exact signed bytes arrive. */
class AngusRelayGreenMailTest {
    @RegisterExtension
    static final GreenMailExtension mail = new GreenMailExtension(
            new com.icegreen.greenmail.util.ServerSetup[] {ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.SMTPS.dynamicPort()});

    @TempDir
    Path dir;

    private final MailRelay relays = new AngusMailRelay("client.example.org");

    @Test
    void signedBytesArriveUnchangedWithTheirMessageId() throws Exception {
        byte[] raw = TestMessages.message("member@example.com", "20260105.42.keep@example.org", 20_000);
        Relay relay = TestMessages.plain(mail.getSmtp().getPort());
        try (RelaySession s = relays.open(relay, null)) {
            SubmitResult r = s.submit(new Envelope("bounces+42@example.org", "member@example.com"), raw);
            assertEquals(Outcome.ACCEPTED, r.outcome());
            assertEquals(Stage.DATA_END, r.stage());
        }
        MimeMessage[] got = mail.getReceivedMessages();
        assertEquals(1, got.length);
        assertEquals("<20260105.42.keep@example.org>", got[0].getMessageID());
        java.io.ByteArrayOutputStream stored = new java.io.ByteArrayOutputStream();
        got[0].writeTo(stored);
        String whole = new String(stored.toByteArray(), StandardCharsets.UTF_8);
        String sent = new String(raw, StandardCharsets.UTF_8);
        assertTrue(whole.endsWith(sent) || whole.endsWith(sent.substring(0, sent.length() - 2)), "raw bytes are the tail of what arrived");
        assertTrue(whole.contains(sent.substring(0, sent.indexOf("\r\n\r\n"))), "headers, DKIM-Signature first, unchanged");
    }

    @Test
    void envelopeIsTheOneGivenNotTheHeaders() throws Exception {
        try (RelaySession s = relays.open(TestMessages.plain(mail.getSmtp().getPort()), null)) {
            s.submit(new Envelope("bounces+7@example.org", "other@example.net"), TestMessages.message("header-to@example.com"));
        }
        MimeMessage m = mail.getReceivedMessages()[0];
        assertEquals("<bounces+7@example.org>", m.getHeader("Return-Path")[0]);
        assertArrayEquals(new String[] {"<header-to@example.com>"}, m.getHeader("To"));
    }

    @Test
    void implicitTlsWithAnUntrustedCertificateSendsNothing() {
        Relay relay = new Relay("tls", "127.0.0.1", mail.getSmtps().getPort(), TlsMode.IMPLICIT, null, null, null, Duration.ofSeconds(5), null);
        SubmitResult r;
        try (RelaySession s = relays.open(relay, null)) {
            r = s.submit(new Envelope("b@example.org", "a@example.com"), TestMessages.message("a@example.com"));
        }
        assertEquals(Outcome.DEFERRED, r.outcome());
        assertEquals(Stage.CONNECT, r.stage());
        assertEquals(0, mail.getReceivedMessages().length);
    }

    @Test
    void trustedCertificateForAnotherHostNameIsStillRefused() throws Exception {
        Path pem = dir.resolve("greenmail.pem");
        exportGreenMailCertificate(pem);
        Relay relay = new Relay("tls", "127.0.0.1", mail.getSmtps().getPort(), TlsMode.IMPLICIT, null, null, null, Duration.ofSeconds(5), pem);
        SubmitResult r;
        try (RelaySession s = relays.open(relay, null)) {
            r = s.submit(new Envelope("b@example.org", "a@example.com"), TestMessages.message("a@example.com"));
        }
        assertEquals(Outcome.DEFERRED, r.outcome(), r.toString());
        assertTrue(r.text().toLowerCase().contains("server identity") || r.text().contains("127.0.0.1"), r.text());
        assertEquals(0, mail.getReceivedMessages().length);
    }

    /** GreenMail's self-signed certificate (CN "GreenMail selfsigned Test Certificate", no SAN). */
    private static void exportGreenMailCertificate(Path pem) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (var in = GreenMailUtil.class.getResourceAsStream("/greenmail.p12")) {
            ks.load(in, "changeit".toCharArray());
        }
        byte[] der = ks.getCertificate(ks.aliases().nextElement()).getEncoded();
        try (OutputStream out = Files.newOutputStream(pem)) {
            out.write(("-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                    + "\n-----END CERTIFICATE-----\n").getBytes(StandardCharsets.US_ASCII));
        }
    }

    @SuppressWarnings("unused")
    private static InetAddress loopback() throws IOException { return InetAddress.getLoopbackAddress(); }
}
