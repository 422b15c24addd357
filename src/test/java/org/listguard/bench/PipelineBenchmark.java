package org.listguard.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.listguard.compose.ComposedMessage;
import org.listguard.compose.Composer;
import org.listguard.compose.dkim.DkimSigner;
import org.listguard.compose.dkim.JdkimStreamSigning;
import org.listguard.config.Config;
import org.listguard.config.ConfigLoader;
import org.listguard.deliver.AngusMailRelay;
import org.listguard.deliver.SmtpRelayProbe;
import org.listguard.reply.ReplyClassifier;
import org.listguard.deliver.throttle.Sleeper;
import org.listguard.dns.ZoneAnswerer;
import org.listguard.dns.ZoneDnsClient;
import org.listguard.journal.Journal;
import org.listguard.list.Recipient;
import org.listguard.send.Operator;
import org.listguard.send.Progress;
import org.listguard.send.SendOptions;
import org.listguard.send.SendPipeline;
import org.listguard.send.SendOutcome;
import org.listguard.testing.SmtpSink;

/**
 * The whole send pipeline (journal, compose, DKIM, submit) to Postfix's smtp-sink, unthrottled:
 * msgs/s with 1 and 2 connections, DKIM off and on, next to {@code smtp-source} with the same
 * number of sessions and to the rate at which the machine signs the same messages with nothing
 * else to do (1 and 2 threads): "sign-only" with the signer listguard ships, "old-sign" with
 * jDKIM's own stream path (a MIME parse per message), which the signer used until issue 21 and
 * which the first figures were measured against. Median of N runs; the rate is taken from the
 * first to the last message (audit and plan excluded, reported separately). The last column is
 * listguard's share of smtp-source (DKIM off) or of sign-only / old-sign (DKIM on); "cpu ms/msg" is
 * the CPU time listguard's JVM spent per message over the same span, "sink ms/msg" smtp-sink's own.
 * "ceiling/s" (DKIM on) is what a pipeline that cost nothing but its signatures could reach here: all
 * cores busy either signing (sign-only's CPU per message) or in smtp-sink (its measured CPU per
 * message), so {@code cores / (connections / sign-only + sink)}. On a 2-core machine that shares
 * its cores with the peer, sign-only itself is out of reach for any pipeline.
 *
 * <p>Run with {@code scripts/bench-pipeline [messages] [runs] [connections:dkim]}; the third argument
 * (e.g. {@code 1:off}) measures that configuration only, for profiling. Needs Postfix (scripts/install-peers).
 */
