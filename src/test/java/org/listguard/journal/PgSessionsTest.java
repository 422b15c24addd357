package org.listguard.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.listguard.testing.PgSchema;

/**
 * The bounds every listguard session asks PostgreSQL for (PgSessions), seen from the server, and
 * the one a test can watch end to end: a scheduler session that holds Quartz's lock row inside a
 * transaction and then goes silent (a host wedged or vanished mid-transaction; its connection is
 * simply never used again, nor closed) is ended by the server, and another daemon's session gets
 * the row, within {@link PgSessions#SCHEDULER_IDLE_IN_TRANSACTION}. (Keepalive's end of a vanished
 * host's idle session needs packets dropped on the way, which a test without root cannot do; the
 * server's settings are checked instead.)
 */
class PgSessionsTest {
    PgSchema schema;

    @AfterEach
    void drop() throws SQLException {
        if (schema != null) schema.close();
    }

    @Test
    void journalAndSchedulerSessionsCarryTheDeadHostBounds() throws Exception {
        schema = PgSchema.create();
        DataSource journal = Database.dataSource(schema.url());
        try (Connection c = journal.getConnection()) {
            assertEquals("10", show(c, "tcp_keepalives_idle"));
            assertEquals("5", show(c, "tcp_keepalives_interval"));
            assertEquals("3", show(c, "tcp_keepalives_count"));
            assertEquals("25000", show(c, "tcp_user_timeout"));
            assertEquals("0", show(c, "idle_in_transaction_session_timeout"), "the journal's own transactions are not cut");
        }
        try (Connection c = scheduler(schema.url()).getConnection()) {
            assertEquals("10", show(c, "tcp_keepalives_idle"));
            assertEquals("25000", show(c, "tcp_user_timeout"));
            assertEquals("10000", show(c, "idle_in_transaction_session_timeout"));
            assertEquals("listguard-scheduler", show(c, "application_name"));
        }
    }

    @Test
    void settingsTheUrlNamesWin() throws Exception {
        schema = PgSchema.create();
        String url = schema.url() + "&options=-c%20tcp_keepalives_idle%3D30%20-c%20idle_in_transaction_session_timeout%3D20000";
        try (Connection c = Database.dataSource(url).getConnection()) {
            assertEquals("30", show(c, "tcp_keepalives_idle"));
            assertEquals("5", show(c, "tcp_keepalives_interval"));
        }
        try (Connection c = scheduler(url).getConnection()) {
            assertEquals("30", show(c, "tcp_keepalives_idle"));
            assertEquals("20000", show(c, "idle_in_transaction_session_timeout"));
        }
    }

    /** A server that lacks a setting (tcp_user_timeout before PostgreSQL 12), or a pooler: the session still opens, with the rest. */
    @Test
    void aSettingTheServerRefusesLeavesTheSessionOpenWithTheOthers() throws Exception {
        schema = PgSchema.create();
        try (Connection c = Database.dataSource(schema.url()).getConnection()) {
            java.util.Map<String, String> settings = new java.util.LinkedHashMap<>();
            settings.put("tcp_keepalives_idle", "11");
            settings.put("tcp_no_such_setting", "1"); // unknown to this server, as tcp_user_timeout is to PostgreSQL 11
            settings.put("tcp_keepalives_count", "4");
            c.setAutoCommit(false);
            PgSessions.apply(c, settings);
            assertFalse(c.getAutoCommit(), "the caller's transaction mode is kept");
            c.setAutoCommit(true);
            assertEquals("11", show(c, "tcp_keepalives_idle"));
            assertEquals("4", show(c, "tcp_keepalives_count"));
            assertTrue(c.isValid(5));
        }
    }

    @Test
    void aSilentSchedulerSessionHoldingQuartzsLockRowIsEndedAndTheRowGoesToTheNextDaemon() throws Exception {
        schema = PgSchema.create();
        Journal.open(schema.url(), Clock.systemUTC()).close(); // the qrtz_* tables
        QuartzConnections quartz = scheduler(schema.url());
        Connection silent = quartz.getConnection();
        try (Statement st = silent.createStatement()) {
            st.execute("INSERT INTO qrtz_locks (sched_name, lock_name) VALUES ('listguard', 'TRIGGER_ACCESS')");
            silent.setAutoCommit(false);
            st.executeQuery(Lock.SQL).close(); // what StdRowLockSemaphore runs; then nothing more, ever
        }
        long start = System.nanoTime();
        try (Connection next = quartz.getConnection(); Statement st = next.createStatement()) {
            next.setAutoCommit(false);
            st.execute("SET LOCAL lock_timeout = '30s'"); // without the bound the row would never come: fail, do not hang
            try (ResultSet rs = st.executeQuery(Lock.SQL)) {
                assertTrue(rs.next(), "the next daemon holds TRIGGER_ACCESS");
            }
            next.rollback();
        }
        Duration waited = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(waited.compareTo(PgSessions.SCHEDULER_IDLE_IN_TRANSACTION.plusSeconds(2)) < 0,
                "the row was released after " + waited.toMillis() + " ms, bound " + PgSessions.SCHEDULER_IDLE_IN_TRANSACTION);
        assertFalse(silent.isValid(5), "the server ended the silent session");
        silent.close();
    }

    /** Quartz's row lock statement for TRIGGER_ACCESS (StdRowLockSemaphore, table prefix qrtz_). */
    private static final class Lock {
        static final String SQL = "SELECT * FROM qrtz_locks WHERE sched_name = 'listguard' AND lock_name = 'TRIGGER_ACCESS' FOR UPDATE";
    }

    private static QuartzConnections scheduler(String url) {
        QuartzConnections q = new QuartzConnections();
        q.setUrl(url);
        return q;
    }

    /** The session's value of a setting in its base unit (s for keepalives, ms for the timeouts). */
    private static String show(Connection c, String setting) throws SQLException {
        try (var ps = c.prepareStatement("SELECT setting FROM pg_settings WHERE name = ?")) {
            ps.setString(1, setting);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), setting);
                return rs.getString(1);
            }
        }
    }
}
