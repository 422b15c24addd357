package org.listguard.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schema V8 on SQLite: a report kept once with its rows; a failed transaction keeps neither report nor egress. */
class DmarcReportsJournalTest {
    @TempDir
    Path dir;

    static DmarcReports.Report report(String id) {
        return new DmarcReports.Report("google.com", id, "noreply-dmarc-support@google.com", Instant.parse("2026-11-19T00:00:00Z"),
                Instant.parse("2026-11-19T23:59:59Z"), "example.org", "{\"p\":\"none\"}", "1.0", true, "dkim d=google.com", "m1", null, null,
                List.of(new DmarcReports.Row("198.51.100.25", 40, "none", "pass", "pass", "example.org", null,
                                "[{\"domain\":\"example.org\",\"selector\":\"news\",\"result\":\"pass\"}]", "[]", "relay"),
                        new DmarcReports.Row("2001:db8:0:0:0:0:0:1", 2, "none", "fail", "fail", "example.org", null, "[]", "[]", "not-us")));
    }

    @Test
    void aReportIsKeptOnceWithItsRowsInOrder() {
        try (Journal j = Journal.open(JournalFixtures.sqliteUrl(dir), new JournalFixtures.MutableClock(Instant.parse("2026-11-20T09:00:00Z")))) {
            assertTrue(j.dmarcReports().add(report("g-1")));
            assertFalse(j.dmarcReports().add(report("g-1")));
            assertTrue(j.dmarcReports().has("google.com", "g-1"));
            DmarcReports.Report back = j.dmarcReports().endingSince(Instant.parse("2026-11-19T12:00:00Z")).get(0);
            assertEquals(report("g-1").rows(), back.rows());
            assertEquals(List.of(), j.dmarcReports().endingSince(Instant.parse("2026-11-20T00:00:00Z")));
        }
    }

    @Test
    void aCrashBetweenTheReportAndItsEgressKeepsNeither() {
        try (Journal j = Journal.open(JournalFixtures.sqliteUrl(dir), new JournalFixtures.MutableClock(Instant.parse("2026-11-20T09:00:00Z")))) {
            assertThrows(IllegalStateException.class, () -> j.atomically(() -> {
                j.dmarcReports().add(report("g-2"));
                j.downstream().learnEgress("198.51.100.77", "dmarc", "d", null);
                throw new IllegalStateException("killed");
            }));
            assertFalse(j.dmarcReports().has("google.com", "g-2"));
            assertEquals(List.of(), j.downstream().egressIps());
        }
    }
}
