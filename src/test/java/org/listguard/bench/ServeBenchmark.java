package org.listguard.bench;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.listguard.journal.Journal;
import org.listguard.journal.Outcome;
import org.listguard.list.Recipient;
import org.listguard.testing.TestKeys;
import org.listguard.unsubscribe.ClickDesk;
import org.listguard.unsubscribe.RateLimiter;
import org.listguard.unsubscribe.UnsubscribeUrl;
import org.listguard.unsubscribe.Unsubscriber;
import org.listguard.unsubscribe.http.OneClickServer;
import org.listguard.unsubscribe.http.ServeLimits;

/**
 * The one-click endpoint's throughput (scripts/bench-serve): {@code CLIENTS} concurrent clients
 * POST one-clicks, each for a member not yet unsubscribed (the write path: unsubscribes,
 * suppressions, the recipient's later action, one transaction), against a SQLite and a PostgreSQL
 * journal; then the same clients GET /healthz on the same server (no journal: the server's own
 * ceiling). Requests per second and p50/p99 latency as the client sees them. The serve limits
 * are the defaults; only the per-client rate limit is lifted (every client here is 127.0.0.1).
 * Args: [pgUrl|-] [posts per engine] [clients].
 */
public final class ServeBenchmark {
    public static void main(String[] args) throws Exception {
        String pg = args.length > 0 && !args[0].equals("-") ? args[0] : null;
        int posts = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        Path dir = Files.createTempDirectory("lg-bench-serve");
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "serve benchmark: %d one-click POSTs (distinct members) per journal, %d concurrent clients, loopback",
                posts, clients));
        out.add(String.format(Locale.ROOT, "%-32s %10s %9s %9s %9s", "", "req/s", "p50 ms", "p99 ms", "errors"));
        out.addAll(engine("SQLite (WAL)", "jdbc:sqlite:" + dir.resolve("bench.db"), posts, clients));
        if (pg != null) {
            out.addAll(engine("PostgreSQL", pg, posts, clients));
        } else {
            out.add("PostgreSQL: skipped (no URL; scripts/bench-serve starts a private cluster)");
        }
        for (String l : out) System.out.println(l);
        Files.write(Path.of("target/bench-serve.txt"), out);
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
        System.exit(0); // the HTTP clients' executors are not daemons
    }

    static List<String> engine(String name, String url, int posts, int clients) throws Exception {
        try (Journal j = Journal.open(url, Clock.systemUTC())) {
            String run = j.runs().create("bench", null, false).id();
            List<Recipient> rs = new ArrayList<>();
            int members = posts + 1_000;
            for (int i = 1; i <= members; i++) rs.add(new Recipient(i + 1, "m" + i + "@example.net", java.util.Map.of("email", "m" + i + "@example.net")));
            j.addRecipients(run, rs.iterator());
            for (long seq = 1; seq <= members; seq++) {
                j.markSending(run, seq, "<" + run + "." + seq + "@example.org>");
                j.recordOutcome(run, seq, Outcome.accepted(250, "2.0.0", "250 ok", "isp", "Q", null));
            }
            ServeLimits limits = ServeLimits.DEFAULT;
            ClickDesk desk = new ClickDesk(new Unsubscriber(j, TestKeys.TOKENS, Clock.systemUTC()), limits.journalWait(), 4 * limits.threads());
            try (OneClickServer s = OneClickServer.start(new InetSocketAddress("127.0.0.1", 0), UnsubscribeUrl.DEFAULT, desk,
                    new RateLimiter(Clock.systemUTC(), 1_000_000, 1_000_000), List.of(), limits)) {
                String base = "http://127.0.0.1:" + s.address().getPort();
                HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4)).build();
                HttpRequest health = HttpRequest.newBuilder(URI.create(base + "/healthz")).timeout(Duration.ofSeconds(30)).build();
                IntFunction<HttpRequest> post = i -> HttpRequest.newBuilder(URI.create(base + "/unsubscribe?t=" + TestKeys.unsubscribeToken(run, i)))
                        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build();
                measure(http, i -> health, 2_000, clients);                                  // warm-up (JIT, connections)
                measure(http, i -> post.apply(posts + 1 + i % 1_000), 500, clients);            // warm-up on members not counted below
                String p = line(name + " one-click POST", measure(http, i -> post.apply(1 + i), posts, clients));
                String h = line(name + " /healthz (ceiling)", measure(http, i -> health, Math.max(posts, 10_000), clients));
                long recorded = j.unsubscribes().count();
                http.executor().ifPresent(e -> ((ExecutorService) e).shutdown());
                return List.of(p, h, String.format(Locale.ROOT, "%-32s %d unsubscribes recorded (expected %d)", "", recorded, posts + 500));
            }
        }
    }

    record Result(double perSecond, double p50, double p99, int errors) {}

    static Result measure(HttpClient http, IntFunction<HttpRequest> request, int n, int clients) throws Exception {
        long[] latency = new long[n];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long t0 = System.nanoTime();
        List<Future<?>> fs = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            fs.add(pool.submit(() -> {
                for (int i; (i = next.getAndIncrement()) < n; ) {
                    long s = System.nanoTime();
                    try {
                        if (http.send(request.apply(i), HttpResponse.BodyHandlers.discarding()).statusCode() != 200) errors.incrementAndGet();
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    latency[i] = System.nanoTime() - s;
                }
                return null;
            }));
        }
        for (Future<?> f : fs) f.get();
        long elapsed = System.nanoTime() - t0;
        pool.shutdown();
        Arrays.sort(latency);
        return new Result(n / (elapsed / 1e9), latency[n / 2] / 1e6, latency[Math.min(n - 1, (int) Math.ceil(n * 0.99) - 1)] / 1e6, errors.get());
    }

    static String line(String what, Result r) {
        return String.format(Locale.ROOT, "%-32s %10.0f %9.1f %9.1f %9d", what, r.perSecond(), r.p50(), r.p99(), r.errors());
    }
}
