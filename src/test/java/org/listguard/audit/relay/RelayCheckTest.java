package org.listguard.audit.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.audit.Finding;
import org.listguard.audit.Role;
import org.listguard.audit.Status;
import org.listguard.audit.auth.Fixtures;
import org.listguard.config.Config;
import org.listguard.deliver.SmtpRelayProbe;
import org.listguard.dns.ZoneDnsClient;
import org.listguard.dns.ZoneAnswerer;

/**
 * The relay check against real SMTP servers on loopback: GreenMail (plain SMTP without STARTTLS,
 * and SMTPS with a test certificate for 127.0.0.1 from src/test/resources/tls), a closed port and
 * a server that never greets.
 */
class RelayCheckTest {
    static {
        // GreenMail's TLS server certificate: one issued for 127.0.0.1/localhost (read once per JVM).
        System.setProperty("greenmail.tls.keystore.file", Path.of("src/test/resources/tls/relay-test.p12").toAbsolutePath().toString());
        System.setProperty("greenmail.tls.keystore.password", "changeit");
    }

    static final String USER = "list@example.org";
    static final String PASSWORD = "s3cret-relay-pw";

    @RegisterExtension
    static final GreenMailExtension GREENMAIL = new GreenMailExtension(
            ServerSetup.dynamicPort(new ServerSetup[] {ServerSetupTest.SMTP, ServerSetupTest.SMTPS}))
            .withConfiguration(GreenMailConfiguration.aConfig().withUser(USER, PASSWORD));

    @TempDir
    Path dir;

    Finding relay(String relayYaml, Map<String, String> env) {
        Config c = Fixtures.config(dir, "news@example.org", "bounces@example.org", "relays:\n" + relayYaml, "");
        List<Finding> fs = Fixtures.run(new RelayCheck(), Fixtures.context(c, new ZoneDnsClient(new ZoneAnswerer(List.of())),
                new SmtpRelayProbe("list.example.org"), env, null));
        Finding f = Fixtures.only(fs);
        assertEquals("relay", f.check());
        assertEquals(Role.RELAY, f.role());
        return f;
    }

    static String smtp(String tls, String extra) {
        return "  - name: test\n    host: 127.0.0.1\n    port: " + GREENMAIL.getSmtp().getPort() + "\n    tls: " + tls
                + "\n    timeout: 5s\n" + extra;
    }

    static String smtps(String extra) {
        return "  - name: test\n    host: 127.0.0.1\n    port: " + GREENMAIL.getSmtps().getPort() + "\n    tls: implicit"
                + "\n    timeout: 5s\n" + extra;
    }

    static final String AUTH = "    auth: { username: " + USER + ", password_env: RELAY_PW }\n";

    @Test
    void acceptedCredentialsPassAndTheTargetIsHostPort() {
        Finding f = relay(smtp("none", AUTH), Map.of("RELAY_PW", PASSWORD));
        assertEquals(Status.PASS, f.status(), f.toString());
        assertEquals("127.0.0.1:" + GREENMAIL.getSmtp().getPort(), f.target());
        assertTrue(f.detail().contains("AUTH accepted"), f.detail());
    }

    @Test
    void rejectedCredentialsFailWithTheServerReplyAndWithoutThePassword() {
        Finding f = relay(smtp("none", AUTH), Map.of("RELAY_PW", "wrong-password"));
        assertEquals(Status.FAIL, f.status());
        assertEquals("auth_rejected", f.code());
        assertTrue(f.detail().startsWith("535"), f.detail());
        assertFalse(f.toString().contains("wrong-password"));
    }

    @Test
    void unsetPasswordVariableFailsNamingTheVariable() {
        Finding f = relay(smtp("none", AUTH), Map.of());
        assertEquals(Status.FAIL, f.status());
        assertTrue(f.detail().contains("RELAY_PW"), f.detail());
    }

    @Test
    void relayWithoutStarttlsFailsWhenStarttlsIsRequired() {
        Finding f = relay(smtp("starttls", ""), Map.of());
        assertEquals(Status.FAIL, f.status());
        assertEquals("starttls_not_offered", f.code());
    }

    @Test
    void untrustedCertificateFails() {
        Finding f = relay(smtps(""), Map.of());
        assertEquals(Status.FAIL, f.status());
        assertEquals("certificate", f.code(), f.toString());
    }

    @Test
    void certificateTrustedThroughTrustCertificatePasses() {
        Path pem = Path.of("src/test/resources/tls/relay-test.pem").toAbsolutePath();
        Finding f = relay(smtps("    trust_certificate: " + pem + "\n" + AUTH), Map.of("RELAY_PW", PASSWORD));
        assertEquals(Status.PASS, f.status(), f.toString());
        assertTrue(f.detail().contains("TLS verified (implicit)"), f.detail());
    }

    @Test
    void closedPortFailsAsConnect() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Finding f = relay("  - name: test\n    host: 127.0.0.1\n    port: " + port + "\n    tls: none\n    timeout: 2s\n", Map.of());
        assertEquals(Status.FAIL, f.status());
        assertEquals("connect", f.code());
    }

    @Test
    void serverThatNeverGreetsFailsWithinTheTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Instant start = Instant.now();
            Finding f = relay("  - name: test\n    host: 127.0.0.1\n    port: " + silent.getLocalPort() + "\n    tls: none\n    timeout: 300ms\n", Map.of());
            assertEquals(Status.FAIL, f.status());
            assertEquals("connect", f.code());
            assertTrue(Duration.between(start, Instant.now()).compareTo(Duration.ofSeconds(10)) < 0);
        }
    }

    @Test
    void plaintextAllowedOffLoopbackWarnsEvenWhenTheSessionWorks() {
        ProbeResult fine = new ProbeResult(null, List.of("AUTH PLAIN"), "none", "not-configured");
        Config c = Fixtures.config(dir, "news@example.org", "bounces@example.org",
                "relays:\n  - name: lan\n    host: 10.0.0.5\n    tls: none\n    allow_plaintext: true\n", "");
        Finding f = Fixtures.only(Fixtures.run(new RelayCheck(), Fixtures.context(c, new ZoneDnsClient(new ZoneAnswerer(List.of())),
                (relay, pw) -> java.util.concurrent.CompletableFuture.completedFuture(fine), Map.of(), null)));
        assertEquals(Status.WARN, f.status());
        assertEquals("10.0.0.5:587", f.target());
    }
}
