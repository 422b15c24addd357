package org.listguard.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.listguard.reply.Action;
import org.listguard.journal.Due;
import org.listguard.journal.Journal;
import org.listguard.journal.JournalFixtures;
import org.listguard.journal.Outcome;
import org.listguard.journal.Run;

/**
 * Journal throughput, not a test: run by hand in a small heap, e.g.
 * <pre>
 * mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx256m -cp target/classes:target/test-classes:$(cat target/cp.txt) org.listguard.bench.JournalBenchmark [URL] [N]
 * </pre>
 * Inserts N (default 1,000,000) generated recipients in 1,000-row transactions from a streamed
 * source, then times markSending + recordOutcome for 10,000 recipients, each call its own
 * transaction (the send path's pattern), then nextBatch deep into the run, status and
 * suppression lookups. Default URL: a SQLite file in a fresh temp directory.
 */
public final class JournalBenchmark {
    private JournalBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path tmp = Files.createTempDirectory("listguard-bench");
        String url = args.length > 0 ? args[0] : "jdbc:sqlite:" + tmp.resolve("bench.db");
        long n = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000;
        int sends = 10_000;
        System.out.printf("journal %s, %,d recipients, max heap %,d MB%n", Journal.redacted(url), n,
                Runtime.getRuntime().maxMemory() >> 20);
        try (Journal j = Journal.open(url, Clock.systemUTC())) {
            Run run = j.runs().create("bench", null, false);

            long t0 = System.nanoTime();
            long added = j.addRecipients(run.id(), JournalFixtures.members(n));
            report("addRecipients", added, System.nanoTime() - t0);

            t0 = System.nanoTime();
            List<Due> batch = j.nextBatch(run.id(), sends);
            long tBatch = System.nanoTime() - t0;
            long tSending = 0, tOutcome = 0;
            for (Due d : batch) {
                long a = System.nanoTime();
                j.markSending(run.id(), d.seq(), "<" + d.seq() + "@bench>");
                long b = System.nanoTime();
                j.recordOutcome(run.id(), d.seq(), Outcome.accepted(250, "2.0.0", "250 2.0.0 Ok: queued as Q" + d.seq(), "isp",
                        "Q" + d.seq(), null));
                tOutcome += System.nanoTime() - b;
                tSending += b - a;
            }
            System.out.printf("nextBatch(%,d) at the start: %.1f ms%n", sends, tBatch / 1e6);
            report("markSending (1 tx each)", batch.size(), tSending);
            report("recordOutcome (1 tx each)", batch.size(), tOutcome);
            report("markSending+recordOutcome", batch.size(), tSending + tOutcome);

            t0 = System.nanoTime();
            List<Due> next = j.nextBatch(run.id(), 100);
            System.out.printf("nextBatch(100) after %,d sent: %.2f ms (%d due)%n", batch.size(), (System.nanoTime() - t0) / 1e6,
                    next.size());

            t0 = System.nanoTime();
            var status = j.runs().status(run.id()).orElseThrow();
            System.out.printf("status of %,d rows: %.0f ms (accepted %d)%n", status.total(), (System.nanoTime() - t0) / 1e6,
                    status.count("accepted"));

            for (int i = 0; i < 1000; i++) j.suppressions().add("member" + (i * 97) + "@example.net", "bench", Action.HARD, null, null);
            t0 = System.nanoTime();
            int hits = 0;
            for (int i = 0; i < 100_000; i++) if (j.suppressions().isSuppressed("member" + i + "@example.net")) hits++;
            report("isSuppressed", 100_000, System.nanoTime() - t0);
            System.out.printf("(suppressed hits %d)%n", hits);
            t0 = System.nanoTime();
            int skipped = j.skipSuppressed(run.id());
            System.out.printf("skipSuppressed over %,d rows (1,000 suppressions): %.0f ms, %d skipped%n", n,
                    (System.nanoTime() - t0) / 1e6, skipped);
        }
        Runtime rt = Runtime.getRuntime();
        System.gc();
        System.out.printf("heap used after run: %,d MB of %,d MB max%n", (rt.totalMemory() - rt.freeMemory()) >> 20, rt.maxMemory() >> 20);
        if (Files.exists(tmp.resolve("bench.db"))) System.out.printf("db size: %,d MB%n", Files.size(tmp.resolve("bench.db")) >> 20);
        try (var files = Files.walk(tmp)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static void report(String what, long count, long nanos) {
        System.out.printf("%-28s %,10d in %8.1f ms = %,8.0f /s, %6.1f µs each%n", what, count, nanos / 1e6,
                count / (nanos / 1e9), nanos / 1e3 / count);
    }
}
