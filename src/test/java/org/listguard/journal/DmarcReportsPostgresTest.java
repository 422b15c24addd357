package org.listguard.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Schema V8 and {@link DmarcReports} on PostgreSQL ({@code LISTGUARD_TEST_PG_URL}; a missing server fails under -Dlistguard.peers=required). */
class DmarcReportsPostgresTest {
    final JournalFixtures.MutableClock clock = new JournalFixtures.MutableClock(Instant.parse("2026-11-20T09:00:00Z"));
    org.listguard.testing.PgSchema schema;
    Journal journal;

    @BeforeEach
    void open() throws Exception {
        schema = org.listguard.testing.PgSchema.create(); // a missing server fails under -Dlistguard.peers=required
        journal = Journal.open(schema.url(), clock);
    }

    @AfterEach
    void drop() throws Exception {
        if (journal != null) journal.close();
        if (schema != null) schema.close();
    }

    @Test
    void aReportIsKeptOnceWithItsRowsAndTheEgressItTaught() {
        DmarcReports.Report r = DmarcReportsJournalTest.report("g-1");
        assertTrue(journal.atomically(() -> journal.dmarcReports().add(r) && journal.downstream().learnEgress("198.51.100.77", "dmarc", "d", null)));
        assertFalse(journal.dmarcReports().add(r));
        List<DmarcReports.Report> back = journal.dmarcReports().endingSince(Instant.EPOCH);
        assertEquals(1, back.size());
        assertEquals(r.rows(), back.get(0).rows());
        assertTrue(journal.dmarcReports().setAside("sha256:x", "f.xml", "a DOCTYPE"));
        assertFalse(journal.dmarcReports().setAside("sha256:x", "f.xml", "a DOCTYPE"));
    }
}
