package org.listguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.events.Journaled;
import org.listguard.journal.Journal;
import org.listguard.report.Json;

/** `send --sandbox` with seeds configured: the in-process relay delivers every seed, so the run completes offline. */
class SandboxSeedsTest {
    @TempDir
    Path dir;

    @Test
    void aSandboxRunWithSeedsFindsThemInTheSandboxRelayAndCompletes() throws Exception {
        Path root = Path.of("").toAbsolutePath();
        Files.createSymbolicLink(dir.resolve("sandbox"), root.resolve("config/sandbox"));
        String yaml = Files.readString(Path.of("config/listguard.yaml"));
        yaml = org.listguard.testing.ExampleConfig.withAbsolutePaths(yaml);
        yaml = yaml.replace("  # seeds: [seed-1@example.net]", "  seeds: [seed-1@example.net, seed-2@example.com]")
                .replace("  # seed_mailbox:", "  seed_mailbox:");
        Path cfg = dir.resolve("listguard.yaml");
        Files.writeString(cfg, yaml);
        String journal = "jdbc:sqlite:" + dir.resolve("j.db");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Environment env = new Environment(Clock.systemUTC(), Map.of(), new PrintWriter(out, true), new PrintWriter(err, true), false);

        int code = Main.run(env, "send", "--sandbox", "-c", cfg.toString(), "--campaign", "monthly", "--yes", "--journal", journal);
        assertEquals(0, code, out + " " + err);
        assertTrue(out.toString().contains("completed: 12 accepted"), "seeds are not counted as members: " + out);
        try (Journal j = Journal.open(journal, Clock.systemUTC())) {
            String run = j.runs().latest().orElseThrow().id();
            List<String> kinds = j.runEvents().list(run).stream().map(Journaled::kind).toList();
            assertEquals(2, kinds.stream().filter("seed_sent"::equals).count(), kinds.toString());
            assertEquals(2, kinds.stream().filter("seed_arrived"::equals).count(), kinds.toString());
            JsonNode total = Json.mapper().valueToTree(j.runs().status(run).orElseThrow());
            assertEquals(12, total.get("total").asInt());
        }
    }
}
