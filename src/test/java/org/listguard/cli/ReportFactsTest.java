package org.listguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.journal.Run;
import org.listguard.report.Json;

/** The JSON and CSV reports carry the HTML report's facts: providers, batches, markers, advice, DSNs and their delays. */
class ReportFactsTest {
    @TempDir
    Path dir;

    @Test
    void theJsonReportHasAdviceProvidersBatchesMarkersAndCounts() throws Exception {
        JournalCliFixture f = new JournalCliFixture(dir);
        Run run = ReportRuns.paused(f);
        assertEquals(0, f.run("report", run.id(), "--format", "json", "--journal", f.url), f.err.toString());
        JsonNode n = Json.mapper().readTree(f.out.toString());
        assertEquals("cloudmark", n.get("advice").get(0).get("id").asText());
        assertEquals(3, n.get("providers").size());
        assertEquals(2, n.get("batches").size());
        assertEquals(2, n.get("batches").get(0).get("accepted").asInt());
        assertEquals(1, n.get("batches").get(0).get("deferred").asInt());
        assertEquals("pause", n.get("markers").get(0).get("kind").asText());
        assertEquals(2, n.get("markers").get(0).get("after_batch").asInt());
        assertEquals(2, n.get("refused").asInt(), "tried and not accepted: the deferral and the refusal");
        assertEquals(7, n.get("never_tried").asInt());
        assertEquals("orange.fr", n.get("recipients").get(2).get("provider").asText());
        assertEquals(2, n.get("recipients").get(4).get("batch").asInt());
    }

    @Test
    void theCsvReportHasTheProviderTheBatchAndTheDsnWithItsDelay() throws Exception {
        JournalCliFixture f = new JournalCliFixture(dir);
        Run run = ReportRuns.completed(f);
        assertEquals(0, f.run("report", run.id(), "--format", "csv", "--journal", f.url), f.err.toString());
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
                .parse(new StringReader(f.out.toString())).getRecords();
        CSVRecord r2 = rows.get(1);
        assertEquals("example.net", r2.get("provider"));
        assertEquals("1", r2.get("batch"));
        assertEquals("3", rows.get(8).get("batch"));
        assertEquals("hard", r2.get("dsn_action"));
        assertEquals("5.1.1", r2.get("dsn_status"));
        assertTrue(Long.parseLong(r2.get("dsn_delay_seconds")) > 600, r2.get("dsn_delay_seconds"));

        assertEquals(0, f.run("report", "latest", "--format", "json", "--journal", f.url), f.err.toString());
        JsonNode dsn = Json.mapper().readTree(f.out.toString()).get("dsns").get(0);
        assertEquals(Long.parseLong(r2.get("dsn_delay_seconds")), dsn.get("delay_seconds").asLong());
    }
}
