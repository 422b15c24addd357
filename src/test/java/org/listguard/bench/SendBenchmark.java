package org.listguard.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.listguard.config.Throttle;
import org.listguard.deliver.AngusMailRelay;
import org.listguard.deliver.Envelope;
import org.listguard.deliver.MailRelay;
import org.listguard.deliver.Outcome;
import org.listguard.deliver.RelaySession;
import org.listguard.deliver.SubmitResult;
import org.listguard.deliver.throttle.SendThrottle;
import org.listguard.deliver.throttle.Sleeper;
import org.listguard.testing.SmtpSink;

/**
 * Send throughput: {@value #MESSAGES} messages of ~20 KB to smtp-sink, unthrottled, with 1 and 2
 * connections (one worker per RelaySession sharing one SendThrottle, as the pipeline runs them),
 * next to Postfix's C load generator {@code smtp-source -d -s N -m 10000 -l 20480}; median of 3.
 * Run with scripts/bench-send; writes target/bench-send.txt. An optional signer
 * ({@link #signer}) is applied to every message inside the timed loop (DKIM on/off comparisons).
 */
@EnabledIfSystemProperty(named = "bench.send", matches = "true")
class SendBenchmark {
    static final int MESSAGES = Integer.getInteger("bench.messages", 10_000);
    static final int SIZE = 20 * 1024;
    static final int RUNS = 3;

    /** Set by the integration (e.g. a jDKIM signer); identity when absent. */
    static Function<byte[], byte[]> signer = Function.identity();

    @Test
    void sendThroughput() throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "send benchmark: %d messages of %d bytes to smtp-sink, unthrottled, median of %d (msgs/s)", MESSAGES, SIZE, RUNS));
        lines.add(String.format(Locale.ROOT, "%-9s %-38s %-38s", "sessions", "listguard (Angus, TCP_NODELAY)", "smtp-source -d"));
        byte[][] messages = messages();
        try (SmtpSink sink = SmtpSink.start()) {
            run(sink, messages, 1, Math.min(MESSAGES, 1000));                 // JIT warm-up, not counted
            for (int sessions : new int[] {1, 2}) {
                double[] ours = new double[RUNS];
                double[] theirs = new double[RUNS];
                for (int i = 0; i < RUNS; i++) {
                    ours[i] = run(sink, messages, sessions, MESSAGES);
                    theirs[i] = smtpSource(sink, sessions);
                }
                lines.add(String.format(Locale.ROOT, "%-9d %-38s %-38s", sessions, summary(ours), summary(theirs)));
            }
        }
        Path out = Path.of("target", "bench-send.txt");
        Files.write(out, lines, StandardCharsets.UTF_8);
        PrintStream console = System.out;
        lines.forEach(console::println);
    }

    /** msgs/s for {@code count} messages over {@code sessions} parallel sessions. */
    private static double run(SmtpSink sink, byte[][] messages, int sessions, int count) throws Exception {
        MailRelay relays = new AngusMailRelay("bench.example.org");
        SendThrottle throttle = new SendThrottle(new Throttle(Integer.MAX_VALUE, Duration.ZERO, 0, sessions, null), Clock.systemUTC(), Sleeper.SYSTEM);
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(sessions);
        long start = System.nanoTime();
        List<Future<Integer>> workers = new ArrayList<>();
        for (int w = 0; w < sessions; w++) {
            workers.add(pool.submit(() -> {
                int accepted = 0;
                try (RelaySession s = relays.open(sink.relay(), null)) {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        String to = "member" + i + "@example.com";
                        throttle.acquire("example.com");
                        SubmitResult r = s.submit(new Envelope("bounces+" + i + "@example.org", to), signer.apply(messages[i % messages.length]));
                        if (r.outcome() == Outcome.ACCEPTED) accepted++;
                    }
                }
                return accepted;
            }));
        }
        int accepted = 0;
        for (Future<Integer> f : workers) accepted += f.get();
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        assertEquals(count, accepted, "every message accepted");
        return count / seconds;
    }

    static double smtpSource(SmtpSink sink, int sessions) throws IOException, InterruptedException {
        Path bin = Path.of("/usr/sbin/smtp-source");
        if (!Files.isExecutable(bin)) return Double.NaN;
        List<String> cmd = List.of(bin.toString(), "-d", "-s", Integer.toString(sessions), "-m", Integer.toString(MESSAGES),
                "-l", Integer.toString(SIZE), "-f", "bounces@example.org", "-t", "member@example.com", "127.0.0.1:" + sink.port());
        long start = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) throw new IOException("smtp-source failed: " + cmd);
        return MESSAGES / ((System.nanoTime() - start) / 1e9);
    }

    private static byte[][] messages() {
        byte[][] m = new byte[100][];
        for (int i = 0; i < m.length; i++) {
            StringBuilder sb = new StringBuilder()
                    .append("From: News <news@example.org>\r\nTo: <member").append(i).append("@example.com>\r\n")
                    .append("Subject: Newsletter\r\nMessage-ID: <bench.").append(i).append("@example.org>\r\n")
                    .append("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n");
            while (sb.length() < SIZE) sb.append("The quick brown fox jumps over the lazy dog; the newsletter goes on.\r\n");
            m[i] = sb.toString().getBytes(StandardCharsets.UTF_8);
        }
        return m;
    }

    private static String summary(double[] runs) {
        double[] s = runs.clone();
        java.util.Arrays.sort(s);
        StringBuilder all = new StringBuilder();
        for (double r : runs) all.append(all.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.0f", r));
        return String.format(Locale.ROOT, "%.0f (%s)", s[s.length / 2], all);
    }
}
