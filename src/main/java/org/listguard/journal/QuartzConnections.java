package org.listguard.journal;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.quartz.utils.ConnectionProvider;

/**
 * Connections for Quartz's clustered JDBC JobStore, to the PostgreSQL journal whose Flyway
 * migration (schema 5) created the {@code qrtz_*} tables. Quartz instantiates it by class name and
 * sets {@code url} from {@code org.quartz.dataSource.<name>.url}; no pool is bundled with Quartz and
 * none is needed for a few queries a second. The sessions carry {@link PgSessions#scheduler}'s
 * bounds, so that a peer that vanished inside a Quartz transaction cannot hold {@code qrtz_locks}
 * for the operating system's two-hour keepalive.
 */
public final class QuartzConnections implements ConnectionProvider {
    private DataSource ds;

    /** The journal's {@code jdbc:postgresql:} URL. */
    public void setUrl(String url) {
        if (!JournalUrl.isPostgres(url)) throw new IllegalArgumentException("the clustered scheduler needs a jdbc:postgresql: journal");
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setURL(url);
        pg.setApplicationName("listguard-scheduler");
        ds = PgSessions.scheduler(pg, url); // a vanished peer's lock row is released in bounded time
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (ds == null) throw new SQLException("the clustered scheduler's journal URL is not set");
        return ds.getConnection();
    }

    @Override
    public void shutdown() {
        // nothing pooled
    }

    @Override
    public void initialize() {
        // configured by setUrl
    }
}
