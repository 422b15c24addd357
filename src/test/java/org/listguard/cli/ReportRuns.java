package org.listguard.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.listguard.events.RunRecord;
import org.listguard.reply.Action;
import org.listguard.reply.Stage;
import org.listguard.guard.Evidence;
import org.listguard.journal.Journal;
import org.listguard.journal.Outcome;
import org.listguard.journal.RecipientStatus;
import org.listguard.journal.Run;
import org.listguard.journal.RunState;
import org.listguard.list.Recipient;
import org.listguard.report.Json;

/** Runs in a journal as the send path leaves them (batch events, outcomes, pause evidence), for the report tests. */
final class ReportRuns {
    /** A real Cloudmark-style refusal, long enough that a box that does not wrap would cut it off. */
    static final String CLOUDMARK = "550 5.7.1 Service unavailable; Client host [198.51.100.25] blocked by Cloudmark CSI: "
            + "see https://csi.cloudmark.com/reset-request/?ip=198.51.100.25 to request a reset of the sending IP's reputation; "
            + "mail from this address is refused until the reset is processed (OFR006_END_OF_A_VERY_LONG_REPLY)";
    static final String SCRIPT_REPLY = "451 4.7.1 <script>alert(1)</script> try later";
    static final List<String> DOMAINS = List.of("orange.fr", "gmail.com", "example.net");

    private ReportRuns() {}

    static Iterator<Recipient> members(int n) {
        List<Recipient> l = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            String e = "member" + i + "@" + DOMAINS.get(i % DOMAINS.size());
            l.add(new Recipient(i + 1, e, Map.of("email", e)));
        }
        return l.iterator();
    }

    /** A completed run of 9 recipients in 3 batches of 3, all accepted; member2's DSN (user unknown) arrived 10 minutes after the last batch. */
    static Run completed(JournalCliFixture f) {
        try (Journal j = Journal.open(f.url, f.clock)) {
            Run run = j.runs().create("monthly", audit(), false);
            j.runs().setRelay(run.id(), "isp");
            j.addRecipients(run.id(), members(9));
            j.runEvents().append(run.id(), new RunRecord.Planned(9, 9));
            long seq = 1;
            for (int b = 1; b <= 3; b++) {
                j.runEvents().append(run.id(), new RunRecord.Batch(b, 3));
                for (int i = 0; i < 3; i++, seq++) {
                    f.clock.advance(Duration.ofSeconds(2));
                    j.markSending(run.id(), seq, "<" + seq + "@example.org>");
                    j.recordOutcome(run.id(), seq, Outcome.accepted(250, "2.0.0", "250 2.0.0 Ok: queued as Q" + seq, "isp", "Q" + seq, null));
                }
                f.clock.advance(Duration.ofSeconds(60));
            }
            j.runs().setState(run.id(), RunState.COMPLETED, null, null);
            f.clock.advance(Duration.ofMinutes(10));
            j.feedback().recordBounce(new org.listguard.journal.BounceEntry("<dsn-1@mx.example.net>", run.id(), 2, "member2@example.net", "dsn",
                    Action.HARD, "userunknown", "5.1.1", 550, "550 5.1.1 <member2@example.net>: user unknown", "mx.example.net", "dsn-1.eml"));
            return run;
        }
    }

    /** A run of 12 paused in its 2nd batch by a Cloudmark refusal; batch 1 had a deferral; 7 were never tried. */
    static Run paused(JournalCliFixture f) {
        try (Journal j = Journal.open(f.url, f.clock)) {
            Run run = j.runs().create("monthly", audit(), false);
            j.runs().setRelay(run.id(), "isp");
            j.addRecipients(run.id(), members(12));
            j.runEvents().append(run.id(), new RunRecord.Batch(1, 3));
            accept(j, f, run, 1);
            f.clock.advance(Duration.ofSeconds(1));
            j.markSending(run.id(), 2, "<2@example.org>");
            j.recordOutcome(run.id(), 2, new Outcome(RecipientStatus.DEFERRED, 451, "4.7.1", SCRIPT_REPLY, Stage.RCPT, "isp", null, null,
                    Action.THROTTLE, "speeding", f.clock.instant().plusSeconds(600)));
            accept(j, f, run, 3);
            f.clock.advance(Duration.ofSeconds(60));
            j.runEvents().append(run.id(), new RunRecord.Batch(2, 3));
            accept(j, f, run, 4);
            f.clock.advance(Duration.ofSeconds(1));
            j.markSending(run.id(), 5, "<5@example.org>");
            j.recordOutcome(run.id(), 5, new Outcome(RecipientStatus.REJECTED, 550, "5.7.1", CLOUDMARK, Stage.RCPT, "isp", null, null,
                    Action.REPUTATION, "blocked", null));
            Evidence e = new Evidence(f.clock.instant(), "reputation", "isp", "orange.fr", 550, "5.7.1", CLOUDMARK, "receiver");
            j.runs().setState(run.id(), RunState.PAUSED, "receivers rejected mail for the sending IP's reputation", Json.write(List.of(e)));
            return run;
        }
    }

    private static void accept(Journal j, JournalCliFixture f, Run run, long seq) {
        f.clock.advance(Duration.ofSeconds(1));
        j.markSending(run.id(), seq, "<" + seq + "@example.org>");
        j.recordOutcome(run.id(), seq, Outcome.accepted(250, "2.0.0", "250 2.0.0 Ok: queued as Q" + seq, "isp", "Q" + seq, null));
    }

    private static String audit() {
        return "{\"verdict\":\"go\",\"checked_at\":\"2026-11-01T09:00:00.000Z\",\"findings\":["
                + "{\"check\":\"dnsbl\",\"target\":\"198.51.100.25\",\"role\":\"relay\",\"source\":\"zen.spamhaus.org\",\"status\":\"pass\"},"
                + "{\"check\":\"rdns-generic\",\"target\":\"203.0.113.10\",\"role\":\"origin\",\"status\":\"warn\","
                + "\"meaning\":\"the PTR name looks generic\",\"remediation\":\"ask for a PTR naming your domain\"}]}";
    }
}
