package org.listguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.report.Json;

/** The audit's bulk-sender section on the sandbox world (compliant) and on a deliberately non-compliant copy of it. */
class BulkSenderAuditTest {
    @TempDir
    Path dir;

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int run(String... args) {
        Environment env = new Environment(Clock.systemUTC(), Map.of(), new PrintWriter(out, true), new PrintWriter(err, true), false);
        return Main.run(env, args);
    }

    List<JsonNode> bulkFindings() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode f : Json.mapper().readTree(this.out.toString()).get("findings")) {
            if (f.get("check").asText().equals("bulk-sender")) out.add(f);
        }
        return out;
    }

    static JsonNode one(List<JsonNode> fs, String rule, String meaningStart) {
        return fs.stream().filter(f -> f.get("source").asText().equals(rule) && f.get("meaning").asText().startsWith(meaningStart))
                .findFirst().orElseThrow(() -> new AssertionError("no " + rule + " finding '" + meaningStart + "' in " + fs));
    }

    @Test
    void theSandboxWorldMeetsEveryProviderRuleAndEachFindingNamesItsRuleAndPage() throws Exception {
        assertEquals(0, run("audit", "--sandbox", "--journal", "jdbc:sqlite:" + dir.resolve("none.db"), "--campaign", "monthly",
                "--format", "json"), err.toString());
        List<JsonNode> fs = bulkFindings();
        assertEquals(15, fs.size(), fs.toString()); // no journal yet: nothing to say about complaints
        for (JsonNode f : fs) {
            assertEquals("pass", f.get("status").asText(), f.toString());
            assertTrue(f.get("source").asText().matches("(gmail|yahoo|microsoft)-(all|bulk)"), f.toString());
            assertTrue(f.get("url").asText().startsWith("https://"), f.toString());
        }
        assertEquals("12/day", one(fs, "gmail-bulk", "Gmail: 5,000").get("code").asText());
    }

    @Test
    void aNonCompliantWorldIsToldWhichRuleOfWhichProviderItBreaks() throws Exception {
        // the sandbox world without DMARC and with an SPF record that does not authorise the relay
        Path world = Files.createDirectories(dir.resolve("sandbox"));
        try (Stream<Path> zones = Files.list(Path.of("config/sandbox"))) {
            for (Path z : zones.toList()) Files.copy(z, world.resolve(z.getFileName()));
        }
        Path zone = world.resolve("example.org.zone");
        Files.writeString(zone, Files.readString(zone).replace("v=spf1 ip4:198.51.100.25 -all", "v=spf1 ip4:192.0.2.99 -all")
                .replaceAll("(?m)^_dmarc.*$", ""));
        // 6,000 members, and the one-click URL on this host with nothing listening
        StringBuilder list = new StringBuilder("email,first_name,last_name,member_since\n");
        for (int i = 0; i < 6000; i++) list.append("m").append(i).append("@example.net,M,N,2020\n");
        Path members = Files.writeString(dir.resolve("members.csv"), list.toString());
        String yaml = Files.readString(Path.of("config/listguard.yaml"));
        Path root = Path.of("").toAbsolutePath();
        yaml = org.listguard.testing.ExampleConfig.withAbsolutePaths(yaml.replace("../lists/members.csv", members.toString()))
                .replace("https://example.org/unsubscribe?t={token}", "https://127.0.0.1:1/unsubscribe?t={token}");
        Path cfg = Files.writeString(dir.resolve("listguard.yaml"), yaml);
        // and three members' own complaints (guard.corroborate=3) of ten in the campaign's last run (30 %)
        Path journalDir = Files.createDirectories(dir.resolve("journal"));
        try (org.listguard.feedback.ProcessFixture f = new org.listguard.feedback.ProcessFixture(journalDir, 10)) {
            for (long seq = 1; seq <= 3; seq++) f.processor().processMessage(seq + ".arf", f.ownComplaint(seq));
        }

        assertEquals(3, run("audit", "-c", cfg.toString(), "--sandbox", "--journal", "jdbc:sqlite:" + journalDir.resolve("journal.db"),
                "--campaign", "monthly", "--format", "json"), err.toString());
        List<JsonNode> fs = bulkFindings();
        for (String rule : List.of("gmail-bulk", "yahoo-bulk", "microsoft-bulk")) {
            assertEquals("fail", one(fs, rule, rule.startsWith("gmail") ? "Gmail (>= 5,000/day): SPF" : rule.startsWith("yahoo")
                    ? "Yahoo/AOL bulk senders: SPF" : "Outlook.com (> 5,000/day): SPF").get("status").asText(), rule);
        }
        JsonNode dmarc = one(fs, "microsoft-bulk", "Outlook.com (> 5,000/day): DMARC");
        assertEquals("fail", dmarc.get("status").asText());
        assertTrue(dmarc.get("url").asText().contains("techcommunity.microsoft.com"), dmarc.toString());
        JsonNode volume = one(fs, "gmail-bulk", "Gmail: 5,000");
        assertEquals("warn", volume.get("status").asText());
        assertEquals("6000/day", volume.get("code").asText());
        JsonNode endpoint = one(fs, "gmail-bulk", "Gmail (>= 5,000/day): unsubscribe requests honoured");
        assertEquals("warn", endpoint.get("status").asText());
        assertTrue(endpoint.get("detail").asText().contains("does not answer"), endpoint.toString());
        assertEquals("https://support.google.com/a/answer/14229414", endpoint.get("url").asText());
        JsonNode limit = one(fs, "yahoo-all", "Yahoo/AOL (all senders): spam rate");
        assertEquals("fail", limit.get("status").asText());
        assertEquals("30.00 %", limit.get("code").asText());
    }
}
