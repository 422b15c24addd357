package org.listguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.journal.Journal;
import org.listguard.journal.Run;

class StatusCommandTest {
    @TempDir
    Path dir;

    @Test
    void statusJsonHasExactlyTheDesignShape() throws Exception {
        JournalCliFixture f = new JournalCliFixture(dir);
        Run run = f.pausedRun();
        assertEquals(0, f.run("status", "--journal", f.url, "--format", "json"), f.err.toString());
        JsonNode n = new ObjectMapper().readTree(f.out.toString());
        assertEquals(List.of("run", "campaign", "state", "pause_reason", "total", "counts", "actions"), names(n).subList(0, 7),
                "DESIGN's fields first, unchanged");
        assertEquals(List.of("advice"), names(n).subList(7, names(n).size()), "the only extra field");
        assertEquals(run.id(), n.get("run").asText());
        assertEquals("monthly", n.get("campaign").asText());
        assertEquals("paused", n.get("state").asText());
        assertEquals("reputation: relay reply", n.get("pause_reason").asText());
        assertEquals(4, n.get("total").asInt());
        assertEquals(List.of("accepted", "deferred", "rejected", "skipped", "unknown", "blocked", "unconfirmed", "pending"), names(n.get("counts")));
        assertEquals(1, n.get("counts").get("accepted").asInt());
        assertEquals(1, n.get("counts").get("rejected").asInt());
        assertEquals(1, n.get("counts").get("pending").asInt());
        assertEquals(1, n.get("actions").get("reputation").asInt());
        assertEquals(1, n.get("actions").get("throttle").asInt());
        assertEquals(0, n.get("actions").get("hard").asInt());
    }

    @Test
    void pauseReasonIsNullNotMissingWhenNotPaused() throws Exception {
        JournalCliFixture f = new JournalCliFixture(dir);
        try (Journal j = Journal.open(f.url, f.clock)) {
            j.runs().create("monthly", null, false);
        }
        assertEquals(0, f.run("status", "--journal", f.url, "--format", "json"));
        JsonNode n = new ObjectMapper().readTree(f.out.toString());
        assertTrue(n.has("pause_reason") && n.get("pause_reason").isNull(), f.out.toString());
    }

    @Test
    void statusTextShowsStatePauseReasonAndCounts() {
        JournalCliFixture f = new JournalCliFixture(dir);
        Run run = f.pausedRun();
        assertEquals(0, f.run("status", run.id(), "--journal", f.url));
        String text = f.out.toString();
        assertTrue(text.contains("State: paused — reputation: relay reply"), text);
        assertTrue(text.matches("(?s).*rejected\\s+1\\n.*"), text);
        assertTrue(text.matches("(?s).*reputation\\s+1\\n.*"), text);
    }

    @Test
    void emptyJournalExitsTwoWithAClearMessage() {
        JournalCliFixture f = new JournalCliFixture(dir);
        Journal.open(f.url, f.clock).close();
        assertEquals(2, f.run("status", "--journal", f.url));
        assertTrue(f.err.toString().contains("the journal has no runs yet"), f.err.toString());
    }

    @Test
    void missingJournalFileExitsTwoWithoutCreatingIt() {
        JournalCliFixture f = new JournalCliFixture(dir);
        assertEquals(2, f.run("status", "--journal", f.url));
        assertTrue(f.err.toString().contains("no journal here"), f.err.toString());
        assertTrue(!dir.resolve("data").toFile().exists());
    }

    @Test
    void unknownRunExitsTwo() {
        JournalCliFixture f = new JournalCliFixture(dir);
        f.pausedRun();
        assertEquals(2, f.run("status", "20990101-000000-nope", "--journal", f.url));
        assertTrue(f.err.toString().contains("no run '20990101-000000-nope'"), f.err.toString());
    }

    @Test
    void journalUrlComesFromTheConfigWhenNoOptionIsGiven() throws Exception {
        JournalCliFixture f = new JournalCliFixture(dir);
        f.pausedRun();
        Path config = dir.resolve("listguard.yaml");
        java.nio.file.Files.writeString(config, minimalConfig(f.url));
        int code = f.run("status", "-c", config.toString(), "--format", "json");
        assertEquals(0, code, f.err.toString());
        assertTrue(f.out.toString().contains("\"campaign\" : \"monthly\""), f.out.toString());
    }

    static String minimalConfig(String url) {
        return """
                sender:
                  from: "News <news@example.org>"
                  return_path: bounces@example.org
                relays:
                  - name: isp
                    host: 127.0.0.1
                    port: 2525
                    tls: none
                campaigns: {}
                journal:
                  url: "%s"
                """.formatted(url);
    }

    private static List<String> names(JsonNode n) {
        List<String> l = new ArrayList<>();
        n.fieldNames().forEachRemaining(l::add);
        return l;
    }
}