public final class PipelineBenchmark {
    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String only = args.length > 2 ? args[2] : null; // e.g. "1:off": one configuration only (profiling)
        Path dir = Files.createTempDirectory("lg-bench");
        writeCampaign(dir, messages);
        System.out.printf(Locale.ROOT, "%d messages of ~%d KB, median of %d runs (load average at start: %s)%n", messages,
                Files.size(dir.resolve("news.txt")) / 1024, runs, Files.readString(Path.of("/proc/loadavg")).trim());
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "%-12s %-8s %12s %10s %10s %14s %12s %12s %10s  %s%n", "connections", "dkim", "listguard/s", "cpu ms/msg",
                "sink ms/msg", "smtp-source/s", "sign-only/s", "old-sign/s", "ceiling/s", "listguard share");
        for (int conns : new int[] {1, 2}) {
            if (only != null && !only.startsWith(conns + ":")) continue;
            boolean signing = only == null || only.endsWith(":on");
            double signOnly = signing ? median(runs, () -> signOnly(dir, conns, false)) : Double.NaN;
            double oldSign = signing ? median(runs, () -> signOnly(dir, conns, true)) : Double.NaN;
            for (boolean dkim : new boolean[] {false, true}) {
                if (only != null && !only.equals(conns + ":" + (dkim ? "on" : "off"))) continue;
                double[] ours = new double[runs];
                double[] cpu = new double[runs];
                double[] sinkCpu = new double[runs];
                double[] theirs = new double[runs];
                for (int i = 0; i < runs; i++) {
                    try (SmtpSink sink = SmtpSink.start()) {
                        double[] r = pipeline(dir, sink, conns, dkim, i);
                        ours[i] = r[0];
                        cpu[i] = r[1];
                        sinkCpu[i] = r[2];
                    }
                    try (SmtpSink sink = SmtpSink.start()) {
                        theirs[i] = SendBenchmark.smtpSource(sink, conns);
                    }
                }
                double rate = median(ours);
                double sinkMs = median(sinkCpu);
                // The most a pipeline could do on this machine if listguard cost nothing but the
                // signature: every core busy signing (sign-only's CPU per message) or in smtp-sink.
                double ceiling = dkim ? cores / (conns / signOnly + sinkMs / 1000) : Double.NaN;
                String share = dkim ? String.format(Locale.ROOT, "%.0f %% of sign-only, %.0f %% of old-sign, %.0f %% of the ceiling",
                        100 * rate / signOnly, 100 * rate / oldSign, 100 * rate / ceiling)
                        : String.format(Locale.ROOT, "%.0f %% of smtp-source", 100 * rate / median(theirs));
                System.out.printf(Locale.ROOT, "%-12d %-8s %12.0f %10.3f %10.3f %14.0f %12s %12s %10s  %s%n", conns, dkim ? "on" : "off", rate, median(cpu),
                        sinkMs, median(theirs), dkim ? String.format(Locale.ROOT, "%.0f", signOnly) : "-",
                        dkim ? String.format(Locale.ROOT, "%.0f", oldSign) : "-", dkim ? String.format(Locale.ROOT, "%.0f", ceiling) : "-", share);
            }
        }
    }

    interface Measure {
        double run() throws Exception;
    }

    static double median(int runs, Measure m) throws Exception {
        double[] v = new double[runs];
        for (int i = 0; i < runs; i++) v[i] = m.run();
        return median(v);
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    static void writeCampaign(Path dir, int n) throws Exception {
        StringBuilder csv = new StringBuilder("email,first_name\n");
        for (int i = 1; i <= n; i++) csv.append("member").append(i).append("@example.com,Member").append(i).append('\n');
        Files.writeString(dir.resolve("members.csv"), csv);
        StringBuilder body = new StringBuilder("Dear {{first_name}},\n\n");
        String para = "The garden club visits the botanical gardens on the 14th; the coach leaves the library car park at 9:15. ";
        while (body.length() < 20_000) body.append(para).append(body.length() % 7 == 0 ? "\n" : "");
        body.append("\nhttps://www.example.org/events\nUnsubscribe: {{unsubscribe_url}}\n");
        Files.writeString(dir.resolve("news.txt"), body);
        Files.writeString(dir.resolve("news.subject"), "News for {{first_name}}\n");
        Files.copy(Path.of("config/dkim/news.pem"), dir.resolve("news.pem"));
    }

    static Config config(Path dir, int port, int conns, boolean dkim, int run) throws Exception {
        String yaml = """
                sender:
                  from: "Retirees News <news@example.org>"
                  return_path: bounces@example.org
                  unsubscribe_url: "https://example.org/unsubscribe?t={token}"
                relays:
                  - { name: sink, host: 127.0.0.1, port: PORT, tls: none, ips: [198.51.100.25] }
                DKIM
                throttle: { batch_size: 1000, batch_pause: 0s, max_per_hour: 0, connections: CONNS }
                campaigns:
                  monthly: { list: DIR/members.csv, template: DIR/news }
                journal: { url: "jdbc:sqlite:DIR/journal-RUN.db" }
                """.replace("DKIM", dkim ? "dkim: { domain: example.org, selector: news, private_key: DIR/news.pem }" : "")
                .replace("PORT", Integer.toString(port)).replace("CONNS", Integer.toString(conns))
                .replace("RUN", conns + (dkim ? "-dkim-" : "-plain-") + run).replace("DIR", dir.toString());
        Path f = dir.resolve("bench.yaml");
        Files.writeString(f, yaml);
        return new ConfigLoader().load(f);
    }

    /**
     * Messages per second from the first accepted message to the last, and the CPU time this JVM
     * spent per message meanwhile (all its threads: compose, sign, SMTP client, journal, GC; not smtp-sink's).
     */
    static double[] pipeline(Path dir, SmtpSink sink, int conns, boolean dkim, int run) throws Exception {
        Config c = config(dir, sink.port(), conns, dkim, run);
        AtomicReference<Long> sinkFirst = new AtomicReference<>(0L);
        AtomicReference<Instant> first = new AtomicReference<>();
        AtomicReference<Instant> last = new AtomicReference<>();
        AtomicReference<Long> done = new AtomicReference<>(0L);
        AtomicReference<Long> cpuFirst = new AtomicReference<>(0L);
        AtomicReference<Long> cpuLast = new AtomicReference<>(0L);
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        Operator op = new Operator() {
            @Override public void say(String line) { }
            @Override public void warn(String line) { }
            @Override public boolean confirm(String plan) { return true; }
            @Override public void progress(Progress p) {
                long cpu = os.getProcessCpuTime();
                if (first.compareAndSet(null, Instant.now())) {
                    cpuFirst.set(cpu);
                    try {
                        sinkFirst.set(sink.cpuNanos());
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
                last.set(Instant.now());
                cpuLast.set(cpu);
                done.set(p.done());
            }
        };
        try (Journal j = Journal.open(c.journal().url(), Clock.systemUTC())) {
            // without DKIM the audit fails (no dkim), so these runs force the gate: what is measured is the sending
            SendPipeline p = new SendPipeline(new SendPipeline.Ports(c, new ZoneDnsClient(ZoneAnswerer.fromDirectory(Path.of("config/sandbox"))),
                    new SmtpRelayProbe(), new AngusMailRelay("bench.example.org"), j, ReplyClassifier.standard(), Clock.systemUTC(),
                    Sleeper.SYSTEM, Map.of(), op, org.listguard.mailbox.ImapSeedWatcher::open));
            SendOutcome r = p.send(SendOptions.builder("monthly").yes(true).force(true).allowUnknown(true).build());
            if (!(r instanceof SendOutcome.Completed)) throw new IllegalStateException(r.message());
        }
        long sinkLast = sink.cpuNanos();   // after the run: the sink has nothing left to do by then
        return new double[] {(done.get() - 1) / (Duration.between(first.get(), last.get()).toNanos() / 1e9),
                (cpuLast.get() - cpuFirst.get()) / 1e6 / (done.get() - 1), (sinkLast - sinkFirst.get()) / 1e6 / (done.get() - 1)};
    }

    /**
     * Signatures per second over the same composed messages, with {@code threads} threads and nothing
     * else running: with the shipped {@link DkimSigner}, or ({@code old}) jDKIM's stream path with the same template and key.
     */
    static double signOnly(Path dir, int threads, boolean old) throws Exception {
        Config c = config(dir, 25, 1, true, 0);
        Composer composer = new Composer(c, c.campaign("monthly"), Clock.systemUTC());
        List<byte[]> raw = new ArrayList<>();
        for (int i = 1; i <= 2000; i++) {
            ComposedMessage m = composer.compose("bench", i, new Recipient(i, "member" + i + "@example.com", Map.of("email",
                    "member" + i + "@example.com", "first_name", "Member" + i)));
            raw.add(m.raw());
        }
        DkimSigner signer = DkimSigner.of(c.dkimSettings().orElseThrow(), Clock.systemUTC());
        java.util.function.UnaryOperator<byte[]> sign = old ? m -> JdkimStreamSigning.sign(signer, m) : signer::sign;
        for (int i = 0; i < 200; i++) sign.apply(raw.get(i)); // warm-up
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int from = t;
            fs.add(pool.submit(() -> {
                for (int i = from; i < raw.size(); i += threads) sign.apply(raw.get(i));
            }));
        }
        for (Future<?> f : fs) f.get();
        double rate = raw.size() / ((System.nanoTime() - start) / 1e9);
        pool.shutdown();
        return rate;
    }
}
