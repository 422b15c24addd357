package org.listguard.journal;

import java.time.Duration;
import java.util.Properties;
import org.postgresql.Driver;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Bounds on how long PostgreSQL keeps the sessions of a listguard host that vanished without
 * closing them (power cut, kernel panic, network gone: no FIN, no RST ever reaches the server).
 * Without them the server keeps such a session for the operating system's TCP keepalive default
 * (two hours and more on Linux), and with it whatever the session held: the campaign's advisory
 * lock (journal connection), or a Quartz lock row ({@code qrtz_locks}, {@code SELECT … FOR UPDATE})
 * if the host died inside a scheduler transaction, which stalls every other daemon's scheduler.
 *
 * <p>Every listguard session asks the server (startup {@code options}, all user-settable, PostgreSQL
 * 12 or later) for TCP keepalive probes after {@value #KEEPALIVE_IDLE_S} s of silence, every
 * {@value #KEEPALIVE_INTERVAL_S} s, {@value #KEEPALIVE_COUNT} unanswered ones ending the session,
 * and {@code tcp_user_timeout} for data sent and never acknowledged: a vanished host's sessions end
 * within {@link #DEAD_HOST}. Quartz's sessions are also ended by the server when idle inside a
 * transaction for {@link #SCHEDULER_IDLE_IN_TRANSACTION} (Quartz's transactions are a few
 * statements with no wait between them; a host wedged mid-transaction releases its lock row), and
 * a socket timeout stops a scheduler thread from waiting forever on a server that vanished.
 *
 * <p>Anything the journal URL names itself wins: a {@code socketTimeout=…} parameter, and
 * {@code options=-c …} settings, which come after these in the startup packet.
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

    private PgSessions() {}

    /** The journal's own sessions (the campaign lock lives on one): a vanished host's end within {@link #DEAD_HOST}. */
    static void journal(PGSimpleDataSource ds, String url) {
        bound(ds, url, "");
    }

    /** Quartz's sessions: as the journal's, and ended when idle in a transaction; a socket timeout on this side. */
    static void scheduler(PGSimpleDataSource ds, String url) {
        bound(ds, url, " -c idle_in_transaction_session_timeout=" + SCHEDULER_IDLE_IN_TRANSACTION.toMillis());
        if (!named(url, "socketTimeout")) ds.setSocketTimeout(SCHEDULER_SOCKET_TIMEOUT_S);
    }

    private static void bound(PGSimpleDataSource ds, String url, String more) {
        String keepalive = "-c tcp_keepalives_idle=" + KEEPALIVE_IDLE_S + " -c tcp_keepalives_interval=" + KEEPALIVE_INTERVAL_S
                + " -c tcp_keepalives_count=" + KEEPALIVE_COUNT + " -c tcp_user_timeout=" + DEAD_HOST.toMillis();
        String theirs = ds.getOptions();
        ds.setOptions(keepalive + more + (theirs == null || theirs.isBlank() ? "" : " " + theirs));
        if (!named(url, "connectTimeout")) ds.setConnectTimeout(CONNECT_TIMEOUT_S);
        ds.setTcpKeepAlive(true);
    }

    /** Whether the JDBC URL sets this pgJDBC parameter itself. */
    private static boolean named(String url, String parameter) {
        Properties p = Driver.parseURL(url, new Properties());
        return p != null && p.containsKey(parameter);
    }
}
