package org.listguard.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.listguard.reply.Action;

/** The journal checks of issue 8's tables (V4), shared by the SQLite and PostgreSQL tests. */
final class DownstreamJournalChecks {
    private DownstreamJournalChecks() {}

    static DownstreamEntry verdict(String key, String run, long seq) {
        return new DownstreamEntry(key, run, seq, Action.REPUTATION, "blocked", "5.7.1", 554,
                "554 5.7.1 Service unavailable; Client host [192.0.2.7] blocked using zen.spamhaus.org",
                "smarthost.isp.example", "mx.receiver.example", "192.0.2.7", "zen.spamhaus.org", "Maildir/new/1");
    }

    /** accepted → blocked once per report with its evidence; pending/deferred → blocked (held); all blocked → pending on resume. */
    static void blockHoldRelease(Journal j, String run) {
        assertTrue(j.downstream().block(verdict("<dsn1@x>", run, 1)));
        assertFalse(j.downstream().block(verdict("<dsn1@x>", run, 1)), "the same report is kept once");
        RecipientRow r = j.recipient(run, 1).orElseThrow();
        assertEquals(RecipientStatus.BLOCKED, r.status());
        assertEquals("reputation", r.action());
        assertTrue(r.replyText().startsWith("250"), "the relay's acceptance stays as evidence");
        assertTrue(j.downstream().blockedReason(run, 1).contains("mx.receiver.example"));
        assertEquals(List.of("192.0.2.7"), j.downstream().verdicts(run).stream().map(DownstreamEntry::egressIp).toList());
        j.addRecipients(run, JournalFixtures.members(1)); // seq 5, pending
        assertTrue(j.downstream().hold(run, 5, "waiting: receiving provider x suspended"));
        assertFalse(j.downstream().hold(run, 2, "accepted members are not held"));
        assertEquals(2, j.runs().status(run).orElseThrow().count("blocked"));
        assertEquals(2, j.downstream().release(run));
        assertEquals(List.of(1L, 5L), j.nextBatch(run, 10).stream().map(Due::seq).toList());
    }

    /** Remembered blocks: listed within the memory, cleared per provider (kept as history); egress IPs learned once per source. */
    static void blocksAndEgress(Journal j, String run, Instant now) {
        j.downstream().rememberBlock("google", run, "refused", "192.0.2.7", "zen.spamhaus.org", "[]");
        j.downstream().rememberBlock("yahoo", run, "refused", null, null, "[]");
        assertEquals(2, j.downstream().blocksSince(now.minus(Duration.ofHours(1))).size());
        assertEquals(1, j.downstream().clearBlocks("google", "test"));
        assertEquals(List.of("yahoo"), j.downstream().blocksSince(now.minus(Duration.ofHours(1))).stream().map(ProviderBlock::provider).toList());
        assertTrue(j.downstream().learnEgress("192.0.2.7", "dsn", "Client host [192.0.2.7]", run));
        assertFalse(j.downstream().learnEgress("192.0.2.7", "dsn", "again", run));
        assertTrue(j.downstream().learnEgress("192.0.2.7", "seed", "Received: from x [192.0.2.7]", run));
        assertEquals(2, j.downstream().egressIps().size());
    }
}
