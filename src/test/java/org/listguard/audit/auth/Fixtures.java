package org.listguard.audit.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.listguard.audit.AuditContext;
import org.listguard.audit.Finding;
import org.listguard.audit.Status;
import org.listguard.audit.relay.ProbeResult;
import org.listguard.audit.relay.RelayProbe;
import org.listguard.config.Campaign;
import org.listguard.config.Config;
import org.listguard.config.ConfigLoader;
import org.listguard.dns.DnsClient;

/** Configs, keys and contexts for the auth, relay and list check tests. */
public final class Fixtures {
    private Fixtures() {}

    public static final RelayProbe NO_PROBE = (relay, pw) ->
            CompletableFuture.completedFuture(ProbeResult.failed(ProbeResult.Step.PROTOCOL, "no probe in this test", null, "none"));

    /** A valid config; {@code relays} and {@code dkim} are YAML blocks (dkim may be empty). */
    public static Config config(Path dir, String from, String returnPath, String relays, String dkim) {
        try {
            Files.writeString(dir.resolve("members.csv"), "email,name\na@example.net,A\n");
            Files.writeString(dir.resolve("news.txt"), "Hello {{name}}\n");
            Files.writeString(dir.resolve("news.subject"), "News\n");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        String yaml = "sender:\n"
                + "  from: \"News <" + from + ">\"\n"
                + "  return_path: " + returnPath + "\n"
                + relays
                + dkim
                + "campaigns:\n"
                + "  monthly:\n"
                + "    list: DIR/members.csv\n"
                + "    template: DIR/news\n"
                + "journal:\n"
                + "  url: jdbc:sqlite:DIR/lg.db\n";
        return new ConfigLoader().parse(dir.resolve("listguard.yaml"), yaml.replace("DIR", dir.toString()));
    }

    /** One relay whose egress IP is 198.51.100.25. */
    public static final String RELAY = "relays:\n"
            + "  - name: isp\n"
            + "    host: smtp.isp.example\n"
            + "    ips: [198.51.100.25]\n";

    public static String dkim(String domain, String selector, Path key) {
        return "dkim: { domain: " + domain + ", selector: " + selector + ", private_key: " + key + " }\n";
    }

    public static AuditContext context(Config c, DnsClient dns) {
        return new AuditContext(c, dns, NO_PROBE, Clock.systemUTC(), Map.of(), Optional.empty());
    }

    public static AuditContext context(Config c, DnsClient dns, RelayProbe probe, Map<String, String> env, Campaign campaign) {
        return new AuditContext(c, dns, probe, Clock.systemUTC(), env, Optional.ofNullable(campaign));
    }

    public static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(bits);
            return g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the private key as PKCS#8 PEM. */
    public static Path writePkcs8(Path file, KeyPair kp) throws IOException {
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(kp.getPrivate().getEncoded());
        Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n" + b64 + "\n-----END PRIVATE KEY-----\n");
        return file;
    }

    public static List<Finding> run(org.listguard.audit.Check check, AuditContext ctx) {
        return check.run(ctx).orTimeout(20, java.util.concurrent.TimeUnit.SECONDS).join();
    }

    public static Finding only(List<Finding> fs) {
        if (fs.size() != 1) throw new AssertionError("expected one finding, got " + fs);
        return fs.get(0);
    }

    public static Status worst(List<Finding> fs) {
        return fs.stream().map(Finding::status).min(Enum::compareTo).orElseThrow();
    }
}
