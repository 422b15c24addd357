package org.listguard.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schema V9 (issue 21): the return-path reader's marks, on SQLite and on PostgreSQL (see PostgresJournalTest). */
class MailboxReadsTest {
    final JournalFixtures.MutableClock clock = new JournalFixtures.MutableClock(Instant.parse("2026-12-07T09:00:00Z"));

    @Test
    void marksRoundTripOnSqlite(@TempDir Path dir) {
        try (Journal j = Journal.open("jdbc:sqlite:" + dir.resolve("j.db"), clock)) {
            roundTrip(j);
        }
    }

    @Test
    void marksRoundTripOnPostgres() throws Exception {
        try (org.listguard.testing.PgSchema schema = org.listguard.testing.PgSchema.create(); Journal j = Journal.open(schema.url(), clock)) {
            roundTrip(j);
        }
    }

    private static void roundTrip(Journal j) {
        MailboxReads m = j.mailboxReads();
        assertEquals(Set.of(), m.left("bounces maildir /a"));
        m.update("bounces maildir /a", List.of("1.x", "2.x", "3.x"), List.of());
        m.update("bounces maildir /a", List.of("3.x", "4.x"), List.of("1.x"));
        m.update("bounces maildir /b", List.of("9.x"), List.of());
        assertEquals(Set.of("2.x", "3.x", "4.x"), m.left("bounces maildir /a"), "added once, the gone one dropped, per reader");
        assertEquals(Optional.empty(), m.uidMark("bounces imap://u@h:993/INBOX"));
        m.uidMark("bounces imap://u@h:993/INBOX", new MailboxReads.UidMark(7, 120));
        m.uidMark("bounces imap://u@h:993/INBOX", new MailboxReads.UidMark(8, 3));
        assertEquals(Optional.of(new MailboxReads.UidMark(8, 3)), m.uidMark("bounces imap://u@h:993/INBOX"));
    }
}
