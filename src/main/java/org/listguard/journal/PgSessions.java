package org.listguard.journal;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.postgresql.Driver;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.LoggerFactory;

/**
 * Bounds on how long PostgreSQL keeps the sessions of a listguard host that vanished without
 * closing them (power cut, kernel panic, network gone: no FIN, no RST ever reaches the server).
 * Without them the server keeps such a session for the operating system's TCP keepalive default
 * (two hours and more on Linux), and with it whatever the session held: the campaign's advisory
 * lock (journal connection), or a Quartz lock row ({@code qrtz_locks}, {@code SELECT … FOR UPDATE})
 * if the host died inside a scheduler transaction, which stalls every other daemon's scheduler.
 *
 * <p>Every listguard session sets (user-settable, {@code set_config} right after connecting) TCP
 * keepalive probes after {@value #KEEPALIVE_IDLE_S} s of silence, every
 * {@value #KEEPALIVE_INTERVAL_S} s, {@value #KEEPALIVE_COUNT} unanswered ones ending the session,
 * and {@code tcp_user_timeout} for data sent and never acknowledged: a vanished host's sessions end
 * within {@link #DEAD_HOST}. Quartz's sessions are also ended by the server when idle inside a
 * transaction for {@link #SCHEDULER_IDLE_IN_TRANSACTION} (Quartz's transactions are a few
 * statements with no wait between them; a host wedged mid-transaction releases its lock row), and
 * a socket timeout stops a scheduler thread from waiting forever on a server that vanished.
 *
 * <p>Set after connecting, not in the startup packet's {@code options}: a connection pooler
 * (PgBouncer refuses an unknown startup parameter unless told to ignore it) and a server that
 * lacks one of the settings ({@code tcp_user_timeout} is PostgreSQL 12's) still connect; a
 * setting the server refuses is left at its default, and the daemon says so once on its log.
 * Anything the journal URL names itself wins: a {@code socketTimeout=…} or {@code connectTimeout=…}
 * parameter, and every setting its {@code options=-c …} names is not set again.
 * https://www.postgresql.org/docs/current/runtime-config-connection.html#RUNTIME-CONFIG-TCP-SETTINGS
 * https://www.postgresql.org/docs/current/runtime-config-client.html#GUC-IDLE-IN-TRANSACTION-SESSION-TIMEOUT
 */
public final class PgSessions {
    static final int KEEPALIVE_IDLE_S = 10;
    static final int KEEPALIVE_INTERVAL_S = 5;
    static final int KEEPALIVE_COUNT = 3;
    /** The longest the server keeps a session whose host vanished: keepalive idle + count × interval. */
    public static final Duration DEAD_HOST = Duration.ofSeconds(KEEPALIVE_IDLE_S + (long) KEEPALIVE_COUNT * KEEPALIVE_INTERVAL_S);
    /** A scheduler session idle inside a transaction this long is ended by the server (and its lock rows released). */
    public static final Duration SCHEDULER_IDLE_IN_TRANSACTION = Duration.ofSeconds(10);
    /** A scheduler statement with no answer this long fails (Quartz retries); far above any lock wait the bounds allow. */
    static final int SCHEDULER_SOCKET_TIMEOUT_S = 60;
    static final int CONNECT_TIMEOUT_S = 10;

    private static final org.slf4j.Logger log = LoggerFactory.getLogger(PgSessions.class);
    /** One warning per process for settings a server refused, however many sessions open. */
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private PgSessions() {}

    /** The journal's own sessions (the campaign lock lives on one): a vanished host's end within {@link #DEAD_HOST}. */
    static DataSource journal(PGSimpleDataSource ds, String url) {
        return bound(ds, url, Map.of());
    }

    /** Quartz's sessions: as the journal's, and ended when idle in a transaction; a socket timeout on this side. */
    static DataSource scheduler(PGSimpleDataSource ds, String url) {
        if (!named(url, "socketTimeout")) ds.setSocketTimeout(SCHEDULER_SOCKET_TIMEOUT_S);
        return bound(ds, url, Map.of("idle_in_transaction_session_timeout", Long.toString(SCHEDULER_IDLE_IN_TRANSACTION.toMillis())));
    }

