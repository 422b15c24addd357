package org.listguard.unsubscribe.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.reply.Action;
import org.listguard.feedback.ProcessFixture;
import org.listguard.journal.Suppression;
import org.listguard.testing.TestKeys;
import org.listguard.unsubscribe.RateLimiter;
import org.listguard.unsubscribe.UnsubscribeUrl;
import org.listguard.unsubscribe.Unsubscriber;

/** The one-click endpoint on a real loopback listener, spoken to by the JDK's HTTP client. */
class OneClickServerTest {
    static final String ONE_CLICK = "List-Unsubscribe=One-Click";

    @TempDir
    Path dir;

    ProcessFixture f;
    OneClickServer server;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void setUp() throws IOException {
        f = new ProcessFixture(dir, 10);
        start(new RateLimiter(f.clock, 1000, 1000));
    }

    void start(RateLimiter limiter) throws IOException {
        if (server != null) server.close();
        server = OneClickServer.start(new InetSocketAddress("127.0.0.1", 0), UnsubscribeUrl.of("https://example.org/unsubscribe?t={token}"),
                new Unsubscriber(f.journal, TestKeys.TOKENS, f.clock), limiter);
    }

    @AfterEach
    void tearDown() {
        server.close();
        f.close();
    }

    URI url(String token) {
        return URI.create("http://127.0.0.1:" + server.address().getPort() + "/unsubscribe?t=" + token);
    }

    HttpResponse<String> post(String token, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(url(token)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(URI u) throws Exception {
        return http.send(HttpRequest.newBuilder(u).timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aOneClickPostUnsubscribesTheMemberOnceAndRepeatsAnswer200() throws Exception {
        String token = TestKeys.unsubscribeToken(f.run, 4);
        HttpResponse<String> r = post(token, ONE_CLICK);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("unsubscribed"), r.body());
        Suppression s = f.journal.suppressions().find("kijitora@example.net").orElseThrow();
        assertEquals(Action.UNSUBSCRIBE, s.action());
        assertEquals("unsubscribe", s.reason());
        assertTrue(s.evidence().contains("\"channel\":\"one-click\""), s.evidence());
        assertEquals(f.clock.instant(), f.journal.unsubscribes().find(f.run, 4).orElseThrow().at());
        assertEquals(200, post(token, ONE_CLICK).statusCode(), "a repeat is fine");
        assertEquals(200, post(token, ONE_CLICK).statusCode());
        assertEquals(1, f.journal.unsubscribes().count(), "recorded once");
        assertEquals(1, f.journal.suppressions().list().size());
        assertEquals(0, f.journal.feedback().complaintRate("monthly", org.listguard.config.Defaults.CORROBORATE).orElseThrow().complaints(), "an unsubscribe is not a complaint");
    }

    @Test
    void getShowsAConfirmationPageWhoseButtonPostsAndChangesNothing() throws Exception {
        HttpResponse<String> r = get(url(TestKeys.unsubscribeToken(f.run, 4)));
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("<form method=\"post\""), r.body());
        assertTrue(r.body().contains("name=\"List-Unsubscribe\" value=\"One-Click\""), r.body());
        assertTrue(r.body().contains("k***@example.net"), r.body());
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
        assertTrue(f.journal.suppressions().list().isEmpty(), "GET never changes state");
        assertEquals(0, f.journal.unsubscribes().count());
    }

    @Test
    void aForgedOrAlteredTokenGets400AndChangesNothing() throws Exception {
        String real = TestKeys.unsubscribeToken(f.run, 4);
        String forgedForNeighbour = f.run + "-5-" + real.substring(real.lastIndexOf('-') + 1);
        for (String bad : List.of(forgedForNeighbour, "nonsense", TestKeys.returnToken(f.run, 4),
                new org.listguard.compose.VerpToken(f.run, 4).legacyFormat())) {
            assertEquals(400, post(bad, ONE_CLICK).statusCode(), bad);
            assertEquals(400, get(url(bad)).statusCode(), bad);
        }
        assertTrue(f.journal.suppressions().list().isEmpty());
    }

    @Test
    void aValidTokenThisJournalDoesNotKnowGets404() throws Exception {
        assertEquals(404, post(TestKeys.unsubscribeToken("20200101-000000-gone", 1), ONE_CLICK).statusCode());
        assertTrue(f.journal.suppressions().list().isEmpty());
    }

    @Test
    void aPostWithoutTheOneClickBodyIsRefused() throws Exception {
        assertEquals(400, post(TestKeys.unsubscribeToken(f.run, 4), "").statusCode());
        assertTrue(f.journal.suppressions().list().isEmpty());
    }

    @Test
    void otherPathsAre404AndHealthzIsOk() throws Exception {
        String base = "http://127.0.0.1:" + server.address().getPort();
        assertEquals(404, get(URI.create(base + "/admin")).statusCode());
        assertEquals(404, get(URI.create(base + "/unsubscribe")).statusCode());
        HttpResponse<String> h = get(URI.create(base + "/healthz"));
        assertEquals(200, h.statusCode());
        assertEquals("ok\n", h.body());
    }

    @Test
    void theAuditsProbeSeesTheEndpointAnswer400ToAnInvalidToken() {
        var a = new org.listguard.deliver.HttpEndpointProbe().probe(url("listguard-audit-probe")).join();
        assertEquals(400, a.status());
        var none = new org.listguard.deliver.HttpEndpointProbe().probe(URI.create("http://127.0.0.1:1/unsubscribe?t=x")).join();
        assertEquals(org.listguard.audit.bulk.EndpointProbe.Answer.UNREACHABLE, none.status());
    }

    @Test
    void aClientOverTheRateGets429UntilTheBucketRefills() throws Exception {
        start(new RateLimiter(f.clock, 3, 6)); // 3 at once, one every 10 s
        String bad = "nonsense";
        for (int i = 0; i < 3; i++) assertEquals(400, post(bad, ONE_CLICK).statusCode());
        HttpResponse<String> limited = post(bad, ONE_CLICK);
        assertEquals(429, limited.statusCode());
        assertEquals("10", limited.headers().firstValue("Retry-After").orElse(""));
        assertEquals(429, post(TestKeys.unsubscribeToken(f.run, 4), ONE_CLICK).statusCode(), "even a good token waits");
        assertTrue(f.journal.suppressions().list().isEmpty());
        f.clock.advance(Duration.ofSeconds(10));
        assertEquals(200, post(TestKeys.unsubscribeToken(f.run, 4), ONE_CLICK).statusCode());
    }

    @Test
    void concurrentPostsUnsubscribeEachMemberExactlyOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                long seq = 1 + (i % 4); // four members, ten clicks each
                calls.add(() -> post(TestKeys.unsubscribeToken(f.run, seq), ONE_CLICK).statusCode());
            }
            for (Future<Integer> r : pool.invokeAll(calls)) assertEquals(200, r.get());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(4, f.journal.unsubscribes().count());
        assertEquals(4, f.journal.suppressions().list().size());
        assertFalse(f.journal.suppressions().find("kijitora@example.com").isPresent(), "member 5 was never asked about");
    }
}
