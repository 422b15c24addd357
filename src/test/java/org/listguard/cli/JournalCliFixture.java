package org.listguard.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.listguard.events.RunRecord;
import org.listguard.reply.Action;
import org.listguard.reply.Stage;
import org.listguard.journal.Journal;
import org.listguard.journal.JournalFixtures;
import org.listguard.journal.Outcome;
import org.listguard.journal.RecipientStatus;
import org.listguard.journal.Run;
import org.listguard.journal.RunState;

/** Runs the real command line against a SQLite journal in a temp dir, capturing output. */
final class JournalCliFixture {
    static final String BLOCKED = "554 5.7.1 Service unavailable; Client host [198.51.100.25] blocked using zen.spamhaus.org";

    final String url;
    final JournalFixtures.MutableClock clock = new JournalFixtures.MutableClock(Instant.parse("2026-11-01T09:00:00.250Z"));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    JournalCliFixture(Path dir) {
        url = JournalFixtures.sqliteUrl(dir);
    }

    int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        Environment env = new Environment(clock, Map.of(), new PrintWriter(out, true), new PrintWriter(err, true), false);
        return Main.run(env, args);
    }

    /** A paused run of 4: accepted, rejected for reputation, deferred, pending. */
    Run pausedRun() {
        try (Journal j = Journal.open(url, clock)) {
            Run run = j.runs().create("monthly", "{\"verdict\":\"go\"}", false);
            j.runs().setRelay(run.id(), "isp");
            j.addRecipients(run.id(), JournalFixtures.members(4));
            j.runEvents().append(run.id(), new RunRecord.Batch(1, 4));
            j.markSending(run.id(), 1, "<1@example.org>");
            j.recordOutcome(run.id(), 1, Outcome.accepted(250, "2.0.0", "250 2.0.0 Ok: queued as 4XyZ", "isp", "4XyZ", null));
            j.markSending(run.id(), 2, "<2@example.org>");
            j.recordOutcome(run.id(), 2, new Outcome(RecipientStatus.REJECTED, 554, "5.7.1", BLOCKED, Stage.RCPT, "isp", null, null,
                    Action.REPUTATION, "blocked", null));
            j.markSending(run.id(), 3, "<3@example.org>");
            j.recordOutcome(run.id(), 3, new Outcome(RecipientStatus.DEFERRED, 451, "4.7.1", "451 4.7.1 <script>x</script> try later",
                    Stage.RCPT, "isp", null, null, Action.THROTTLE, "speeding", clock.instant().plusSeconds(60)));
            j.runs().setState(run.id(), RunState.PAUSED, "reputation: relay reply", "{\"reply\":\"" + BLOCKED + "\"}");
            return run;
        }
    }
}
