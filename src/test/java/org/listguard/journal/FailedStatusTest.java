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
        try (org.listguard.testing.PgSchema schema = org.listguard.testing.PgSchema.create()) {
            failedIsFinal(schema.url());
        }
    }

    private static void failedIsFinal(String url) {
        try (Journal j = Journal.open(url, Clock.systemUTC())) {
            Run run = j.runs().create("monthly", null, false);
            j.recipients().add(run.id(), JournalFixtures.members(3));
            assertTrue(j.recipients().markFailed(run.id(), 2, "could not DKIM-sign this recipient's message: header too long"));
            assertFalse(j.recipients().markSending(run.id(), 2, null), "not sendable any more");
            RecipientRow row = j.recipients().get(run.id(), 2).orElseThrow();
            assertEquals(RecipientStatus.FAILED, row.status());
            assertTrue(row.skipReason().contains("DKIM-sign"));
            assertEquals(List.of(1L, 3L), j.recipients().nextBatch(run.id(), 10).stream().map(Due::seq).toList());
            assertEquals(0, j.recipients().resendUnknown(run.id()), "--resend-unknown does not revive it either");
            assertEquals(1, j.runs().status(run.id()).orElseThrow().count("failed"));
        }
    }

    @Test
    void aStatusOfARunWithoutFailuresKeepsDesignsShape() {
        try (Journal j = Journal.open("jdbc:sqlite:" + dir.resolve("j.db"), Clock.systemUTC())) {
            Run run = j.runs().create("monthly", null, false);
            j.recipients().add(run.id(), JournalFixtures.members(1));
            assertFalse(j.runs().status(run.id()).orElseThrow().counts().containsKey("failed"));
        }
    }
}
