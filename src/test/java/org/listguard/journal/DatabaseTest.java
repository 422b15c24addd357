package org.listguard.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 21: opening a journal whose schema is current skips Flyway; one that is behind is migrated. */
class DatabaseTest {
    private static final Pattern VERSION = Pattern.compile("^V(\\d+)__.*\\.(sql|java)$");

    @Test
    void schemaVersionIsTheNewestShippedMigration() throws IOException {
        int newest = 0;
        for (Path d : new Path[] {Path.of("src/main/resources/db/migration"), Path.of("src/main/java/org/listguard/journal/migration")}) {
            try (Stream<Path> s = Files.list(d)) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    Matcher m = VERSION.matcher(p.getFileName().toString());
                    if (m.matches()) newest = Math.max(newest, Integer.parseInt(m.group(1)));
                }
            }
        }
        assertEquals(Integer.toString(newest), Database.SCHEMA_VERSION, "raise Database.SCHEMA_VERSION with each new migration");
    }

    @Test
    void aJournalOneMigrationBehindIsMigratedOnOpen(@TempDir Path dir) throws Exception {
        String url = JournalFixtures.sqliteUrl(dir);
        // as an older build left it: migrated by Flyway up to the migration before the newest
        org.flywaydb.core.Flyway.configure().dataSource(Database.dataSource(url))
                .locations("classpath:db/migration", "classpath:org/listguard/journal/migration")
                .target(Integer.toString(Integer.parseInt(Database.SCHEMA_VERSION) - 1)).load().migrate();
        assertFalse(Database.current(Database.dataSource(url)));
        Journal.open(url, new JournalFixtures.MutableClock(Instant.parse("2026-11-01T09:00:00Z"))).close();
        assertTrue(Database.current(Database.dataSource(url)), "migrated again to the newest version");
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM flyway_schema_history WHERE success AND version = '"
                     + Database.SCHEMA_VERSION + "'")) {
            rs.next();
            assertEquals(1, rs.getInt(1), "the newest migration ran, by Flyway");
        }
    }

    @Test
    void aJournalWithAFailedMigrationOnTopIsNotCurrent(@TempDir Path dir) throws Exception {
        String url = JournalFixtures.sqliteUrl(dir);
        Journal.open(url, new JournalFixtures.MutableClock(Instant.parse("2026-11-01T09:00:00Z"))).close();
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE flyway_schema_history SET success = 0 WHERE version = '" + Database.SCHEMA_VERSION + "'");
        }
        assertFalse(Database.current(Database.dataSource(url)), "Flyway decides (and refuses a failed migration)");
    }
    /**
     * A journal already at {@link Database#SCHEMA_VERSION} opens without Flyway's validation
     * ({@link Database#current}), so an edit to a shipped migration would never reach it, nor be
     * refused: shipped migrations are pinned by Flyway's own checksum
     * ({@code src/test/resources/journal/shipped-migrations.tsv}). Change the schema with a new
     * migration, and add its line here.
     */
    @Test
    void shippedMigrationsAreNeverEdited(@TempDir Path dir) throws Exception {
        java.util.Map<String, Integer> pinned = new java.util.TreeMap<>();
        for (String line : Files.readAllLines(Path.of("src/test/resources/journal/shipped-migrations.tsv"))) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] f = line.split("\t");
            pinned.put(f[0], f[1].equals("-") ? null : Integer.valueOf(f[1]));
        }
        java.util.Map<String, Integer> resolved = new java.util.TreeMap<>();
        for (org.flywaydb.core.api.MigrationInfo m : org.flywaydb.core.Flyway.configure()
                .dataSource(Database.dataSource(JournalFixtures.sqliteUrl(dir)))
                .locations("classpath:db/migration", "classpath:org/listguard/journal/migration").load().info().all()) {
            resolved.put(m.getVersion().getVersion(), m.getChecksum());
        }
        assertEquals(pinned, resolved, "a shipped migration was edited, or a new one is not pinned: journals at schema "
                + Database.SCHEMA_VERSION + " skip Flyway's validation, so write a new migration instead of editing one, "
                + "and pin each new one (version, tab, Flyway's checksum; '-' for a Java migration without one)");
    }
}
