package org.listguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.journal.Journal;
import org.listguard.journal.JournalFixtures;
import org.listguard.journal.MemberEvidence;
import org.listguard.reply.Action;

/** {@code members show} and {@code suppression explain}: a member's evidence, score and why (issue 22). */
class MembersCommandTest {
    @TempDir
    Path dir;

    /** Two runs, each with one unproven "user unknown" about member 1, and one reputation refusal; the member suppressed by score. */
    JournalCliFixture twoRuns() {
        JournalCliFixture f = new JournalCliFixture(dir);
        try (Journal j = Journal.open(f.url, f.clock)) {
            for (int r = 0; r < 2; r++) {
                String run = j.runs().create("monthly", null, false).id();
                j.recipients().add(run, JournalFixtures.members(2));
                String key = org.listguard.journal.Suppressions.key(JournalFixtures.members(2).next().email());
                j.memberEvidence().add(new MemberEvidence.Entry("<u" + r + "@mx>", run, 1, key, f.clock.instant(), "dsn", "hard", "userunknown",
                        "user-unknown", null, null, 550, "UNKNOWN", "smarthost.example", "mx.example.net",
                        "550 sorry, no mailbox here by that name", "imap://h/INBOX;UID=" + r));
                j.memberEvidence().add(new MemberEvidence.Entry("<b" + r + "@mx>", run, 1, key, f.clock.instant(), "dsn", "reputation", "blocked",
                        "spamhaus", "5.7.1", "status", 554, "RCPT", "smarthost.example", "mx.example.net",
                        "554 5.7.1 Client host [198.51.100.25] blocked using zen.spamhaus.org", "imap://h/INBOX;UID=b" + r));
                f.clock.advance(Duration.ofDays(30));
            }
            j.suppressions().add(JournalFixtures.members(2).next().email(), "userunknown", Action.HARD, "{\"decision\":\"suppress-score\"}", null);
        }
        return f;
    }

    String member() {
        return JournalFixtures.members(2).next().email();
    }

    @Test
    void showQuotesEveryReportWithWhatItCountsAndWhy() {
        JournalCliFixture f = twoRuns();
        assertEquals(0, f.run("members", "show", member(), "--journal", f.url), f.err.toString());
        String out = f.out.toString();
        assertTrue(out.contains("SUPPRESSED since"), out);
        assertTrue(out.contains("suppressed: score 5.0 reached the threshold 5.0 over 2 runs"), out);
        assertTrue(out.contains("\"550 sorry, no mailbox here by that name\""), out);
        assertTrue(out.contains("never counts: the sender's problem (reputation, blocked)"), out);
        assertTrue(out.contains("reported by smarthost.example"), out);
    }

    @Test
    void explainAsJsonCarriesTheScoreAndTheHistory() {
        JournalCliFixture f = twoRuns();
        assertEquals(0, f.run("suppression", "explain", member(), "--format", "json", "--journal", f.url), f.err.toString());
        String out = f.out.toString();
        assertTrue(out.contains("\"verdict\" : \"suppress-score\""), out);
        assertTrue(out.contains("\"score\" : 5.0"), out);
        assertTrue(out.contains("\"grade\" : \"never\""), out);
        assertTrue(out.contains("\"suppressed\" : true"), out);
    }

    @Test
    void anOperatorsRemoveStartsACleanRecord() {
        JournalCliFixture f = twoRuns();
        assertEquals(0, f.run("suppression", "remove", member(), "--journal", f.url), f.err.toString());
        assertTrue(f.out.toString().contains("starts afresh"), f.out.toString());
        f.clock.advance(Duration.ofMinutes(1));
        assertEquals(0, f.run("members", "show", member(), "--journal", f.url));
        String out = f.out.toString();
        assertTrue(out.contains("not suppressed"), out);
        assertTrue(out.contains("record started afresh"), out);
        assertTrue(out.contains("does not count, before the operator's reset"), out);
    }

    /** Issue 22: three runs of a filter's "user unknown" after DATA: never suppressed, shown for the operator's look. */
    @Test
    void aMemberRefusedRunAfterRunByItsFilterIsShownForALookAndNotSuppressed() {
        JournalCliFixture f = new JournalCliFixture(dir);
        try (Journal j = Journal.open(f.url, f.clock)) {
            for (int r = 0; r < 3; r++) {
                String run = j.runs().create("monthly", null, false).id();
                j.recipients().add(run, JournalFixtures.members(2));
                String key = org.listguard.journal.Suppressions.key(member());
                j.memberEvidence().add(new MemberEvidence.Entry("<f" + r + "@mx>", run, 1, key, f.clock.instant(), "dsn", "content", "filtered",
                        "userunknown+after-data", null, null, 550, "DATA_END", "smarthost.example", "mx.example.net",
                        "550 User unknown", "imap://h/INBOX;UID=f" + r));
                f.clock.advance(Duration.ofDays(30));
            }
        }
        assertEquals(0, f.run("members", "show", member(), "--journal", f.url), f.err.toString());
        String out = f.out.toString();
        assertTrue(out.contains("not suppressed"), out);
        assertTrue(out.contains("NEEDS YOUR LOOK"), out);
        assertTrue(out.contains("look score 6.0 of 5.0 over 3 run(s)"), out);
        assertTrue(out.contains("never suppresses; look score +2.0"), out);
        assertEquals(0, f.run("members", "show", member(), "--format", "json", "--journal", f.url), f.err.toString());
        String json = f.out.toString();
        assertTrue(json.contains("\"verdict\" : \"needs-look\""), json);
        assertTrue(json.contains("\"grade\" : \"exists\""), json);
        assertTrue(json.contains("\"look\" : 6.0"), json);
    }

    @Test
    void aMemberWithoutEvidenceHasNone() {
        JournalCliFixture f = new JournalCliFixture(dir);
        assertEquals(0, f.run("members", "show", "nobody@example.net", "--journal", f.url), f.err.toString());
        assertTrue(f.out.toString().contains("no bounce evidence"), f.out.toString());
    }
}
