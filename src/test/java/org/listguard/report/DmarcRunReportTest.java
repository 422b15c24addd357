package org.listguard.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.journal.DmarcReports;
import org.listguard.journal.Journal;
import org.listguard.journal.JournalFixtures;
import org.listguard.journal.Run;
import org.listguard.journal.RunState;

/** The HTML run report shows the DMARC reports about the run's days, and nothing when none arrived. */
class DmarcRunReportTest {
    @TempDir
    Path dir;

    static DmarcReports.Report report(String id, Instant begin, boolean verified) {
        return new DmarcReports.Report("google.com", id, "noreply-dmarc-support@google.com", begin, begin.plus(Duration.ofDays(1)).minusSeconds(1),
                "example.org", null, "1.0", verified, verified ? "dkim d=google.com" : null, "m", null, null,
                List.of(new DmarcReports.Row("198.51.100.25", 40, "none", "pass", "pass", "example.org", null, "[]", "[]", "relay"),
                        new DmarcReports.Row("198.51.100.25", 4, "none", "fail", "pass", "example.org", null, "[]", "[]", "dkim-fail"),
                        new DmarcReports.Row("45.9.20.1", 7, "none", "fail", "fail", "example.org", null, "[]", "[]", "not-us")));
    }

    String html(Journal j, Run run) throws IOException {
        StringWriter w = new StringWriter();
        RunHtml.write(RunData.of(j, j.runs().get(run.id()).orElseThrow()), w);
        return w.toString();
    }

    @Test
    void reportsAboutTheRunsDaysAreShownPerReporterIpAndClass() throws IOException {
        JournalFixtures.MutableClock clock = new JournalFixtures.MutableClock(Instant.parse("2026-11-19T09:00:00Z"));
        try (Journal j = Journal.open(JournalFixtures.sqliteUrl(dir), clock)) {
            Run run = j.runs().create("monthly", null, false);
            j.runs().setState(run.id(), RunState.COMPLETED, null, null);
            j.dmarcReports().add(report("today", Instant.parse("2026-11-19T00:00:00Z"), true));
            j.dmarcReports().add(report("last-month", Instant.parse("2026-10-19T00:00:00Z"), true));
            String h = html(j, run);
            assertTrue(h.contains("<section id=\"dmarc\"><h2>What receivers reported (DMARC)</h2><p class=\"note\">1 aggregate report(s)"), h);
            assertTrue(h.contains("<td>198.51.100.25</td><td class=\"s-warn\">dkim-fail</td><td class=\"n\">4</td><td class=\"n\">0 %</td>"), h);
            assertTrue(h.contains("<td>45.9.20.1</td><td class=\"s-warn\">not-us</td><td class=\"n\">7</td>"), h);
        }
    }

    @Test
    void noSectionWithoutReports() throws IOException {
        try (Journal j = Journal.open(JournalFixtures.sqliteUrl(dir), new JournalFixtures.MutableClock(Instant.parse("2026-11-19T09:00:00Z")))) {
            Run run = j.runs().create("monthly", null, false);
            assertFalse(html(j, run).contains("id=\"dmarc\""));
        }
    }
}
