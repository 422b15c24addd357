package org.listguard.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13: {@code failed} is a final state with its reason; a later send never picks the row up again. */
class FailedStatusTest {
    @TempDir
    Path dir;

    @Test
    void aFailedRecipientKeepsItsReasonIsNeverDueAgainAndIsCounted() {
        failedIsFinal("jdbc:sqlite:" + dir.resolve("j.db"));
    }

    /** The same on PostgreSQL (V4 rebuilds the table there too); skipped without LISTGUARD_TEST_PG_URL. */
    @Test
    void onPostgresqlAFailedRecipientIsFinalToo() throws Exception {
        String base = org.listguard.testing.Peers.postgresUrl();
        String schema = "lg_failed_" + Long.toHexString(System.nanoTime());
        try (var c = java.sql.DriverManager.getConnection(base); var st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        }
        try {
            failedIsFinal(base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        } finally {
            try (var c = java.sql.DriverManager.getConnection(base); var st = c.createStatement()) {
                st.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    private static void failedIsFinal(String url) {
        try (Journal j = Journal.open(url, Clock.systemUTC())) {
            Run run = j.runs().create("monthly", null, false);
            j.addRecipients(run.id(), JournalFixtures.members(3));
            assertTrue(j.markFailed(run.id(), 2, "could not DKIM-sign this recipient's message: header too long"));
            assertFalse(j.markSending(run.id(), 2, null), "not sendable any more");
            RecipientRow row = j.recipient(run.id(), 2).orElseThrow();
            assertEquals(RecipientStatus.FAILED, row.status());
            assertTrue(row.skipReason().contains("DKIM-sign"));
            assertEquals(List.of(1L, 3L), j.nextBatch(run.id(), 10).stream().map(Due::seq).toList());
            assertEquals(0, j.resendUnknown(run.id()), "--resend-unknown does not revive it either");
            assertEquals(1, j.runs().status(run.id()).orElseThrow().count("failed"));
        }
    }

    @Test
    void aStatusOfARunWithoutFailuresKeepsDesignsShape() {
        try (Journal j = Journal.open("jdbc:sqlite:" + dir.resolve("j.db"), Clock.systemUTC())) {
            Run run = j.runs().create("monthly", null, false);
            j.addRecipients(run.id(), JournalFixtures.members(1));
            assertFalse(j.runs().status(run.id()).orElseThrow().counts().containsKey("failed"));
        }
    }
}
