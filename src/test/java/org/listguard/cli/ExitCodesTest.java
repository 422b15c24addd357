package org.listguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.deliver.sandbox.SandboxSmtpServer;
import org.listguard.report.Json;
import org.listguard.testing.TestDnsServer;

/** The documented exit codes, through the real command line (cron and scripts rely on them). */
class ExitCodesTest {
    @TempDir
    Path dir;

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    Map<String, String> vars = Map.of();

    int run(String... args) {
        Environment env = new Environment(Clock.systemUTC(), vars, new PrintWriter(out, true), new PrintWriter(err, true), false);
        return Main.run(env, args);
    }

    /** The example config with paths made absolute, so the test does not depend on the working directory. */
    Path exampleConfig(String... replacements) throws Exception {
        String yaml = Files.readString(Path.of("config/listguard.yaml"));
        Path root = Path.of("").toAbsolutePath();
        yaml = org.listguard.testing.ExampleConfig.withAbsolutePaths(yaml);
        for (int i = 0; i < replacements.length; i += 2) yaml = yaml.replace(replacements[i], replacements[i + 1]);
        Path cfg = dir.resolve("listguard.yaml");
        Files.writeString(cfg, yaml);
        return cfg;
    }

    @Test
    void auditOfTheSandboxWorldIsGoAndJsonHasTheDesignShape() throws Exception {
        int code = run("audit", "--sandbox", "--campaign", "monthly", "--format", "json");
        assertEquals(0, code, err.toString());
        JsonNode j = Json.mapper().readTree(out.toString());
        assertEquals("go", j.get("verdict").asText());
        assertTrue(j.get("checked_at").asText().endsWith("Z"));
        JsonNode f = j.get("findings").get(0);
        for (String key : new String[] {"check", "target", "role", "status"}) assertTrue(f.has(key), key + " in " + f);
    }

    @Test
    void aListedRelayIsNoGoWithExitThree() throws Exception {
        try (TestDnsServer dns = TestDnsServer.start(Path.of("config/sandbox"))) {
            // 127.0.0.2 is listed on every list (RFC 5782 test address): a relay egressing from it is no-go.
            Path cfg = exampleConfig("ips: [198.51.100.25]", "ips: [127.0.0.2]", "host: smtp.isp.example", "host: 127.0.0.1",
                    "port: 587", "port: 9", "tls: starttls", "tls: none");
            int code = run("audit", "-c", cfg.toString(), "--dns", dns.hostPort());
            assertEquals(3, code, out.toString());
            assertTrue(out.toString().startsWith("Verdict: NO-GO"), out.toString());
        }
    }

    @Test
    void aDeadResolverIsUnknownWithExitFourNeverGo() throws Exception {
        try (TestDnsServer dns = TestDnsServer.start(Path.of("config/sandbox"));
             SandboxSmtpServer relay = SandboxSmtpServer.start(dir.resolve("relay"), Clock.systemUTC())) {
            dns.drop(".");
            Path cfg = exampleConfig("timeout: 2s", "timeout: 200ms", "host: smtp.isp.example", "host: 127.0.0.1",
                    "port: 587", "port: " + relay.port(), "tls: starttls", "tls: none");
            vars = Map.of("LISTGUARD_SMTP_PASSWORD", "secret");
            int code = run("audit", "-c", cfg.toString(), "--dns", dns.hostPort(), "--format", "json");
            JsonNode j = Json.mapper().readTree(out.toString());
            assertEquals(4, code, "the relay answers, DNS does not: unknown; " + out);
            assertEquals("unknown", j.get("verdict").asText());
            for (JsonNode f : j.get("findings")) {
                if (f.get("check").asText().matches("dnsbl|spf|dkim|dmarc|mx|rdns|fcrdns")) {
                    assertTrue(!f.get("status").asText().equals("pass"), "nothing passes without DNS: " + f);
                }
            }
        }
    }

    @Test
    void aBadConfigIsExitTwoNamingFileLineAndKey() throws Exception {
        Path cfg = exampleConfig("port: 587", "port: 70000");
        int code = run("audit", "-c", cfg.toString());
        assertEquals(2, code);
        assertTrue(err.toString().contains("listguard.yaml:24: relays[0].port: port 70000 is not in 1-65535"), err.toString());
    }

    @Test
    void unknownOptionIsExitTwo() {
        assertEquals(2, run("audit", "--no-such-option"));
        assertEquals(2, run("send"));
    }

    @Test
    void sendWithoutATerminalNeedsYesAndSendsNothing() throws Exception {
        int code = run("send", "--sandbox", "--campaign", "monthly", "--journal", "jdbc:sqlite:" + dir.resolve("j.db"));
        assertEquals(2, code);
        assertTrue(err.toString().contains("--yes"), err.toString());
        assertTrue(!Files.exists(dir.resolve("j.db")), "nothing was journaled");
    }

    @Test
    void theSandboxQuickStartSendsTheExampleCampaign() throws Exception {
        int code = run("send", "--sandbox", "--campaign", "monthly", "--yes", "--journal", "jdbc:sqlite:" + dir.resolve("j.db"));
        assertEquals(0, code, err.toString());
        assertTrue(out.toString().contains("completed: 12 accepted"), out.toString());
        assertEquals(0, run("status", "--journal", "jdbc:sqlite:" + dir.resolve("j.db"), "--format", "json"));
    }
}
