package org.listguard.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.events.EvidenceJson;
import org.listguard.events.RunRecord;
import org.listguard.guard.Evidence;
import org.listguard.journal.Journal;
import org.listguard.journal.JournalFixtures;
import org.listguard.journal.Run;
import org.listguard.journal.RunState;
import org.listguard.reply.Action;

/** The evidence packet says which source each journaled decision came from (RunRecord.provenance). */
class ReportProvenanceTest {
    @TempDir
    Path dir;

    static final Evidence DSN = new Evidence(Instant.parse("2026-11-01T09:00:01Z"), "reputation", "isp", "example.net", 554, "5.7.1",
            "554 5.7.1 poor reputation", "dsn");

    @Test
    void eachEventNamesWhoSaidIt() throws Exception {
        JournalFixtures.MutableClock clock = new JournalFixtures.MutableClock(Instant.parse("2026-11-01T09:00:00Z"));
        try (Journal j = Journal.open(JournalFixtures.sqliteUrl(dir), clock)) {
            Run run = j.runs().create("monthly", null, false);
            List<RunRecord> course = List.of(
                    new RunRecord.Bounce(Action.COMPLAINT, "abuse", "m@example.net", null, null, null, null, "arf", "r1", "imap", run.id(), 1,
                            "feedback-loop:yahoo", "2026-11-01T09:00:00Z", null, null),
                    new RunRecord.Bounce(Action.HARD, "user unknown", "n@example.net", "5.1.1", 550, "550 5.1.1 no", "mx", "dsn", "r2", "imap",
                            run.id(), 2, "token", "2026-11-01T09:00:00Z", "mx", null),
                    new RunRecord.ProviderSuspended("example.net", "refuses", List.of(DSN), false),
                    new RunRecord.SeedOverdue("silent discard suspected", List.of(DSN)));
            for (RunRecord r : course) {
                j.runEvents().append(run.id(), r);
                clock.advance(Duration.ofSeconds(1));
            }
            j.runs().setState(run.id(), RunState.PAUSED, "silent discard suspected", EvidenceJson.text(List.of(DSN)));
            Run paused = j.runs().get(run.id()).orElseThrow();

            StringWriter html = new StringWriter();
            RunHtml.write(RunData.of(j, paused), html);
            String h = html.toString();
            for (String said : List.of("a proven feedback loop", "one member&#39;s report", "the guard, over several reports", "our seed")) {
                assertTrue(h.contains("<td class=\"from\">" + said), said + " in " + h.substring(h.indexOf("id=\"events\"")));
            }

            StringWriter json = new StringWriter();
            RunJson.write(RunData.of(j, paused), json);
            JsonNode report = Json.mapper().readTree(json.toString());
            Map<String, String> by = new HashMap<>();
            for (JsonNode e : report.get("events")) by.put(e.get("kind").asText() + "/" + e.path("detail").path("seq").asText(), e.path("provenance").asText(null));
            assertEquals("feedback-loop", by.get("bounce-complaint/1"));
            assertEquals("member", by.get("bounce-hard/2"));
            assertEquals("seed", by.get("seed_overdue/"));
            assertFalse(by.containsKey("provider_suspended/") && by.get("provider_suspended/") != null, "a decision over several reports names none itself");

            // the pause's evidence and the record's are one shape
            JsonNode pause = report.get("pause_evidence").get(0);
            JsonNode inRecord = null;
            for (JsonNode e : report.get("events")) if (e.get("kind").asText().equals("seed_overdue")) inRecord = e.get("detail").get("evidence").get(0);
            assertEquals(inRecord, pause);
        }
    }
}
