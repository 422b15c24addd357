package org.listguard.bench;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.listguard.events.RunRecord;
import org.listguard.reply.Action;
import org.listguard.reply.Stage;
import org.listguard.journal.Journal;
import org.listguard.journal.JournalFixtures;
import org.listguard.journal.Outcome;
import org.listguard.journal.RecipientStatus;
import org.listguard.journal.Run;
import org.listguard.report.RunCsv;
import org.listguard.report.RunData;
import org.listguard.report.RunHtml;
import org.listguard.report.RunJson;

/**
 * Report rendering time and size, not a test: run by hand in a small heap, e.g.
 * <pre>
 * mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx256m -cp target/classes:target/test-classes:$(cat target/cp.txt) org.listguard.bench.ReportBenchmark [N]
 * </pre>
 * A run of N recipients (default 100,000) in batches of 1,000: every 10th refused, the rest
 * accepted; then the HTML, JSON and CSV reports are written to files and timed.
 */
public final class ReportBenchmark {
    private ReportBenchmark() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path tmp = Files.createTempDirectory("listguard-report-bench");
        try (Journal j = Journal.open("jdbc:sqlite:" + tmp.resolve("j.db"), Clock.systemUTC())) {
            Run run = j.runs().create("bench", "{\"verdict\":\"go\",\"findings\":[]}", false);
            j.addRecipients(run.id(), JournalFixtures.members(n));
            j.atomically(() -> {
                for (long seq = 1; seq <= n; seq++) {
                    if ((seq - 1) % 1000 == 0) j.runEvents().append(run.id(), new RunRecord.Batch((int) ((seq - 1) / 1000 + 1), 1000));
                    j.markSending(run.id(), seq, "<" + seq + "@example.org>");
                    j.recordOutcome(run.id(), seq, seq % 10 == 0
                            ? new Outcome(RecipientStatus.REJECTED, 550, "5.1.1", "550 5.1.1 user unknown", Stage.RCPT, "isp", null, null, Action.HARD, "userunknown", null)
                            : Outcome.accepted(250, "2.0.0", "250 2.0.0 Ok: queued as Q" + seq, "isp", "Q" + seq, null));
                }
                return null;
            });
            Run r = j.runs().get(run.id()).orElseThrow();
            for (String f : new String[] {"html", "json", "csv"}) {
                Path out = tmp.resolve("report." + f);
                long t0 = System.nanoTime();
                try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
                    RunData d = RunData.of(j, r);
                    switch (f) {
                        case "html" -> RunHtml.write(d, w);
                        case "json" -> RunJson.write(d, w);
                        default -> RunCsv.write(d, w);
                    }
                }
                System.out.printf("%,d recipients: %s %,d ms, %,d KB%n", n, f, (System.nanoTime() - t0) / 1_000_000, Files.size(out) >> 10);
            }
        }
    }
}
