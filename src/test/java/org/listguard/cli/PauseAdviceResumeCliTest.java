package org.listguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.deliver.sandbox.SandboxScript.Command;
import org.listguard.deliver.sandbox.SandboxSmtpServer;
import org.listguard.report.Json;
import org.listguard.testing.MutableClock;
import org.listguard.testing.TestDnsServer;

/**
 * The whole story through the real command line: `send` meets a Cisco-style block and exits 75,
 * `status` says why and what to do, and `send` again re-runs the gate and finishes the same run
 * with nobody sent to twice. DNS is the sandbox world on a real loopback DNS server; the relay is
 * a scripted {@link SandboxSmtpServer}.
 */
class PauseAdviceResumeCliTest {
    static final String CISCO = "554 Your access to this mail system has been rejected due to the sending MTA's poor reputation.";

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock();
    StringWriter out;
    StringWriter err;

    int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        Environment env = new Environment(clock, Map.of("LISTGUARD_SMTP_PASSWORD", "secret"), new PrintWriter(out, true),
                new PrintWriter(err, true), false);
        return Main.run(env, args);
    }

    Path config(int relayPort) throws Exception {
        String yaml = Files.readString(Path.of("config/listguard.yaml"));
        Path root = Path.of("").toAbsolutePath();
        yaml = org.listguard.testing.ExampleConfig.withAbsolutePaths(yaml);
        yaml = yaml.replace("host: smtp.isp.example", "host: 127.0.0.1").replace("port: 587", "port: " + relayPort)
                .replace("tls: starttls", "tls: none").replace("batch_pause: 60s", "batch_pause: 0s")
                .replace("max_per_hour: 1000", "max_per_hour: 0")
                .replace("jdbc:sqlite:data/listguard.db", "jdbc:sqlite:" + dir.resolve("journal.db"));
        Path cfg = dir.resolve("listguard.yaml");
        Files.writeString(cfg, yaml);
        return cfg;
    }

    @Test
    void sendPausesStatusSaysWhatToDoAndSendAgainResumesWithoutDuplicates() throws Exception {
        try (TestDnsServer dns = TestDnsServer.start(Path.of("config/sandbox"));
             SandboxSmtpServer relay = SandboxSmtpServer.start(dir.resolve("relay"), clock)) {
            relay.script().replyAfter(3, Command.RCPT, "*", CISCO);
            Path cfg = config(relay.port());

            assertEquals(75, run("send", "-c", cfg.toString(), "--dns", dns.hostPort(), "--campaign", "monthly", "--yes"), out + " " + err);
            assertTrue(out.toString().contains("paused"), out.toString());

            assertEquals(0, run("status", "-c", cfg.toString()), err.toString());
            String text = out.toString();
            assertTrue(text.contains("\"" + CISCO + "\""), "the exact reply to quote: " + text);
            assertTrue(text.contains("talosintelligence.com/reputation_center/lookup?search=198.51.100.25"), text);
            assertTrue(text.contains("listguard send -c " + cfg + " --campaign monthly --yes"), "runnable as printed: " + text);

            assertEquals(0, run("status", "-c", cfg.toString(), "--format", "json"), err.toString());
            JsonNode s = Json.mapper().readTree(out.toString());
            assertEquals("paused", s.get("state").asText());
            assertEquals(3, s.get("counts").get("accepted").asInt());
            List<String> ids = new java.util.ArrayList<>();
            s.get("advice").forEach(a -> ids.add(a.get("id").asText()));
            assertEquals(List.of("cisco-talos", "resume"), ids);

            relay.script().clear();
            clock.advance(Duration.ofMinutes(2)); // the blocked member's retry is due
            assertEquals(0, run("send", "-c", cfg.toString(), "--dns", dns.hostPort(), "--campaign", "monthly", "--yes"), out + " " + err);
            assertTrue(out.toString().contains("completed: 12 accepted"), out.toString());

            assertEquals(0, run("status", "-c", cfg.toString(), "--format", "json"));
            JsonNode done = Json.mapper().readTree(out.toString());
            assertEquals(s.get("run").asText(), done.get("run").asText(), "the same run was resumed");
            assertTrue(done.get("advice").isEmpty());
            List<String> to = new java.util.ArrayList<>();
            for (Path m : relay.messages()) {
                Files.readAllLines(m).stream().filter(l -> l.startsWith("X-Envelope-To: ")).findFirst().ifPresent(to::add);
            }
            assertEquals(12, to.size());
            assertEquals(12, new HashSet<>(to).size(), "nobody got it twice");
        }
    }
}
