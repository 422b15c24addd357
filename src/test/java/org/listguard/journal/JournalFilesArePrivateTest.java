package org.listguard.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 20: a new SQLite journal (members' addresses, unsubscribe clients' IPs) is created 0600 in a 0700 directory. */
class JournalFilesArePrivateTest {
    @TempDir
    Path dir;

    static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void aNewJournalAndItsDirectoryAndWalAreOwnerOnly() throws Exception {
        Path db = dir.resolve("data/sub/listguard.db");
        try (Journal j = Journal.open("jdbc:sqlite:" + db, Clock.systemUTC())) {
            j.runs().create("monthly", null, false);
            assertEquals("rw-------", mode(db));
            assertEquals("rwx------", mode(db.getParent()));
            assertEquals("rwx------", mode(db.getParent().getParent()));
            Path wal = db.resolveSibling("listguard.db-wal");
            if (Files.exists(wal)) assertEquals("rw-------", mode(wal));
        }
    }
}
