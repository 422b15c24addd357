package org.listguard.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Schema V8 and {@link DmarcReports} on PostgreSQL ({@code LISTGUARD_TEST_PG_URL}; a missing server fails under -Dlistguard.peers=required). */
class DmarcReportsPostgresTest {
    static final String BASE = System.getenv("LISTGUARD_TEST_PG_URL");
    final JournalFixtures.MutableClock clock = new JournalFixtures.MutableClock(Instant.parse("2026-11-20T09:00:00Z"));
    String schema;
    Journal journal;

    @BeforeEach
    void open() throws Exception {
        org.listguard.testing.Peers.postgresUrl(); // a missing server fails under -Dlistguard.peers=required
        schema = "lg_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(BASE); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        }
        journal = Journal.open(BASE + (BASE.contains("?") ? "&" : "?") + "currentSchema=" + schema, clock);
    }

    @AfterEach
    void drop() throws Exception {
        if (journal != null) journal.close();
        if (schema == null) return;
        try (Connection c = DriverManager.getConnection(BASE); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA " + schema + " CASCADE");
        }
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
