package org.listguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.listguard.feedback.EvidencePolicy;
import org.listguard.feedback.MemberBounces;
import org.listguard.feedback.ProcessSummary;

/** Issue 22: {@code bounces process} lists the members who newly need the operator's look, apart from those it suppressed. */
class BouncesNeedsLookOutputTest {
    static final ProcessSummary SUMMARY = new ProcessSummary("maildir:/b", 3, 3, 0, Map.of(), 0, 0, List.of(), List.of(), List.of());
    static final MemberBounces.Crossing LOOK = new MemberBounces.Crossing("ann@example.net", "r3", EvidencePolicy.Verdict.NEEDS_LOOK,
            "filtered", "needs your look: …");

    @Test
    void textNamesTheMemberAndSaysItIsNotSuppressed() {
        String text = BouncesSummaryOutput.flagged(List.of(LOOK));
        assertTrue(text.contains("needs your look"), text);
        assertTrue(text.contains("never suppressed on that alone"), text);
        assertTrue(text.contains("ann@example.net (run r3, filtered)"), text);
        assertEquals("", BouncesSummaryOutput.flagged(List.of()));
    }

    @Test
    void jsonHasItsOwnList() throws Exception {
        JsonNode j = new ObjectMapper().readTree(BouncesSummaryOutput.json(SUMMARY, List.of(), List.of(LOOK)));
        assertEquals(0, j.get("crossed_threshold").size());
        assertEquals("ann@example.net", j.get("needs_look").get(0).get("address").asText());
        assertEquals("needs-look", j.get("needs_look").get(0).get("decision").asText());
    }
}
