package org.listguard.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The member evidence store (V7, issue 22) on SQLite and, when LISTGUARD_TEST_PG_URL is set, on PostgreSQL. */
class MemberEvidenceTest {
    @TempDir
    Path dir;

    final JournalFixtures.MutableClock clock = new JournalFixtures.MutableClock(Instant.parse("2026-11-01T09:00:00.123Z"));

    static MemberEvidence.Entry entry(String key, String run, Instant at) {
        return new MemberEvidence.Entry(key, run, 1, "member1@example.net", at, "dsn", "hard", "userunknown", "rule", "5.1.1",
                "status", 550, "RCPT", "smarthost.example", "mx.example.net", "550 5.1.1 <member1@example.net>: User unknown", "imap://h;UID=1");
    }

    void keepsEveryReportOnceOldestFirstAndTheLatestReset(Journal j) {
        Run r1 = j.runs().create("monthly", null, false);
        j.recipients().add(r1.id(), JournalFixtures.members(1));
        Instant t = clock.instant();
        assertTrue(j.memberEvidence().add(entry("<b@mx>", r1.id(), t.plusSeconds(60))));
        assertTrue(j.memberEvidence().add(entry("<a@mx>", r1.id(), t)));
        assertFalse(j.memberEvidence().add(entry("<a@mx>", r1.id(), t)), "the same report about the same recipient is kept once");
        List<MemberEvidence.Entry> h = j.memberEvidence().of("member1@example.net");
        assertEquals(List.of(entry("<a@mx>", r1.id(), t), entry("<b@mx>", r1.id(), t.plusSeconds(60))), h);
        assertTrue(j.memberEvidence().of("member2@example.net").isEmpty());
        assertTrue(j.memberEvidence().lastReset("member1@example.net").isEmpty());
        j.memberEvidence().reset("member1@example.net", t.plus(Duration.ofDays(1)), "suppression remove");
        j.memberEvidence().reset("member1@example.net", t.plus(Duration.ofDays(2)), "suppression remove");
        assertEquals(t.plus(Duration.ofDays(2)), j.memberEvidence().lastReset("member1@example.net").orElseThrow().at());
    }

    @Test
    void onSqlite() {
        try (Journal j = Journal.open(JournalFixtures.sqliteUrl(dir), clock)) {
            keepsEveryReportOnceOldestFirstAndTheLatestReset(j);
        }
    }

    @Test
    void onPostgres() throws Exception {
        try (org.listguard.testing.PgSchema schema = org.listguard.testing.PgSchema.create(); Journal j = Journal.open(schema.url(), clock)) {
            keepsEveryReportOnceOldestFirstAndTheLatestReset(j);
        }
    }
}
