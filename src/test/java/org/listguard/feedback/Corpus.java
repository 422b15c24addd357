package org.listguard.feedback;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.listguard.reply.Action;

/**
 * The labelled bounce corpus (src/test/resources/corpus/bounces): the rows of expected.tsv, the
 * set-aside third listed in holdout.txt (chosen with a fixed seed before any rule was changed, and
 * not read while writing rules), and a {@link Score} of any classifier's actions against the labels.
 * Shared by {@link CorpusMeasureTest} and the bounce benchmark (scripts/bench-bounces).
 */
public final class Corpus {
    public record Row(String file, int index, String status, String code, String reason, Action action) {}

    public final Path dir;
    public final List<Row> rows;
    public final Set<String> holdout;

    private Corpus(Path dir, List<Row> rows, Set<String> holdout) {
        this.dir = dir;
        this.rows = rows;
        this.holdout = holdout;
    }

    /** The corpus on the test class path. */
    public static Corpus load() {
        try {
            return load(Path.of(Corpus.class.getResource("/corpus/bounces/expected.tsv").toURI()).getParent());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Corpus load(Path dir) {
        try {
            List<Row> rows = new ArrayList<>();
            for (String line : Files.readAllLines(dir.resolve("expected.tsv"))) {
                String[] f = line.split("\t", -1);
                if (f[0].equals("file")) continue;
                rows.add(new Row(f[0], Integer.parseInt(f[1]), f[2], f[3], f[4], Action.parse(f[6])));
            }
            Set<String> holdout = new HashSet<>();
            for (String line : Files.readAllLines(dir.resolve("holdout.txt"))) {
                if (!line.isBlank() && !line.startsWith("#")) holdout.add(line.trim());
            }
            return new Corpus(dir, List.copyOf(rows), Set.copyOf(holdout));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path file(String name) { return dir.resolve("eml").resolve(name); }

    public List<String> files() { return rows.stream().map(Row::file).distinct().toList(); }

    public List<Row> dev() { return rows.stream().filter(r -> !holdout.contains(r.file())).toList(); }

    public List<Row> held() { return rows.stream().filter(r -> holdout.contains(r.file())).toList(); }

    /** A row as a failure message may name it: a set-aside row by its part only, never its file (it is not to be read). */
    public String name(Row r) { return holdout.contains(r.file()) ? "(a set-aside row)" : r.file() + "#" + r.index(); }

    /** Every file parsed by {@code parser}; an mbox file's recipients are numbered across its messages. */
    public Map<String, ParseResult> parseAll(BounceParser parser) {
        Map<String, ParseResult> out = new LinkedHashMap<>();
        for (String f : files()) out.put(f, parse(parser, f));
        return out;
    }

    public ParseResult parse(BounceParser parser, String f) {
        try {
            byte[] data = Files.readAllBytes(file(f));
            List<BounceRecord> all = new ArrayList<>();
            ParseResult last = null;
            for (byte[] m : Mailbox.isMbox(data) ? Mailbox.splitMbox(data) : List.of(data)) {
                last = parser.parse(f, m);
                if (last instanceof ParseResult.Parsed p) all.addAll(p.records());
            }
            return all.isEmpty() ? last : new ParseResult.Parsed(f, all);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The record a row is about, or null when the parser gave fewer recipients or failed. */
    public static BounceRecord record(Map<String, ParseResult> results, Row r) {
        ParseResult p = results.get(r.file());
        if (p instanceof ParseResult.Parsed parsed && r.index() < parsed.records().size()) return parsed.records().get(r.index());
        return null;
    }

    /** Agreement of predicted actions (null = no answer) with the labels of {@code rows}. */
    /**
     * @param definitiveRows  rows labelled hard whose label status is an addressing code (X.1.1, X.1.2,
     *                        X.1.3, X.1.6): issue 22's definitive hard bounces, as the labels say
     * @param definitiveFound of those, the ones answered hard
     */
    public record Score(int rows, int agree, int critical, int hardRows, int hardFound, int definitiveRows, int definitiveFound,
                        Map<String, Integer> confusion) {
        /** The addressing codes of issue 22's definitive evidence (RFC 3463: bad mailbox, system, syntax; moved). */
        static final Set<String> ADDRESSING = Set.of("5.1.1", "5.1.2", "5.1.3", "5.1.6");

        public static Score of(List<Row> rows, Function<Row, Action> predicted) {
            int agree = 0, critical = 0, hardRows = 0, hardFound = 0, definitiveRows = 0, definitiveFound = 0;
            Map<String, Integer> confusion = new TreeMap<>();
            for (Row r : rows) {
                Action a = predicted.apply(r);
                if (agrees(r.action(), a)) agree++;
                else confusion.merge(r.action().json() + "->" + (a == null ? "missing" : a.json()), 1, Integer::sum);
                if (r.action().senderSide() && a == Action.HARD) critical++;
                if (r.action() == Action.HARD) {
                    hardRows++;
                    if (a == Action.HARD) hardFound++;
                    if (ADDRESSING.contains(r.status())) {
                        definitiveRows++;
                        if (a == Action.HARD) definitiveFound++;
                    }
                }
            }
            return new Score(rows.size(), agree, critical, hardRows, hardFound, definitiveRows, definitiveFound, confusion);
        }

        /**
         * The label scheme maps every Sisimai {@code feedback} row to complaint, whatever its ARF
         * feedback type; an opt-out report read as an unsubscribe (both suppress the member) is the
         * same decision, so it agrees.
         */
        static boolean agrees(Action label, Action answer) {
            return label == answer || (label == Action.COMPLAINT && answer == Action.UNSUBSCRIBE);
        }

        public double agreement() { return rows == 0 ? 0 : 100.0 * agree / rows; }

        public double hardRecall() { return hardRows == 0 ? 100 : 100.0 * hardFound / hardRows; }

        @Override
        public String toString() {
            return String.format("%d/%d = %.1f%% agreement, critical %d, hard recall %d/%d = %.1f%%",
                    agree, rows, agreement(), critical, hardFound, hardRows, hardRecall());
        }
    }
}
