package org.listguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.config.ConfigLoader;
import org.listguard.journal.Journal;
import org.listguard.unsubscribe.http.OneClickServer;

/** {@code serve --https}: TLS in process from PEM files, and a renewed certificate is served without a restart. */
class ServeHttpsTest {
    @TempDir
    Path dir;

    void certificate(String cn, String name) throws Exception {
        ServeBehindNginxTest.sh(List.of("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2",
                "-subj", "/CN=" + cn, "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", name + ".key", "-out", name + ".crt"), dir);
    }

    SSLContext trusting(String... names) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        for (String n : names) {
            ks.setCertificateEntry(n, CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(Files.readAllBytes(dir.resolve(n + ".crt")))));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext c = SSLContext.getInstance("TLS");
        c.init(null, tmf.getTrustManagers(), null);
        return c;
    }

    /** GET /healthz over TLS; returns the served certificate's subject and the status line. */
    String[] healthz(int port) throws Exception {
        SSLContext tls = trusting("a", "b"); // a new context each time: no resumed session shows an old certificate
        try (SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.startHandshake();
            String subject = ((X509Certificate) s.getSession().getPeerCertificates()[0]).getSubjectX500Principal().getName();
            s.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: lists.example.org\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            s.getInputStream().transferTo(b);
            return new String[] {subject, b.toString(StandardCharsets.ISO_8859_1).lines().findFirst().orElse("")};
        }
    }

    @Test
    void servesHttpsFromPemFilesAndPicksUpARenewedCertificate() throws Exception {
        certificate("first.example", "a");
        certificate("renewed.example", "b");
        Files.copy(dir.resolve("a.crt"), dir.resolve("fullchain.pem"));
        Files.copy(dir.resolve("a.key"), dir.resolve("privkey.pem"));
        Path cfg = ServeCommandTestConfigs.write(dir, "jdbc:sqlite:" + dir.resolve("j.db"));
        Files.writeString(cfg, Files.readString(cfg) + "serve:\n  tls: { certificate: fullchain.pem, key: privkey.pem, check_every: 100ms }\n");
        Environment env = new Environment(Clock.systemUTC(), Map.of(), new PrintWriter(new StringWriter(), true), new PrintWriter(new StringWriter(), true), false);
        var config = new ConfigLoader().load(cfg);
        try (Journal j = Journal.open(config.journal().url(), Clock.systemUTC());
             OneClickServer s = ServeCommand.start(config, config.journal().url(), j, env, "127.0.0.1:" + ServeCommandTest.freePort(),
                     "127.0.0.1:" + ServeCommandTest.freePort())) {
            String[] first = healthz(s.httpsAddress().getPort());
            assertEquals("CN=first.example", first[0]);
            assertEquals("HTTP/1.1 200 OK", first[1]);

            // a renewal writes the key and the chain (certbot: new files, symlinks switched); here: copied over
            Files.copy(dir.resolve("b.key"), dir.resolve("privkey.pem"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.copy(dir.resolve("b.crt"), dir.resolve("fullchain.pem"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            String subject = first[0];
            for (int i = 0; i < 200 && !subject.equals("CN=renewed.example"); i++) {
                Thread.onSpinWait();
                subject = healthz(s.httpsAddress().getPort())[0];
            }
            assertEquals("CN=renewed.example", subject, "the renewed certificate, without a restart");
            assertEquals("HTTP/1.1 200 OK", healthz(s.httpsAddress().getPort())[1]);
        }
    }

    @Test
    void httpsWithoutServeTlsIsExitTwoNamingIt() throws Exception {
        Path cfg = ServeCommandTestConfigs.write(dir, "jdbc:sqlite:" + dir.resolve("j.db"));
        StringWriter err = new StringWriter();
        Environment env = new Environment(Clock.systemUTC(), Map.of(), new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), false);
        assertEquals(2, Main.run(env, "serve", "-c", cfg.toString(), "--http", "127.0.0.1:" + ServeCommandTest.freePort(),
                "--https", "127.0.0.1:" + ServeCommandTest.freePort()));
        assertTrue(err.toString().contains("--https") && err.toString().contains("serve.tls"), err.toString());
    }
}
