package org.listguard.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import org.listguard.config.Relay;
import org.listguard.deliver.AngusMailRelay;
import org.listguard.deliver.Envelope;
import org.listguard.deliver.RelaySession;
import org.listguard.deliver.SubmitResult;
import org.listguard.testing.LoopbackProxy;
import org.listguard.testing.SmtpSink;

/**
 * What a relay's distance costs one connection: messages of ~20 KB submitted one after another
 * over one connection to Postfix's smtp-sink behind a loopback proxy that delays every chunk by
 * half the round-trip time in each direction (a WAN link; {@link LoopbackProxy#delaying}), to a
 * sink that offers PIPELINING and to one that does not ({@code smtp-sink -p}); msgs/s, median of
 * the runs, next to the bound the round trips alone set (2 or 4 per message). Run with
 * {@code scripts/bench-relay-latency [rtt-ms (20)] [messages (300)] [runs (3)]}.
 */
public final class RelayLatencyBenchmark {
    public static void main(String[] args) throws Exception {
        int rttMs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int messages = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        System.out.printf(Locale.ROOT, "%d messages of ~20 KB over 1 connection, round trip %d ms (loopback proxy), median of %d (load average: %s)%n",
                messages, rttMs, runs, Files.readString(Path.of("/proc/loadavg")).trim());
        System.out.printf(Locale.ROOT, "%-26s %10s %24s%n", "relay", "msgs/s", "round-trip bound msgs/s");
        byte[] body = message();
        for (boolean pipelining : new boolean[] {true, false}) {
            double[] rates = new double[runs];
            for (int i = 0; i < runs; i++) rates[i] = run(pipelining, rttMs, messages, body);
            Arrays.sort(rates);
            double bound = 1000.0 / ((pipelining ? 2 : 4) * rttMs);
            System.out.printf(Locale.ROOT, "%-26s %10.1f %24.1f%n", pipelining ? "offers PIPELINING" : "no PIPELINING (smtp-sink -p)",
                    rates[runs / 2], bound);
        }
    }

    private static double run(boolean pipelining, int rttMs, int messages, byte[] body) throws Exception {
        SmtpSink.Options o = SmtpSink.options();
        if (!pipelining) o.add("-p");
        try (SmtpSink sink = SmtpSink.start(o);
             LoopbackProxy link = LoopbackProxy.delaying(sink.port(), Duration.ofNanos(rttMs * 1_000_000L / 2))) {
            Relay r = sink.relay();
            Relay far = new Relay(r.name(), r.host(), link.port(), r.tls(), null, null, null, Duration.ofSeconds(30), null);
            try (RelaySession s = new AngusMailRelay("bench.example.org").open(far, null)) {
                accept(s.submit(new Envelope("bounces@example.org", "warm@example.com"), body));   // connection set up, not timed
                long start = System.nanoTime();
                for (int i = 0; i < messages; i++) accept(s.submit(new Envelope("bounces+" + i + "@example.org", "m" + i + "@example.com"), body));
                return messages / ((System.nanoTime() - start) / 1e9);
            }
        }
    }

    private static void accept(SubmitResult r) {
        if (!r.accepted()) throw new IllegalStateException("not accepted: " + r);
    }

    private static byte[] message() {
        StringBuilder sb = new StringBuilder("From: News <news@example.org>\r\nTo: <member@example.com>\r\nSubject: Newsletter\r\n"
                + "Message-ID: <bench@example.org>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n");
        while (sb.length() < 20 * 1024) sb.append("The quick brown fox jumps over the lazy dog; the newsletter goes on.\r\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
