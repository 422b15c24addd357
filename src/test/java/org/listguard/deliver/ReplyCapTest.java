package org.listguard.deliver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.listguard.reply.Stage;

/** Issue 13: a relay's endless reply is a protocol error of that session, not an OutOfMemoryError. */
class ReplyCapTest {
    @Test
    void anEndlessReplyLineEndsTheSessionAtTheCapWithTheReasonAsTheResult() throws Exception {
        try (HostileSmtpServer server = new HostileSmtpServer(300L * 1024 * 1024);
             RelaySession s = new AngusMailRelay("client.example.org").open(TestMessages.plain(server.port()), new char[0])) {
            SubmitResult r = s.submit(new Envelope("bounces@example.org", "a@example.com"), TestMessages.message("a@example.com"));
            assertEquals(Outcome.DEFERRED, r.outcome(), r.text());
            assertEquals(Stage.EHLO, r.stage());
            assertTrue(r.text().contains("line cap"), r.text());
            assertTrue(server.sent < 64L * 1024 * 1024, "read stopped near the cap (plus socket buffers), not after " + server.sent + " bytes");
        }
    }

    @Test
    void aThreeHundredMegabyteReplyInAJvmOf256MegabytesEndsCleanly() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                HostileChild.class.getName())).redirectErrorStream(true).start();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child finished within 60 s");
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, child.exitValue(), out);
        assertTrue(out.contains("RESULT deferred EHLO") && !out.contains("OutOfMemoryError"), out);
    }

    @Test
    void underTlsTheReplyCapStillEndsAnEndlessReply(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        TestCertificates.Pem pem = TestCertificates.selfSigned(dir, "dns:localhost");
        java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
        try (var in = java.nio.file.Files.newInputStream(dir.resolve("server.p12"))) {
            ks.load(in, "changeit".toCharArray());
        }
        javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        javax.net.ssl.SSLContext ctx = javax.net.ssl.SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        try (HostileSmtpServer server = new HostileSmtpServer(300L * 1024 * 1024, ctx)) {
            org.listguard.config.Relay relay = new org.listguard.config.Relay("tls", "localhost", server.port(),
                    org.listguard.config.TlsMode.IMPLICIT, null, null, null, java.time.Duration.ofSeconds(10), pem.certificate());
            try (RelaySession s = new AngusMailRelay("client.example.org").open(relay, null)) {
                SubmitResult r = s.submit(new Envelope("bounces@example.org", "a@example.com"), TestMessages.message("a@example.com"));
                assertEquals(Outcome.DEFERRED, r.outcome(), r.text());
                assertTrue(r.text().contains("reply cap"), r.text());
                assertTrue(server.sent < 64L * 1024 * 1024, "read stopped near the cap (plus socket buffers), not after " + server.sent + " bytes");
            }
        }
    }
}
