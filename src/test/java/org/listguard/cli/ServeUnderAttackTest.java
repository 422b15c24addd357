package org.listguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.config.Config;
import org.listguard.config.ConfigLoader;
import org.listguard.journal.Journal;
import org.listguard.journal.Outcome;
import org.listguard.list.Recipient;
import org.listguard.testing.TestKeys;
import org.listguard.unsubscribe.http.OneClickServer;

/** Issue 20's attacks on the endpoint the {@code serve} command starts, from its config. */
class ServeUnderAttackTest {
    static final String ONE_CLICK = "List-Unsubscribe=One-Click";

    @TempDir
    Path dir;

    final Environment env = new Environment(Clock.systemUTC(), Map.of(), new PrintWriter(new StringWriter(), true),
            new PrintWriter(new StringWriter(), true), false);
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    Path db;
    Journal journal;
    String run;
    OneClickServer server;

    @BeforeEach
    void setUp() throws Exception {
        db = dir.resolve("j.db");
        Config c = new ConfigLoader().load(config(BEHIND_PROXY));
        journal = Journal.open(c.journal().url(), Clock.systemUTC());
        run = journal.runs().create("monthly", null, false).id();
        List<Recipient> rs = new ArrayList<>();
        for (int i = 1; i <= 50; i++) rs.add(new Recipient(i + 1, "m" + i + "@example.net", Map.of("email", "m" + i + "@example.net")));
        journal.addRecipients(run, rs.iterator());
        for (long seq = 1; seq <= 50; seq++) {
            journal.markSending(run, seq, "<" + run + "." + seq + "@example.org>");
            journal.recordOutcome(run, seq, Outcome.accepted(250, "2.0.0", "250 ok", "isp", "Q", null));
        }
        restart(BEHIND_PROXY);
    }

    /** serve's config as behind a reverse proxy on this host. */
    static final String BEHIND_PROXY = "serve:\n  trusted_proxies: [127.0.0.1/32, \"::1\"]\n";

    void restart(String serve) throws Exception {
        if (server != null) server.close();
        server = ServeCommand.start(new ConfigLoader().load(config(serve)), journal, env, "127.0.0.1:" + ServeCommandTest.freePort());
    }

    @AfterEach
    void tearDown() {
        if (server != null) server.close();
        journal.close();
    }

    Path config(String serve) throws Exception {
        String yaml = Files.readString(Path.of("config/listguard.yaml"));
        Path root = Path.of("").toAbsolutePath();
        yaml = org.listguard.testing.ExampleConfig.withAbsolutePaths(yaml);
        yaml = yaml.replace("jdbc:sqlite:data/listguard.db", "jdbc:sqlite:" + db)
                .replace("\nsender:\n", "\nsender:\n  token_key_file: " + TestKeys.write(dir) + "\n") + serve;
        return Files.writeString(dir.resolve("listguard.yaml"), yaml);
    }

    String base() {
        return "http://127.0.0.1:" + server.address().getPort();
    }

    HttpRequest oneClick(long seq) {
        return oneClick(TestKeys.unsubscribeToken(run, seq), "192.0.2." + seq);
    }

