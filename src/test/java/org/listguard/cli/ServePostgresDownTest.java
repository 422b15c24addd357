package org.listguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
 * {@code serve} on a PostgreSQL journal whose server stops: a one-click is answered 503 with
 * Retry-After within 15 s, and once the server is back the sender's retry is recorded, once.
 * A private cluster of its own (scripts/pg-cluster), since the test stops it.
 */
class ServePostgresDownTest {
    static final String PG_BIN = pgBin();

    @TempDir
    Path dir;

    Path cluster;
    String url;
    Journal journal;
    OneClickServer server;
    String run;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static String pgBin() {
        try (var s = Files.list(Path.of("/usr/lib/postgresql"))) {
            return s.map(p -> p.resolve("bin")).filter(p -> Files.isExecutable(p.resolve("pg_ctl"))).map(Path::toString).sorted().reduce((a, b) -> b).orElse(null);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    static String sh(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "finished: " + cmd);
        assertEquals(0, p.exitValue(), cmd + ": " + out);
        return out.strip();
    }

    List<String> pgCtl(String... args) {
        List<String> c = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) c.addAll(List.of("runuser", "-u", "postgres", "--"));
        c.add(PG_BIN + "/pg_ctl");
        c.addAll(List.of("-D", cluster.resolve("data").toString()));
        c.addAll(List.of(args));
        return c;
    }

    @BeforeEach
    void setUp() throws Exception {
        org.listguard.testing.Peers.requireOrSkip(PG_BIN != null, "PostgreSQL is not installed", "install Debian's postgresql (scripts/install-peers)");
        cluster = Path.of("/tmp", "lg-serve-pg-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        url = sh(List.of("scripts/pg-cluster", "start", cluster.toString()));
        Path config = ServeCommandTestConfigs.write(dir, url);
        journal = Journal.open(url, Clock.systemUTC());
        run = journal.runs().create("monthly", null, false).id();
        journal.addRecipients(run, List.of(new Recipient(2, "m1@example.net", Map.of("email", "m1@example.net"))).iterator());
        journal.markSending(run, 1, "<" + run + ".1@example.org>");
        journal.recordOutcome(run, 1, Outcome.accepted(250, "2.0.0", "250 ok", "isp", "Q", null));
        Environment env = new Environment(Clock.systemUTC(), Map.of(), new PrintWriter(new StringWriter(), true), new PrintWriter(new StringWriter(), true), false);
        server = ServeCommand.start(new ConfigLoader().load(config), url, journal, env, "127.0.0.1:" + ServeCommandTest.freePort(), null);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (server != null) server.close();
        if (journal != null) journal.close();
        if (cluster != null) sh(List.of("scripts/pg-cluster", "stop", cluster.toString()));
    }

    int oneClick() throws Exception {
        return post().statusCode();
    }

    HttpResponse<String> post() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.address().getPort() + "/unsubscribe?t="
                        + TestKeys.unsubscribeToken(run, 1))).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void postgresStoppedIs503WithinFifteenSecondsAndTheRetryAfterItsReturnIsRecordedOnce() throws Exception {
        String port = url.replaceAll(".*:(\\d+)/.*", "$1");
        sh(pgCtl("-m", "fast", "-w", "stop"));
        long t0 = System.nanoTime();
        HttpResponse<String> r = post();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(503, r.statusCode(), r.body());
        assertTrue(ms < 15_000, ms + " ms");
        assertTrue(r.headers().firstValue("Retry-After").isPresent());
        assertEquals(503, oneClick(), "still down");

        sh(pgCtl("-l", cluster.resolve("server.log").toString(), "-w", "-t", "30", "-o",
                "-p " + port + " -k " + cluster + " -c listen_addresses=127.0.0.1 -c fsync=off", "start"));
        int status = 0;
        for (int attempt = 0; attempt < 30 && status != 200; attempt++) status = oneClick();
        assertEquals(200, status, "the endpoint reconnected");
        assertEquals(200, oneClick());
        try (Journal check = Journal.open(url, Clock.systemUTC())) {
            assertEquals(1, check.unsubscribes().count(), "recorded exactly once");
        }
    }
}
