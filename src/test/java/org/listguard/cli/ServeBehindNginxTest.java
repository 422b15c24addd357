package org.listguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.config.ConfigLoader;
import org.listguard.journal.Journal;
import org.listguard.journal.Outcome;
import org.listguard.list.Recipient;
import org.listguard.testing.TestKeys;
import org.listguard.unsubscribe.http.OneClickServer;

/**
 * The documented reverse-proxy set-up, for real: a private nginx (Debian package, scripts/install-peers)
 * terminates TLS on loopback and proxies to {@code serve}, which trusts it through
 * {@code serve.trusted_proxies}. The member's one-click crosses both; the client the journal and
 * the rate limit see is the address nginx saw, whatever the client wrote in X-Forwarded-For.
 */
class ServeBehindNginxTest {
    static final Path NGINX = Path.of("/usr/sbin/nginx");

    @TempDir
    Path dir;

    Journal journal;
    OneClickServer server;
    Process nginx;
    int tlsPort;
    String run;
    SSLContext tls;

    static String sh(List<String> cmd, Path in) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(in.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), cmd + ": " + out);
        return out;
    }

    @BeforeEach
    void setUp() throws Exception {
        org.listguard.testing.Peers.requireExecutable(NGINX, "install Debian's nginx (scripts/install-peers)");
        sh(List.of("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2",
                "-subj", "/CN=lists.example.org", "-addext", "subjectAltName=DNS:lists.example.org,IP:127.0.0.1",
                "-keyout", "key.pem", "-out", "cert.pem"), dir);
        tls = trusting(dir.resolve("cert.pem"));

        Path cfg = ServeCommandTestConfigs.write(dir, "jdbc:sqlite:" + dir.resolve("j.db"));
        Files.writeString(cfg, Files.readString(cfg) + "serve:\n  trusted_proxies: [127.0.0.1/32]\n");
        journal = Journal.open("jdbc:sqlite:" + dir.resolve("j.db"), Clock.systemUTC());
        run = journal.runs().create("monthly", null, false).id();
        journal.addRecipients(run, List.of(new Recipient(2, "m1@example.net", Map.of("email", "m1@example.net"))).iterator());
        journal.markSending(run, 1, "<" + run + ".1@example.org>");
        journal.recordOutcome(run, 1, Outcome.accepted(250, "2.0.0", "250 ok", "isp", "Q", null));
        Environment env = new Environment(Clock.systemUTC(), Map.of(), new PrintWriter(new StringWriter(), true), new PrintWriter(new StringWriter(), true), false);
        server = ServeCommand.start(new ConfigLoader().load(cfg), journal, env, "127.0.0.1:" + ServeCommandTest.freePort());

        tlsPort = ServeCommandTest.freePort();
        Path conf = Files.writeString(dir.resolve("nginx.conf"), nginxConf(dir, tlsPort, server.address().getPort()));
        nginx = new ProcessBuilder(NGINX.toString(), "-p", dir.toString(), "-c", conf.toString(), "-e", dir.resolve("error.log").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
        for (int i = 0; i < 100 && !listening(tlsPort); i++) nginx.waitFor(50, TimeUnit.MILLISECONDS);
        assertTrue(listening(tlsPort), "nginx listens: " + Files.readString(dir.resolve("nginx.out")));
    }

    /** The README's nginx block, on loopback ports, with a private prefix. */
    static String nginxConf(Path dir, int tlsPort, int servePort) {
        return ("root".equals(System.getProperty("user.name")) ? "user root;\n" : "") + """
                worker_processes 1;
                daemon off;
                pid DIR/nginx.pid;
                error_log DIR/error.log;
                events { worker_connections 128; }
                http {
                    access_log off;
                    client_body_temp_path DIR/body; proxy_temp_path DIR/proxy; fastcgi_temp_path DIR/fastcgi;
                    uwsgi_temp_path DIR/uwsgi; scgi_temp_path DIR/scgi;
                    server {
                        listen 127.0.0.1:TLS ssl;
                        server_name lists.example.org;
                        ssl_certificate     DIR/cert.pem;
                        ssl_certificate_key DIR/key.pem;
                        location = /unsubscribe {
                            proxy_pass http://127.0.0.1:SERVE;
                            proxy_set_header Host $host;
                            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                            proxy_set_header X-Forwarded-Proto $scheme;
                        }
                    }
                }
                """.replace("DIR", dir.toString()).replace("TLS", Integer.toString(tlsPort)).replace("SERVE", Integer.toString(servePort));
    }

    static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    static SSLContext trusting(Path certPem) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setCertificateEntry("proxy", CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(Files.readAllBytes(certPem))));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext c = SSLContext.getInstance("TLS");
        c.init(null, tmf.getTrustManagers(), null);
        return c;
    }

    @AfterEach
    void tearDown() throws Exception {
        if (nginx != null) {
            nginx.destroy(); // SIGTERM to the master: it stops its worker
            nginx.waitFor(10, TimeUnit.SECONDS);
        }
        if (server != null) server.close();
        if (journal != null) journal.close();
    }

    /** An HTTPS request from 127.0.0.2 (so the client differs from the proxy), written by hand. */
    String https(String request) throws Exception {
        Socket plain = new Socket();
        plain.bind(new InetSocketAddress("127.0.0.2", 0));
        plain.connect(new InetSocketAddress("127.0.0.1", tlsPort), 5_000);
        try (SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket(plain, "lists.example.org", tlsPort, true)) {
            s.setSoTimeout(10_000);
            s.startHandshake();
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            s.getInputStream().transferTo(b);
            return b.toString(StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void aOneClickThroughNginxUnsubscribesAndTheClientIsTheAddressNginxSaw() throws Exception {
        String body = "List-Unsubscribe=One-Click";
        String r = https("POST /unsubscribe?t=" + TestKeys.unsubscribeToken(run, 1) + " HTTP/1.1\r\nHost: lists.example.org\r\n"
                + "X-Forwarded-For: 6.6.6.6\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length()
                + "\r\nConnection: close\r\n\r\n" + body);
        assertTrue(r.startsWith("HTTP/1.1 200"), r);
        assertEquals("127.0.0.2", journal.unsubscribes().find(run, 1).orElseThrow().origin(), "not the address the client claimed");
    }

    @Test
    void theRateLimitBehindNginxKeysOnTheRealClientWhateverItClaims() throws Exception {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String r = https("GET /unsubscribe?t=nonsense HTTP/1.1\r\nHost: lists.example.org\r\nX-Forwarded-For: 198.51.100." + i
                    + "\r\nConnection: close\r\n\r\n");
            statuses.add(Integer.parseInt(r.substring(9, 12)));
        }
        assertEquals(10, statuses.stream().filter(s -> s == 400).count(), statuses.toString());
        assertEquals(2, statuses.stream().filter(s -> s == 429).count(), statuses.toString());
    }
}