    /** A one-click POST as the proxy on loopback passes it on, from {@code forwardedFor}. */
    HttpRequest oneClick(String token, String forwardedFor) {
        return HttpRequest.newBuilder(URI.create(base() + "/unsubscribe?t=" + token)).timeout(Duration.ofSeconds(20))
                .header("X-Forwarded-For", forwardedFor)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(ONE_CLICK)).build();
    }

    /** Opens a connection and sends a request line and one header, then a header line every 200 ms, never finishing. */
    static Socket slowloris(int port) throws Exception {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        s.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
        return s;
    }

    @Test
    void sixteenSlowlorisConnectionsLeaveHealthzAndOneClickAnswering() throws Exception {
        List<Socket> slow = new ArrayList<>();
        ExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        try {
            for (int i = 0; i < 16; i++) slow.add(slowloris(server.address().getPort()));
            ((java.util.concurrent.ScheduledExecutorService) trickle).scheduleAtFixedRate(() -> {
                for (Socket s : slow) {
                    try {
                        OutputStream o = s.getOutputStream();
                        o.write("X-a: b\r\n".getBytes(StandardCharsets.US_ASCII));
                    } catch (Exception closedByTheServer) {
                        // the header deadline cut it: that is the point
                    }
                }
            }, 0, 200, TimeUnit.MILLISECONDS);
            int fast = 0;
            int total = 0;
            for (int i = 0; i < 24; i++) {
                long t0 = System.nanoTime();
                HttpResponse<String> h = http.send(HttpRequest.newBuilder(URI.create(base() + "/healthz")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                long hMs = (System.nanoTime() - t0) / 1_000_000;
                t0 = System.nanoTime();
                HttpResponse<String> u = http.send(oneClick(1 + i), HttpResponse.BodyHandlers.ofString());
                long uMs = (System.nanoTime() - t0) / 1_000_000;
                assertEquals(200, h.statusCode());
                assertEquals(200, u.statusCode(), u.body());
                total += 2;
                if (hMs <= 2_000) fast++;
                if (uMs <= 2_000) fast++;
            }
            assertTrue(fast >= total * 95 / 100, fast + " of " + total + " within 2 s");
            assertEquals(24, journal.unsubscribes().count());
        } finally {
            trickle.shutdownNow();
            for (Socket s : slow) s.close();
        }
    }

    @Test
    void twoThousandConcurrentRequestsAreAllAnswered() throws Exception {
        List<CompletableFuture<HttpResponse<Void>>> all = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            all.add(http.sendAsync(HttpRequest.newBuilder(URI.create(base() + "/healthz")).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.discarding()));
        }
        int ok = 0;
        for (var f : all) if (f.get(90, TimeUnit.SECONDS).statusCode() == 200) ok++;
        assertEquals(2_000, ok);
    }

    @Test
    void aWriteLockedJournalAnswers503WithRetryAfterWithin15sAndTheRetryIsRecordedOnce() throws Exception {
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = other.createStatement()) {
            st.execute("BEGIN EXCLUSIVE");
            long t0 = System.nanoTime();
            HttpResponse<String> r = http.send(oneClick(7), HttpResponse.BodyHandlers.ofString());
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(503, r.statusCode(), r.body());
            assertTrue(ms < 15_000, ms + " ms");
            assertTrue(Long.parseLong(r.headers().firstValue("Retry-After").orElse("0")) > 0, r.headers().toString());
            assertTrue(r.body().contains("could not be recorded"), r.body());
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base() + "/healthz")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode(), "no request thread waits on the journal's lock");
            st.execute("ROLLBACK");
        }
        int status = 0;
        for (int attempt = 0; attempt < 60 && status != 200; attempt++) status = http.send(oneClick(7), HttpResponse.BodyHandlers.ofString()).statusCode();
        assertEquals(200, status, "the sender's retry after the lock is gone");
        assertEquals(200, http.send(oneClick(7), HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(1, journal.unsubscribes().count(), "recorded exactly once");
    }

    int passed(String xffPrefix, String xffSuffix) throws Exception {
        int ok = 0;
        for (int i = 0; i < 200; i++) {
            int st = http.send(oneClick("nonsense", xffPrefix + (i % 250) + xffSuffix), HttpResponse.BodyHandlers.discarding()).statusCode();
            if (st != 429) ok++;
        }
        return ok;
    }

    @Test
    void withoutTrustedProxiesARotatingForwardedForDoesNotEscapeTheRateLimit() throws Exception {
        restart("");
        assertEquals(10, passed("198.51.100.", ""), "the standard burst, keyed on the peer");
    }

    @Test
    void behindATrustedProxyTheClientIsTheLastUntrustedHopAndWhatItWroteLeftOfItIsIgnored() throws Exception {
        assertEquals(10, passed("198.51.100.", ", 203.0.113.9"), "one client behind the proxy, whatever it claims before its hop");
        assertEquals(200, passed("198.51.100.", ""), "two hundred distinct clients behind the proxy");
    }
}
