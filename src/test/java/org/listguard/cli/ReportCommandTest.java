package org.listguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.journal.Run;

class ReportCommandTest {
    @TempDir
    Path dir;

    @Test
    void csvHasOneRowPerRecipientWithTheEvidence() throws Exception {
        JournalCliFixture f = new JournalCliFixture(dir);
        Run run = f.pausedRun();
        assertEquals(0, f.run("report", run.id(), "--format", "csv", "--journal", f.url), f.err.toString());
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
                .parse(new StringReader(f.out.toString())).getRecords();
        assertEquals(4, rows.size());
        CSVRecord blocked = rows.get(1);
        assertEquals("member2@Example.NET", blocked.get("email"));
        assertEquals("rejected", blocked.get("status"));
        assertEquals("554", blocked.get("reply_code"));
        assertEquals("5.7.1", blocked.get("enhanced_code"));
        assertEquals(JournalCliFixture.BLOCKED, blocked.get("reply"));
        assertEquals("isp", blocked.get("relay"));
        assertEquals("2026-11-01T09:00:00.250Z", blocked.get("timestamp_utc"));
        assertEquals("<2@example.org>", blocked.get("message_id"));
        assertEquals("pending", rows.get(3).get("status"));
    }

    @Test
    void jsonHasRunCountsAndRecipients() throws Exception {
        JournalCliFixture f = new JournalCliFixture(dir);
        Run run = f.pausedRun();
        assertEquals(0, f.run("report", run.id(), "--format", "json", "--journal", f.url), f.err.toString());
        JsonNode n = new ObjectMapper().readTree(f.out.toString());
        assertEquals(run.id(), n.get("run").asText());
        assertEquals("paused", n.get("state").asText());
        assertEquals(1, n.get("counts").get("deferred").asInt());
        assertEquals(JournalCliFixture.BLOCKED, n.get("pause_evidence").get("reply").asText());
        assertEquals("go", n.get("audit").get("verdict").asText());
        assertEquals(4, n.get("recipients").size());
        JsonNode r2 = n.get("recipients").get(1);
        assertEquals("554", r2.get("reply_code").asText());
        assertEquals("reputation", r2.get("action").asText());
        assertEquals("2026-11-01T09:00:00.250Z", r2.get("updated_at").asText());
        assertEquals("batch", n.get("events").get(0).get("kind").asText());
        assertEquals("{\"batch\":1,\"size\":4}", n.get("events").get(0).get("detail").toString(), "the record's fields, without the schema version");
    }

    @Test
    void htmlIsSelfContainedAndListsNonAcceptedRepliesEscaped() throws Exception {
        JournalCliFixture f = new JournalCliFixture(dir);
        Run run = f.pausedRun();
        Path file = dir.resolve("out/report.html");
        assertEquals(0, f.run("report", run.id(), "--format", "html", "-o", file.toString(), "--journal", f.url), f.err.toString());
        String html = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("<style>"));
        assertFalse(html.matches("(?s).*(src=|href=|<link|<script).*"), "no external assets, no scripts");
        assertTrue(html.contains("blocked using zen.spamhaus.org"), "the exact reply");
        assertTrue(html.contains("&lt;script&gt;x&lt;/script&gt;"), "replies are escaped");
        assertTrue(html.contains("reputation: relay reply"), "pause reason");
        assertFalse(html.contains("4XyZ"), "accepted recipients are not in the table");
    }

    @Test
    void unknownRunExitsTwo() {
        JournalCliFixture f = new JournalCliFixture(dir);
        f.pausedRun();
        assertEquals(2, f.run("report", "nope", "--format", "csv", "--journal", f.url));
    }

    @Test
    void formatIsRequired() {
        JournalCliFixture f = new JournalCliFixture(dir);
        Run run = f.pausedRun();
        assertEquals(2, f.run("report", run.id(), "--journal", f.url));
        assertTrue(f.err.toString().contains("--format"), f.err.toString());
    }
}
