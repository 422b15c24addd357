package org.listguard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.listguard.audit.AuditContext;
import org.listguard.audit.Finding;
import org.listguard.audit.Status;
import org.listguard.audit.dnsbl.DnsblCheck;
import org.listguard.config.Config;
import org.listguard.config.ConfigLoader;
import org.listguard.dns.DnsClient;
import org.listguard.dns.DnsNames;
import org.listguard.dns.DnsjavaClient;
import org.listguard.testing.TestDnsServer;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;
import org.xbill.DNS.Zone;

/**
 * Printed figures, not a test: the parallel {@link DnsblCheck} (every query at once, health probes
 * included) against the same listing queries asked one after another, as rblcheck and check_rbl do.
 * 2 IPs (origin + one relay) × 15 zones, on a {@link TestDnsServer} that answers each query after
 * a fixed delay (default 50 ms). Run it with {@code scripts/bench-audit [delay-ms] [runs]}.
 */
public final class AuditBenchmark {
    static final int ZONES = 15;

    public static void main(String[] args) throws Exception {
        long delayMs = args.length > 0 ? Long.parseLong(args[0]) : 50;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        Path dir = Files.createTempDirectory("listguard-bench");
        try (TestDnsServer server = TestDnsServer.start(zones())) {
            server.delay(Duration.ofMillis(delayMs));
            Config config = config(dir, server.hostPort());
            DnsClient dns = DnsjavaClient.of(List.of(server.address()), Duration.ofSeconds(2));
            AuditContext ctx = new AuditContext(config, dns, null, Clock.systemUTC(), Map.of(), Optional.empty());
            List<Name> names = new ArrayList<>();
            for (String ip : List.of("203.0.113.10", "198.51.100.25")) {
                for (int i = 1; i <= ZONES; i++) names.add(DnsNames.reversed(org.xbill.DNS.Address.getByAddress(ip), zone(i)));
            }

            List<Finding> warm = new DnsblCheck().run(ctx).join();
            for (int w = 0; w < 10; w++) new DnsblCheck().run(ctx).join(); // JIT warm-up
            long passes = warm.stream().filter(f -> f.status() == Status.PASS).count();
            if (passes != 2L * ZONES) throw new IllegalStateException("expected " + 2 * ZONES + " passes, got " + warm);
            sequential(dns, names);

            List<Name> all = new ArrayList<>(names);
            for (int i = 1; i <= ZONES; i++) {
                all.add(DnsNames.reversed(org.xbill.DNS.Address.getByAddress("127.0.0.2"), zone(i)));
                all.add(DnsNames.reversed(org.xbill.DNS.Address.getByAddress("127.0.0.1"), zone(i)));
            }
            // Interleaved, so that both figures see the same machine load, in alternating order (neither always goes first).
            List<Double> par = new ArrayList<>();
            List<Double> raw = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            int parQueries = 0;
            for (int r = 0; r < runs; r++) {
                double floor = 0;
                if (r % 2 == 1) floor = allAtOnce(dns, all);
                int before = server.queryCount();
                long t0 = System.nanoTime();
                new DnsblCheck().run(ctx).join();
                double check = (System.nanoTime() - t0) / 1e6;
                parQueries = server.queryCount() - before;
                if (r % 2 == 0) floor = allAtOnce(dns, all);
                par.add(check);
                raw.add(floor);
                ratios.add(check / floor);
            }
            List<Double> seq = new ArrayList<>();
            for (int r = 0; r < Math.max(3, runs / 2); r++) seq.add(sequential(dns, names));

            System.out.printf("listguard audit benchmark: 2 IPs x %d zones, every DNS answer delayed %d ms%n", ZONES, delayMs);
            System.out.printf("  parallel DnsblCheck (%d queries incl. RFC 5782 health probes), median of %d: %.1f ms, min %.1f ms  (runs: %s)%n",
                    parQueries, par.size(), median(par), Collections.min(par), fmt(par));
            System.out.printf("  floor: the same %d queries fired at once with no check logic, median of %d: %.1f ms, min %.1f ms%n",
                    all.size(), raw.size(), median(raw), Collections.min(raw));
            System.out.printf("  ratio check/floor, median of the %d same-run pairs: %.2fx (goal <= 1.1x)%n", ratios.size(), median(ratios));
            System.out.printf("  sequential, one query after another like rblcheck (%d queries), median of %d: %.1f ms  (runs: %s)%n",
                    names.size(), seq.size(), median(seq), fmt(seq));
            System.out.printf("  target: parallel <= 1.5 x %d ms + a small constant; speed-up %.1fx%n", delayMs, median(seq) / median(par));
        }
    }

    /** The same queries fired at once with no check logic: the floor. */
    static double allAtOnce(DnsClient dns, List<Name> all) {
        long t0 = System.nanoTime();
        java.util.concurrent.CompletableFuture.allOf(all.stream().map(n -> dns.query(n, Type.A))
                .toArray(java.util.concurrent.CompletableFuture[]::new)).join();
        return (System.nanoTime() - t0) / 1e6;
    }

    static double sequential(DnsClient dns, List<Name> names) {
        long t0 = System.nanoTime();
        for (Name n : names) dns.query(n, Type.A).join();
        return (System.nanoTime() - t0) / 1e6;
    }

    static String zone(int i) {
        return "bench" + i + ".example";
    }

    /** 15 RFC 5782-conformant zones: 127.0.0.2 listed, nothing else. */
    static List<Zone> zones() throws IOException {
        List<Zone> out = new ArrayList<>();
        for (int i = 1; i <= ZONES; i++) {
            Name origin = DnsNames.name(zone(i));
            Name ns = DnsNames.name("ns." + zone(i));
            Record[] rs = {
                new SOARecord(origin, DClass.IN, 300, ns, DnsNames.name("hostmaster." + zone(i)), 1, 3600, 600, 86400, 60),
                new NSRecord(origin, DClass.IN, 300, ns),
                new ARecord(DnsNames.name("2.0.0.127." + zone(i)), DClass.IN, 300, org.xbill.DNS.Address.getByAddress("127.0.0.2")),
            };
            out.add(new Zone(origin, rs));
        }
        return out;
    }

    static Config config(Path dir, String hostPort) throws IOException {
        Files.writeString(dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----\n");
        StringBuilder cat = new StringBuilder("zones:\n");
        for (int i = 1; i <= ZONES; i++) {
            cat.append("  - { zone: ").append(zone(i)).append(", codes: {127.0.0.2: listed}, delist_url: \"https://")
                    .append(zone(i)).append("/\" }\n");
        }
        Files.writeString(dir.resolve("zones.yaml"), cat.toString());
        String yaml = """
                sender:
                  from: "Bench <news@example.org>"
                  return_path: bounces@example.org
                  origin_ip: 203.0.113.10
                relays:
                  - name: isp
                    host: smtp.isp.example
                    ips: [198.51.100.25]
                dkim: { domain: example.org, selector: news, private_key: DIR/key.pem }
                dns:
                  resolvers: [HOSTPORT]
                  timeout: 2s
                reputation:
                  catalog: DIR/zones.yaml
                  zones: default
                journal:
                  url: jdbc:sqlite:DIR/lg.db
                """.replace("DIR", dir.toString()).replace("HOSTPORT", hostPort);
        return new ConfigLoader().parse(dir.resolve("listguard.yaml"), yaml);
    }

    static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    static String fmt(List<Double> xs) {
        return xs.stream().map(x -> String.format("%.0f", x)).reduce((a, b) -> a + ", " + b).orElse("");
    }
}
