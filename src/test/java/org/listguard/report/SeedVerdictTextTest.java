package org.listguard.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.events.RunRecord;
import org.listguard.journal.Journal;
import org.listguard.journal.JournalFixtures;
import org.listguard.journal.Run;
import org.listguard.placement.Placement;
import org.listguard.placement.ReceiverVerdict;

/** A receiver's spam verdict reads the same in every view: one formatter, each view keeping its layout. */
class SeedVerdictTextTest {
    @TempDir
    Path dir;

    static final ReceiverVerdict FLAGGED_NO_SCORE = new ReceiverVerdict("mx.google.com", new ReceiverVerdict.Authentication("pass", "pass", null),
            new ReceiverVerdict.Spam("microsoft", null, null, true, List.of("SFV:SPM", "CAT:BULK")), null, null, List.of());
    static final ReceiverVerdict SCORED = new ReceiverVerdict("mx.example.net", new ReceiverVerdict.Authentication("pass", "fail", "fail"),
            new ReceiverVerdict.Spam("spamassassin", 6.3, 5.0, true, List.of("RCVD_IN_X")), null, null, List.of());

    @Test
    void theSpamVerdictIsWrittenOneWay() {
        assertEquals("microsoft flagged (SFV:SPM, CAT:BULK)", FLAGGED_NO_SCORE.spam().text(true));
        assertEquals("spamassassin 6.3/5.0 flagged", SCORED.spam().text(false));
        assertEquals("spf=pass dkim=fail dmarc=fail; spamassassin 6.3/5.0 flagged (RCVD_IN_X)", SCORED.summary(), "the guard's evidence");
        assertEquals("no authentication results; no spam verdict", ReceiverVerdict.NONE.summary());
    }

    @Test
    void statusLinesAndTheHtmlTableSayWhatTheEvidenceSays() throws Exception {
        JournalFixtures.MutableClock clock = new JournalFixtures.MutableClock(Instant.parse("2026-11-01T09:00:00Z"));
        try (Journal j = Journal.open(JournalFixtures.sqliteUrl(dir), clock)) {
            Run run = j.runs().create("monthly", null, false);
            j.runEvents().append(run.id(), new RunRecord.SeedPlaced("s@hotmail.example", "microsoft", Placement.JUNK, "Junk", "<a@example.org>",
                    "isp", 40, FLAGGED_NO_SCORE));
            j.runEvents().append(run.id(), new RunRecord.SeedPlaced("t@example.net", "example.net", Placement.JUNK, null, "<b@example.org>",
                    "isp", 50, SCORED));
            List<String> lines = SeedPlacements.lines(j.runEvents().list(run.id()));
            assertEquals(List.of("s@hotmail.example (microsoft): junk in Junk — spf=pass dkim=pass; microsoft flagged (SFV:SPM, CAT:BULK)",
                    "t@example.net (example.net): junk — spf=pass dkim=fail dmarc=fail; spamassassin 6.3/5.0 flagged (RCVD_IN_X)"), lines);
            StringWriter w = new StringWriter();
            RunHtml.write(RunData.of(j, j.runs().get(run.id()).orElseThrow()), w);
            String html = w.toString();
            assertTrue(html.contains("<td>microsoft flagged (SFV:SPM, CAT:BULK)</td>"), html);
            assertTrue(html.contains("<td>spamassassin 6.3/5.0 flagged (RCVD_IN_X)</td>"), html);
        }
    }
}
