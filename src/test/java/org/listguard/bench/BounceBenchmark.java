package org.listguard.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.listguard.reply.Action;
import org.listguard.reply.ReplyClassifier;
import org.listguard.reply.Reasons;
import org.listguard.feedback.BounceParser;
import org.listguard.feedback.BounceRecord;
import org.listguard.feedback.Corpus;
import org.listguard.feedback.Mailbox;
import org.listguard.feedback.ParseResult;

/**
 * The table of scripts/bench-bounces: listguard and Sisimai on the same corpus files and labels,
 * development part and set-aside third apart, then messages/s of each over a Maildir.
 * Args: corpus-dir sisimai.tsv maildir n sisimai-wall-millis sisimai-records sisimai-cpu-millis. Sisimai's reasons map to
 * actions through {@link Reasons} (DELIVERABILITY.md s4, plus Sisimai 5.x's newer reasons); a
 * reason the table does not know counts as no answer.
 */
public final class BounceBenchmark {
    private BounceBenchmark() {}

    public static void main(String[] args) throws Exception {
        Corpus corpus = Corpus.load(Path.of(args[0]));
        Map<String, Action> sisimai = new HashMap<>();
        for (String line : Files.readAllLines(Path.of(args[1]))) {
            String[] f = line.split("\t");
            if (f.length >= 3 && Reasons.known(f[2])) sisimai.put(f[0] + "#" + f[1], Reasons.actionOf(f[2]));
        }
        BounceParser parser = new BounceParser(ReplyClassifier.standard());
        Map<String, ParseResult> ours = corpus.parseAll(parser);
        Function<Corpus.Row, Action> lg = r -> {
            BounceRecord b = Corpus.record(ours, r);
            return b == null ? null : b.action();
        };
        Function<Corpus.Row, Action> ss = r -> sisimai.get(r.file() + "#" + r.index());

        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long c0 = os.getProcessCpuTime();
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long m0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        long records = 0;
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of(args[2]).resolve("new"))) {
            files = s.sorted().toList();
        }
        for (Path p : files) {
            byte[] data = Files.readAllBytes(p);
            for (byte[] m : Mailbox.isMbox(data) ? Mailbox.splitMbox(data) : List.of(data)) {
                if (parser.parse(p.getFileName().toString(), m) instanceof ParseResult.Parsed parsed) records += parsed.records().size();
            }
        }
        double ourSecs = (System.nanoTime() - t0) / 1e9;
        double ourCpu = (os.getProcessCpuTime() - c0) / 1e9;
        double ourMain = (threads.getCurrentThreadCpuTime() - m0) / 1e9;
        double sisCpu = args.length > 6 ? Long.parseLong(args[6]) / 1000.0 : Double.NaN;
        int n = Integer.parseInt(args[3]);
        double sisSecs = Long.parseLong(args[4]) / 1000.0;

        System.out.printf("Bounce classification: listguard vs Sisimai %s, %d labelled recipients (%d dev, %d set aside)%n%n",
                "4.25 (libsisimai-perl)", corpus.rows.size(), corpus.dev().size(), corpus.held().size());
        System.out.println("listguard's JVM flags: " + java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-XX")).toList() + " (the launcher's one-shot defaults unless LISTGUARD_JAVA_OPTS is set)");
        System.out.println();
        System.out.println("| measure | listguard | Sisimai 4.25 |");
        System.out.println("|---|---|---|");
        row("action agreement, dev", Corpus.Score.of(corpus.dev(), lg), Corpus.Score.of(corpus.dev(), ss), s -> pct(s.agree(), s.rows()));
        row("action agreement, set-aside third", Corpus.Score.of(corpus.held(), lg), Corpus.Score.of(corpus.held(), ss),
                s -> pct(s.agree(), s.rows()));
        Corpus.Score allLg = Corpus.Score.of(corpus.rows, lg), allSs = Corpus.Score.of(corpus.rows, ss);
        row("action agreement, all", allLg, allSs, s -> pct(s.agree(), s.rows()));
        row("critical (sender-side called hard)", allLg, allSs, s -> Integer.toString(s.critical()));
        row("hard-bounce recall, all", allLg, allSs, s -> pct(s.hardFound(), s.hardRows()));
        row("hard-bounce recall, dev", Corpus.Score.of(corpus.dev(), lg), Corpus.Score.of(corpus.dev(), ss), s -> pct(s.hardFound(), s.hardRows()));
        row("hard-bounce recall, set-aside third", Corpus.Score.of(corpus.held(), lg), Corpus.Score.of(corpus.held(), ss),
                s -> pct(s.hardFound(), s.hardRows()));
        // issue 22's "definitive hard bounces": labelled hard with an addressing code (X.1.1/2/3/6) as the label's status
        row("definitive hard recall (label status 5.1.1/2/3/6), dev", Corpus.Score.of(corpus.dev(), lg), Corpus.Score.of(corpus.dev(), ss),
                s -> pct(s.definitiveFound(), s.definitiveRows()));
        row("definitive hard recall (label status 5.1.1/2/3/6), set-aside third", Corpus.Score.of(corpus.held(), lg),
                Corpus.Score.of(corpus.held(), ss), s -> pct(s.definitiveFound(), s.definitiveRows()));
        // issue 22: what one message alone does to a member; listguard suppresses at once only on definitive
        // evidence (feedback.EvidenceWeights), a per-message suppressor (Sisimai's reason as listmonk uses it) on any hard verdict
        Function<Corpus.Row, Boolean> lgOnce = r -> {
            BounceRecord b = Corpus.record(ours, r);
            if (b == null) return false;
            var e = org.listguard.feedback.MemberBounces.entry("k", r.file(), b, "run", 1, "m", java.time.Instant.EPOCH, null);
            return org.listguard.feedback.EvidenceWeights.weigh(e, List.of(e), org.listguard.config.BounceScore.DEFAULT).grade()
                    == org.listguard.feedback.EvidenceWeights.Grade.DEFINITIVE;
        };
        Function<Corpus.Row, Boolean> ssOnce = r -> ss.apply(r) == Action.HARD;
        Function<Corpus.Row, Boolean> lgHard = r -> lg.apply(r) == Action.HARD; // before issue 22: any hard verdict suppressed
        for (boolean hard : new boolean[] {true, false}) {
            System.out.printf("| one message suppresses at once, %s: dev / set-aside | %s / %s (any hard verdict, as before issue 22: %s / %s) | %s / %s |%n",
                    hard ? "labelled hard" : "not labelled hard (a living member)",
                    once(corpus.dev(), lgOnce, hard), once(corpus.held(), lgOnce, hard), once(corpus.dev(), lgHard, hard), once(corpus.held(), lgHard, hard),
                    once(corpus.dev(), ssOnce, hard), once(corpus.held(), ssOnce, hard));
        }
        // issue 22: the same message every run (a receiver that says the same each month): does the member's evidence ever
        // suppress them? Only the grades against the address do (definitive, addressing, ambiguous); filter, full, disabled and
        // unplaced "user unknown" never do, sender-side and policy never count
        Function<Corpus.Row, Boolean> lgEver = r -> {
            BounceRecord b = Corpus.record(ours, r);
            if (b == null) return false;
            var e = org.listguard.feedback.MemberBounces.entry("k", r.file(), b, "run", 1, "m", java.time.Instant.EPOCH, null);
            return org.listguard.feedback.EvidenceWeights.weigh(e, List.of(e), org.listguard.config.BounceScore.DEFAULT).grade().againstAddress();
        };
        for (boolean hard : new boolean[] {true, false}) {
            System.out.printf("| the same message every run ever suppresses, %s: dev / set-aside | %s / %s | %s / %s |%n",
                    hard ? "labelled hard" : "not labelled hard (a living member)",
                    once(corpus.dev(), lgEver, hard), once(corpus.held(), lgEver, hard), once(corpus.dev(), ssOnce, hard), once(corpus.held(), ssOnce, hard));
        }
        System.out.printf("| messages/s over a Maildir of %,d, wall clock | %,.0f (%,d records in %.2f s) | %,.0f (%s records in %.2f s) |%n",
                n, files.size() / ourSecs, records, ourSecs, n / sisSecs, args[5], sisSecs);
        System.out.printf("| messages/s per CPU second (process CPU time: JIT and GC included) | %,.0f (%.2f s) | %,.0f (%.2f s) |%n",
                files.size() / ourCpu, ourCpu, n / sisCpu, sisCpu);
        System.out.printf("| of which the parsing thread (JIT compiler and GC threads excluded) | %,.0f (%.2f s) | (one thread) |%n",
                files.size() / ourMain, ourMain);
        System.out.println();
        matrix("listguard", corpus.rows, lg);
        matrix("Sisimai 4.25", corpus.rows, ss);
    }

    /** How many rows labelled hard ({@code hard}) or not would suppress on their own, of how many. */
    private static String once(List<Corpus.Row> rows, Function<Corpus.Row, Boolean> atOnce, boolean hard) {
        List<Corpus.Row> of = rows.stream().filter(r -> (r.action() == Action.HARD) == hard).toList();
        return of.stream().filter(atOnce::apply).count() + "/" + of.size();
    }

    private static void row(String name, Corpus.Score a, Corpus.Score b, Function<Corpus.Score, String> f) {
        System.out.printf("| %s | %s | %s |%n", name, f.apply(a), f.apply(b));
    }

    private static String pct(int a, int n) {
        return String.format("%d/%d = %.1f %%", a, n, n == 0 ? 0 : 100.0 * a / n);
    }

    /** Rows: the label's action; columns: the answer ("-" = no answer). */
    private static void matrix(String who, List<Corpus.Row> rows, Function<Corpus.Row, Action> answer) {
        System.out.println("Confusion matrix, " + who + " (all rows; rows = label, columns = answer):");
        Action[] acts = Action.values();
        StringBuilder head = new StringBuilder("| label \\ answer |");
        StringBuilder rule = new StringBuilder("|---|");
        for (Action a : acts) {
            head.append(' ').append(a.json()).append(" |");
            rule.append("---|");
        }
        System.out.println(head.append(" - |"));
        System.out.println(rule.append("---|"));
        for (Action l : acts) {
            int[] counts = new int[acts.length + 1];
            int total = 0;
            for (Corpus.Row r : rows) {
                if (r.action() != l) continue;
                Action a = answer.apply(r);
                counts[a == null ? acts.length : a.ordinal()]++;
                total++;
            }
            if (total == 0) continue;
            StringBuilder sb = new StringBuilder("| ").append(l.json()).append(" |");
            for (int c : counts) sb.append(' ').append(c == 0 ? "." : Integer.toString(c)).append(" |");
            System.out.println(sb);
        }
        System.out.println();
    }
}
