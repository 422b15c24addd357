package org.listguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.events.RunRecord;
import org.listguard.journal.Journal;
import org.listguard.journal.Run;
import org.listguard.journal.RunState;
import org.listguard.report.Json;

/**
 * Issue 22: `status` shows the members a run flagged for the operator's look, from the same
 * journaled {@code member_needs_look} events the send summary tells, through the real command line.
 */
class StatusNeedsLookTest {
    @TempDir
    Path dir;

    @Test
    void theRunsFlaggedMembersAreShownInTextAndJsonAndNothingWhenThereAreNone() throws Exception {
        JournalCliFixture f = new JournalCliFixture(dir);
        String id;
        try (Journal j = Journal.open(f.url, f.clock)) {
            Run r = j.runs().create("monthly", StatusAdviceTest.AUDIT, false);
            id = r.id();
            j.runs().setState(id, RunState.COMPLETED, null, null);
        }
        assertEquals(0, f.run("status", "--journal", f.url, "--format", "json"), f.err.toString());
        assertFalse(Json.mapper().readTree(f.out.toString()).has("needs_look"), f.out.toString());
        assertEquals(0, f.run("status", "--journal", f.url));
        assertFalse(f.out.toString().contains("Needs your look"), f.out.toString());

        try (Journal j = Journal.open(f.url, f.clock)) {
            j.runEvents().append(id, new RunRecord.MemberNeedsLook("member@example.net", "filtered",
                    "needs your look: the receiver refused run after run (5.0 over 3 runs, threshold 5.0)"));
        }
        assertEquals(0, f.run("status", "--journal", f.url, "--format", "json"), f.err.toString());
        JsonNode looks = Json.mapper().readTree(f.out.toString()).get("needs_look");
        assertEquals(1, looks.size(), looks.toString());
        assertEquals("member@example.net", looks.get(0).get("address").asText());
        assertEquals(id, looks.get(0).get("run").asText());
        assertEquals("filtered", looks.get(0).get("reason").asText());
        assertEquals(0, f.run("status", "--journal", f.url));
        String text = f.out.toString();
        assertTrue(text.contains("Needs your look"), text);
        assertTrue(text.contains("member@example.net (filtered)"), text);
        assertTrue(text.contains("listguard members show"), text);
    }
}
