package org.listguard.deliver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.listguard.config.Relay;
import org.listguard.config.TlsMode;
import org.listguard.reply.Stage;
import org.listguard.testing.PostfixRelay;
import org.listguard.testing.SmtpSink;

/** STARTTLS and implicit TLS against a real Postfix: required, certificate and host name verified (RFC 3207, RFC 6125). */
class PostfixTlsTest {
    static Path dir;
    static SmtpSink sink;
    static PostfixRelay postfix;
    static TestCertificates.Pem pem;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("listguard-tls");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        pem = TestCertificates.selfSigned(dir, "dns:localhost");
        sink = SmtpSink.start(SmtpSink.options().store(dir.resolve("sink")));
        postfix = PostfixRelay.start(sink, pem.certificate(), pem.key());
    }

    @AfterAll
    static void stop() {
        if (postfix != null) postfix.close();
        if (sink != null) sink.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            // a temp dir left behind is harmless
        }
    }

    private static String log() {
        try {
            return postfix.log();
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    private SubmitResult submit(String host, Path trust) {
        Relay relay = new Relay("tls", host, postfix.port(), TlsMode.STARTTLS, null, null, null, Duration.ofSeconds(10), trust);
        try (RelaySession s = new AngusMailRelay("client.example.org").open(relay, null)) {
            return s.submit(new Envelope("b@example.org", "x@example.com"), TestMessages.message("x@example.com"));
        }
    }

    @Test
    void trustedCertificateForTheHostNameIsAccepted() {
        SubmitResult r = submit("localhost", pem.certificate());
        assertEquals(Outcome.ACCEPTED, r.outcome(), () -> r + "\n" + log());
    }

    @Test
    void implicitTlsWithTheTrustedCertificateIsAccepted() {
        Relay relay = new Relay("tls", "localhost", postfix.implicitTlsPort(), TlsMode.IMPLICIT, null, null, null, Duration.ofSeconds(10), pem.certificate());
        try (RelaySession s = new AngusMailRelay("client.example.org").open(relay, null)) {
            SubmitResult r = s.submit(new Envelope("b@example.org", "x@example.com"), TestMessages.message("x@example.com"));
            assertEquals(Outcome.ACCEPTED, r.outcome(), () -> r + "\n" + log());
        }
    }

    @Test
    void certificateNotInAnyTrustStoreSendsNothing() {
        SubmitResult r = submit("localhost", null);
        assertEquals(Outcome.DEFERRED, r.outcome(), r.toString());
        assertEquals(Stage.STARTTLS, r.stage());
        assertEquals(0, r.code(), "refused by the client, not by the server: " + r.text());
    }

    @Test
    void trustedCertificateForAnotherNameSendsNothing() {
        SubmitResult r = submit("127.0.0.1", pem.certificate());
        assertEquals(Outcome.DEFERRED, r.outcome(), r.toString());
        assertEquals(Stage.STARTTLS, r.stage());
        assertEquals(0, r.code(), "refused by the client, not by the server: " + r.text());
    }
}
