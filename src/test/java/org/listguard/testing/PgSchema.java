package org.listguard.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A schema of its own in the tests' private PostgreSQL cluster ({@code scripts/pg-cluster}, named by
 * {@code LISTGUARD_TEST_PG_URL}), dropped on close: every PostgreSQL test gets an empty journal and
 * leaves nothing behind. A missing server fails under {@code -Dlistguard.peers=required} ({@link Peers#postgresUrl}).
 */
public final class PgSchema implements AutoCloseable {
    private final String base;
    private final String name;

    private PgSchema(String base, String name) {
        this.base = base;
        this.name = name;
    }

    /** Creates {@code lg_<random>} in the test cluster. */
    public static PgSchema create() throws SQLException {
        String base = Peers.postgresUrl();
        String name = "lg_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(base, "CREATE SCHEMA " + name);
        return new PgSchema(base, name);
    }

    /** The JDBC URL of the cluster with this schema as the current one (a journal URL). */
    public String url() {
        return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + name;
    }

    /** The cluster's URL without a schema (for a plain connection). */
    public String baseUrl() {
        return base;
    }

    public String name() {
        return name;
    }

    @Override
    public void close() throws SQLException {
        execute(base, "DROP SCHEMA " + name + " CASCADE");
    }

    private static void execute(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
