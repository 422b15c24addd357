package org.listguard.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Connections for the two engines, and the schema migrations (Flyway, {@code db/migration}).
 *
 * <p>SQLite runs in WAL mode with {@code synchronous=NORMAL}: a committed transaction is in the
 * WAL file before commit returns, so it survives the process being killed (SIGKILL, OOM, crash),
 * which is the failure the journal exists for. It is <em>not</em> guaranteed to survive a power
 * loss or kernel crash: the last transactions before the WAL was fsynced (at checkpoint) may be
 * lost. Whoever needs that should use PostgreSQL, or {@code jdbc:sqlite:FILE?synchronous=FULL}
 * at the cost of an fsync per commit (see https://www.sqlite.org/pragma.html#pragma_synchronous).
 * {@code busy_timeout} makes a second process wait for the write lock instead of failing at once;
 * foreign keys are enforced (off by default in SQLite).
 */
final class Database {
    /** How long a SQLite writer waits for another process's write transaction (ms). */
    static final int BUSY_TIMEOUT_MS = 10_000;
    /** SQLite page cache per connection, in KiB (native memory, not Java heap): large runs insert into three indexes. */
    static final int CACHE_KIB = 32 * 1024;

    private Database() {}

    static DataSource dataSource(String url) {
        JournalUrl.check(url);
        if (JournalUrl.isPostgres(url)) {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setURL(url);
            // one multi-row INSERT per JDBC batch instead of a round trip per row (addRecipients)
            ds.setReWriteBatchedInserts(true);
            return PgSessions.journal(ds, url); // a vanished host's campaign lock is released in bounded time
        }
        JournalUrl.sqliteFile(url).ifPresent(Database::createPrivately);
        SQLiteConfig cfg = new SQLiteConfig();
        cfg.setJournalMode(SQLiteConfig.JournalMode.WAL);
        cfg.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        cfg.setBusyTimeout(BUSY_TIMEOUT_MS);
        cfg.enforceForeignKeys(true);
        cfg.setCacheSize(-CACHE_KIB);
        SQLiteDataSource ds = new SQLiteDataSource(cfg);
        ds.setUrl(url);
        return ds;
    }

    /**
     * The newest schema version this build ships (the highest V of {@code db/migration} and
     * {@code org/listguard/journal/migration}; {@code DatabaseTest} holds it to the files).
     */
    static final String SCHEMA_VERSION = "13";

    /**
     * Brings the schema to {@link #SCHEMA_VERSION}. A journal already there is left alone after one
     * query (issue 21: Flyway's classpath scan and validation were a large part of a short command's
     * start); one behind, new, or with a failed or unknown migration on top goes through Flyway,
     * which migrates, or refuses as before.
     */
    static void migrate(DataSource ds) {
        if (current(ds)) return;
        Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/migration", "classpath:org/listguard/journal/migration")
                .load()
                .migrate();
    }

    /** Whether the last migration the journal records is this build's newest, and succeeded. */
    static boolean current(DataSource ds) {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT version, success FROM flyway_schema_history WHERE version IS NOT NULL "
                     + "ORDER BY installed_rank DESC LIMIT 1")) {
            return rs.next() && SCHEMA_VERSION.equals(rs.getString(1)) && rs.getBoolean(2);
        } catch (SQLException e) {
            return false; // no history yet (a new journal), or unreadable: Flyway decides and says why
        }
    }

    /**
     * A new journal holds members' addresses and the IPs of unsubscribe clicks: its directory is
     * created 0700 and the file 0600 before SQLite opens it (SQLite gives its -wal and -shm files
     * the database file's mode). Existing files and directories are left as they are.
     */
    private static void createPrivately(Path file) {
        Path abs = file.toAbsolutePath();
        Path parent = abs.getParent();
        try {
            if (parent != null && !Files.isDirectory(parent)) {
                try {
                    Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } catch (UnsupportedOperationException notPosix) {
                    Files.createDirectories(parent);
                }
            }
        } catch (IOException e) {
            throw new JournalException("cannot create the journal's directory " + parent, e);
        }
        if (Files.exists(abs)) return;
        try {
            Files.createFile(abs, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException raced) {
            // another process made it first
        } catch (UnsupportedOperationException notPosix) {
            // SQLite creates it
        } catch (IOException e) {
            throw new JournalException("cannot create the journal " + abs, e);
        }
    }
}
