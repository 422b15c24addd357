package org.listguard.audit.dnsbl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.listguard.audit.AuditContext;
import org.listguard.audit.Check;
import org.listguard.audit.Finding;
import org.listguard.config.Config;
import org.listguard.config.ConfigLoader;
import org.listguard.dns.DnsjavaClient;
import org.listguard.testing.TestDnsServer;

/**
 * The reputation tests' world: a real-socket {@link TestDnsServer} serving
 * {@code src/test/resources/dns/reputation/*.zone}, and a valid config written into a temp dir
 * whose origin, relay IPs and {@code reputation:} block each test chooses.
 */
public final class ReputationWorld implements AutoCloseable {
    public static final Path ZONES = Path.of("src/test/resources/dns/reputation");

    public final TestDnsServer dns;
    private final Path dir;

    public ReputationWorld(Path dir) {
        this.dir = dir;
        try {
            this.dns = TestDnsServer.start(ZONES);
            Files.writeString(dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----\n");
            Files.writeString(dir.resolve("members.csv"), "email,name\na@example.net,A\n");
            Files.writeString(dir.resolve("news.txt"), "Hello {{name}}\n");
            Files.writeString(dir.resolve("news.subject"), "News\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path dir() { return dir; }

    /**
     * @param origin     sender.origin_ip, or null for none
     * @param relayLine  the relay's {@code ips:} or {@code host:} line, e.g. {@code ips: [192.0.2.2]}
     * @param reputation the body of {@code reputation:}, indented two spaces
     */
    public Config config(String origin, String relayLine, String reputation) {
        String yaml = """
                sender:
                  from: "Retirees News <news@example.org>"
                  return_path: bounces@example.org
                ORIGIN
                relays:
                  - name: isp
                    host: smtp.isp.example
                    port: 587
                    auth: { username: list@example.org, password_env: LISTGUARD_SMTP_PASSWORD }
                    RELAY
                dkim: { domain: example.org, selector: news, private_key: DIR/key.pem }
                dns:
                  resolvers: [HOSTPORT]
                  timeout: 300ms
                reputation:
                REPUTATION
                campaigns:
                  monthly:
                    list: DIR/members.csv
                    template: DIR/news
                journal:
                  url: jdbc:sqlite:DIR/lg.db
                """.replace("ORIGIN", origin == null ? "" : "  origin_ip: " + origin)
                .replace("RELAY", relayLine).replace("REPUTATION", reputation)
                .replace("HOSTPORT", dns.hostPort()).replace("DIR", dir.toString());
        return new ConfigLoader().parse(dir.resolve("listguard.yaml"), yaml);
    }

    public AuditContext context(Config c) {
        return context(c, Map.of());
    }

    public AuditContext context(Config c, Map<String, String> env) {
        return new AuditContext(c, DnsjavaClient.of(List.of(dns.address()), Duration.ofMillis(300)), null,
                Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC), env,
                Optional.of(c.campaign("monthly")));
    }

    public static List<Finding> run(Check check, AuditContext ctx) {
        try {
            return check.run(ctx).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the check did not finish: " + e, e);
        }
    }

    public static Finding only(List<Finding> fs, Predicate<Finding> p) {
        List<Finding> m = fs.stream().filter(p).toList();
        if (m.size() != 1) throw new AssertionError("expected one matching finding, got " + m.size() + " in " + fs);
        return m.get(0);
    }

    @Override
    public void close() {
        dns.close();
    }
}