    private static DataSource bound(PGSimpleDataSource ds, String url, Map<String, String> more) {
        if (!named(url, "connectTimeout")) ds.setConnectTimeout(CONNECT_TIMEOUT_S);
        ds.setTcpKeepAlive(true);
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("tcp_keepalives_idle", Integer.toString(KEEPALIVE_IDLE_S));
        settings.put("tcp_keepalives_interval", Integer.toString(KEEPALIVE_INTERVAL_S));
        settings.put("tcp_keepalives_count", Integer.toString(KEEPALIVE_COUNT));
        settings.put("tcp_user_timeout", Long.toString(DEAD_HOST.toMillis()));
        settings.putAll(more);
        String theirs = ds.getOptions() == null ? "" : ds.getOptions().toLowerCase(Locale.ROOT);
        settings.keySet().removeIf(k -> theirs.contains(k + "=") || theirs.contains(k + " ="));
        return new Bounded(ds, settings);
    }

    /** Whether the JDBC URL sets this pgJDBC parameter itself. */
    private static boolean named(String url, String parameter) {
        Properties p = Driver.parseURL(url, new Properties());
        return p != null && p.containsKey(parameter);
    }

    /** Applies {@code settings} to a new session: one statement; if the server refuses it, each setting on its own. */
    static void apply(Connection c, Map<String, String> settings) throws SQLException {
        if (settings.isEmpty()) return;
        StringBuilder sql = new StringBuilder("SELECT ");
        List<String> names = new ArrayList<>(settings.keySet());
        for (int i = 0; i < names.size(); i++) sql.append(i == 0 ? "" : ", ").append("set_config(?, ?, false)");
        boolean auto = c.getAutoCommit();
        if (!auto) c.setAutoCommit(true); // a setting must outlive the first transaction (is_local = false)
        try {
            try (var ps = c.prepareStatement(sql.toString())) {
                int k = 1;
                for (String n : names) {
                    ps.setString(k++, n);
                    ps.setString(k++, settings.get(n));
                }
                ps.executeQuery().close();
                return;
            } catch (SQLException refused) {
                // an older server or a pooler: set what it takes, one by one
            }
            List<String> left = new ArrayList<>();
            for (String n : names) {
                try (var ps = c.prepareStatement("SELECT set_config(?, ?, false)")) {
                    ps.setString(1, n);
                    ps.setString(2, settings.get(n));
                    ps.executeQuery().close();
                } catch (SQLException e) {
                    left.add(n + " (" + e.getMessage() + ")");
                }
            }
            if (!left.isEmpty() && WARNED.compareAndSet(false, true)) {
                log.warn("PostgreSQL refused these session settings, left at the server's defaults: {}; a host that vanishes "
                        + "(power cut) may then hold its locks until the server's TCP keepalive gives up", String.join(", ", left));
            }
        } finally {
            if (!auto) c.setAutoCommit(false);
        }
    }

    /** A data source whose every new session carries {@link #apply}'s settings. */
    private static final class Bounded implements DataSource {
        private final PGSimpleDataSource ds;
        private final Map<String, String> settings;

        Bounded(PGSimpleDataSource ds, Map<String, String> settings) {
            this.ds = ds;
            this.settings = Map.copyOf(settings);
        }

        @Override
        public Connection getConnection() throws SQLException {
            return applied(ds.getConnection());
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return applied(ds.getConnection(user, password));
        }

        private Connection applied(Connection c) throws SQLException {
            try {
                apply(c, new LinkedHashMap<>(settings));
                return c;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.close();
                } catch (SQLException closing) {
                    e.addSuppressed(closing);
                }
                throw e;
            }
        }

        @Override public PrintWriter getLogWriter() throws SQLException { return ds.getLogWriter(); }
        @Override public void setLogWriter(PrintWriter out) throws SQLException { ds.setLogWriter(out); }
        @Override public void setLoginTimeout(int seconds) throws SQLException { ds.setLoginTimeout(seconds); }
        @Override public int getLoginTimeout() throws SQLException { return ds.getLoginTimeout(); }
        @Override public Logger getParentLogger() throws SQLFeatureNotSupportedException { return ds.getParentLogger(); }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            if (iface.isInstance(ds)) return iface.cast(ds);
            return ds.unwrap(iface);
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) throws SQLException {
            return iface.isInstance(ds) || ds.isWrapperFor(iface);
        }
    }
}
