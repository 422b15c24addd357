package org.listguard.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.listguard.reply.Action;

class SuppressionsTest {
    @TempDir
    Path dir;

    Journal journal;
    Suppressions list;

    @BeforeEach
    void open() {
        journal = Journal.open(JournalFixtures.sqliteUrl(dir), new JournalFixtures.MutableClock(Instant.parse("2026-11-01T09:00:00Z")));
        list = journal.suppressions();
    }

    @AfterEach
    void close() {
        journal.close();
    }

    @ParameterizedTest
    @EnumSource(value = Action.class, names = {"REPUTATION", "SENDER", "THROTTLE", "SOFT", "CONTENT", "NONE"})
    void refusesEveryActionButHardAndComplaint(Action action) {
        assertThrows(IllegalArgumentException.class, () -> list.add("a@example.net", "blocked", action, null, null));
        assertTrue(list.list().isEmpty());
    }

    @Test
    void hardBounceSuppressesAndMatchesTheDomainCaseInsensitively() {
        list.add("Ann@Example.NET", "userunknown", Action.HARD, "550 5.1.1 <Ann@Example.NET>: user unknown", "r1");
        assertTrue(list.isSuppressed(Suppressions.key("Ann@example.net")));
        assertFalse(list.isSuppressed(Suppressions.key("ann@example.net")), "the local part may be case-sensitive");
        Suppression s = list.find("Ann@example.net").orElseThrow();
        assertEquals(Action.HARD, s.action());
        assertEquals("r1", s.sourceRun());
        assertEquals(Instant.parse("2026-11-01T09:00:00Z"), s.at());
    }

    @Test
    void complaintReplacesAnEarlierEntry() {
        list.add("a@example.net", "userunknown", Action.HARD, null, null);
        list.add("a@example.net", "feedback", Action.COMPLAINT, "ARF report", null);
        assertEquals(1, list.list().size());
        assertEquals(Action.COMPLAINT, list.list().get(0).action());
    }

    @Test
    void skipSuppressedSkipsOnlyPendingSuppressedRecipientsWithTheReason() {
        Run run = journal.runs().create("monthly", null, false);
        journal.addRecipients(run.id(), JournalFixtures.members(3));
        list.add("member2@example.net", "userunknown", Action.HARD, null, null);
        list.add("member3@example.net", "feedback", Action.COMPLAINT, null, null);
        journal.markSending(run.id(), 3, null);

        assertEquals(1, journal.skipSuppressed(run.id()));
        RecipientRow two = journal.recipient(run.id(), 2).orElseThrow();
        assertEquals(RecipientStatus.SKIPPED, two.status());
        assertEquals("suppressed: hard: userunknown", two.skipReason());
        assertEquals(RecipientStatus.PENDING, journal.recipient(run.id(), 1).orElseThrow().status());
        assertEquals(RecipientStatus.SENDING, journal.recipient(run.id(), 3).orElseThrow().status());
    }

    @Test
    void removeUnsuppresses() {
        list.add("a@example.net", "manual", Action.HARD, null, null);
        assertTrue(list.remove("a@EXAMPLE.net"));
        assertFalse(list.isSuppressed("a@example.net"));
        assertFalse(list.remove("a@example.net"));
    }
}
