package org.listguard.journal.migration;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Schema 5 (issue 10), in Java because the two engines need different statements:
 * <ul>
 * <li>{@code runs.state} also allows {@code interrupted} (a run stopped by SIGTERM/SIGINT). SQLite
 *     cannot alter a CHECK constraint; widening one is the documented {@code writable_schema} edit
 *     (https://www.sqlite.org/lang_altertable.html#otheralter: existing rows already satisfy it).
 *     PostgreSQL drops and re-adds the constraint.
 * <li>On PostgreSQL only: Quartz's JDBC JobStore tables, from the DDL shipped in the Quartz jar
 *     ({@code org/quartz/impl/jdbcjobstore/tables_postgres.sql}), so that daemons on several hosts
 *     share one scheduler (a clustered {@code JobStoreTX}). SQLite daemons keep a RAMJobStore.
 * </ul>
 */
public class V5__interrupted_state_and_quartz extends BaseJavaMigration {
    static final String STATES = "'running', 'paused', 'completed', 'aborted', 'interrupted'";
    static final String QUARTZ_DDL = "org/quartz/impl/jdbcjobstore/tables_postgres.sql";

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        if (c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres")) {
            try (Statement st = c.createStatement()) {
                st.execute("ALTER TABLE runs DROP CONSTRAINT IF EXISTS runs_state_check");
                st.execute("ALTER TABLE runs ADD CONSTRAINT runs_state_check CHECK (state IN (" + STATES + "))");
                for (String sql : statements(quartzDdl())) st.execute(sql);
            }
        } else {
            widenSqliteCheck(c);
        }
    }

    private static void widenSqliteCheck(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            int version;
            try (ResultSet rs = st.executeQuery("PRAGMA schema_version")) {
                rs.next();
                version = rs.getInt(1);
            }
            st.execute("PRAGMA writable_schema = ON");
            int n = st.executeUpdate("UPDATE sqlite_master SET sql = replace(sql, "
                    + "'''running'', ''paused'', ''completed'', ''aborted'')', '" + STATES.replace("'", "''") + ")') "
                    + "WHERE type = 'table' AND name = 'runs'");
            st.execute("PRAGMA schema_version = " + (version + 1));
            st.execute("PRAGMA writable_schema = OFF");
            if (n != 1) throw new SQLException("schema 5: table runs not found");
        }
    }

    static String quartzDdl() throws IOException {
        try (InputStream in = V5__interrupted_state_and_quartz.class.getClassLoader().getResourceAsStream(QUARTZ_DDL)) {
            if (in == null) throw new IOException(QUARTZ_DDL + " is not on the class path (the Quartz jar)");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The DDL's statements without comments, and without its closing COMMIT (Flyway owns the transaction). */
    static List<String> statements(String ddl) {
        StringBuilder text = new StringBuilder();
        for (String line : ddl.split("\n")) {
            if (!line.strip().startsWith("--")) text.append(line).append('\n');
        }
        List<String> out = new ArrayList<>();
        for (String s : text.toString().split(";")) {
            String t = s.strip();
            if (!t.isEmpty() && !t.equalsIgnoreCase("commit")) out.add(t);
        }
        return out;
    }
}
