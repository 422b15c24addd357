package org.listguard.feedback;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.listguard.config.BounceScore;
import org.listguard.journal.MemberEvidence;
import org.listguard.reply.Action;
import org.listguard.reply.ReplyClassifier;

/**
 * A year of monthly runs over a synthetic list whose members' fates are known (issue 22), with
 * each bounce a real message of the corpus's development part (the set-aside third is not read),
 * classified by the real parser and weighed by the real {@link EvidencePolicy}:
 * <ul>
 *   <li>{@link Fate#DEAD}: the address is gone; every run brings its receiver's report, a message
 *       labelled hard (userunknown, hostunknown, hasmoved, notaccept);</li>
 *   <li>{@link Fate#FULL}: alive; its mailbox is full for two runs in a row, then read again
 *       (a message labelled mailboxfull);</li>
 *   <li>{@link Fate#FILTERED}: alive; its receiver's filter refuses every run (a message labelled
 *       content: filtered, spam, policy…);</li>
 *   <li>{@link Fate#SENDER_SIDE}: alive; its receiver refuses the sender every run (labelled
 *       reputation, sender or throttle);</li>
 *   <li>{@link Fate#TRANSIENT}: alive; now and then a temporary failure (labelled soft, not full);</li>
 *   <li>{@link Fate#FINE}: alive; no report.</li>
 * </ul>
 * Each member keeps one receiver (one corpus record) all year, as a real member does; every
 * record of each kind is used. Runs are the first Monday of each month, 09:00 UTC; reports are
 * read an hour later. Seeded: the same seed gives the same year.
 */
public final class Replay {
    public enum Fate { DEAD, FULL, FILTERED, SENDER_SIDE, TRANSIENT, FINE;

        boolean living() { return this != DEAD; }
    }

    /** One member: its fate, its receiver's report (corpus file and recipient), and when it was suppressed. */
    public record Member(String address, Fate fate, String file, BounceRecord report, String label, int fullFrom) {}

    /**
     * What a year did: per member, the run (1-based) it was suppressed at, or 0; and the run its
     * evidence first asked for the operator's look ({@link EvidencePolicy.Verdict#NEEDS_LOOK}), or 0.
     */
    public record Result(List<Member> members, Map<String, Integer> suppressedAt, Map<String, String> why, Map<String, Integer> lookAt) {
        public long dead() { return members.stream().filter(m -> m.fate() == Fate.DEAD).count(); }

        public long deadWithin(int runs) {
            return members.stream().filter(m -> m.fate() == Fate.DEAD)
                    .filter(m -> suppressedAt.get(m.address()) > 0 && suppressedAt.get(m.address()) <= runs).count();
        }

        public long livingSuppressed(Fate f) {
            return members.stream().filter(m -> m.fate() == f && suppressedAt.get(m.address()) > 0).count();
        }

        public long count(Fate f) { return members.stream().filter(m -> m.fate() == f).count(); }

        public long flagged(Fate f) {
            return members.stream().filter(m -> m.fate() == f && lookAt.get(m.address()) > 0).count();
        }
    }

    public static final int RUNS = 12;

    public static Result run(Corpus corpus, BounceScore settings, long seed, int fine) {
        BounceParser parser = new BounceParser(ReplyClassifier.standard());
        Map<String, ParseResult> parsed = new LinkedHashMap<>();
        Random random = new Random(seed);
        List<Member> members = new ArrayList<>();
        for (Corpus.Row row : corpus.dev()) {
            Fate fate = fate(row);
            if (fate == null) continue;
            parsed.computeIfAbsent(row.file(), f -> corpus.parse(parser, f));
            BounceRecord r = Corpus.record(parsed, row);
            if (r == null) continue; // the parser found no such recipient: the member's mail is never reported
            String address = fate.name().toLowerCase(Locale.ROOT) + members.size() + "@replay.example";
            members.add(new Member(address, fate, row.file() + "#" + row.index(), r, row.reason() + "/" + row.action().json(),
                    fate == Fate.FULL ? random.nextInt(RUNS - 1) : -1));
        }
        for (int i = 0; i < fine; i++) members.add(new Member("fine" + i + "@replay.example", Fate.FINE, null, null, null, -1));
        Map<String, List<MemberEvidence.Entry>> history = new LinkedHashMap<>();
        Map<String, Integer> suppressedAt = new LinkedHashMap<>();
        Map<String, String> why = new LinkedHashMap<>();
        Map<String, Integer> lookAt = new LinkedHashMap<>();
        for (Member m : members) {
            lookAt.put(m.address(), 0);
            history.put(m.address(), new ArrayList<>());
            suppressedAt.put(m.address(), 0);
        }
        for (int run = 0; run < RUNS; run++) {
            Instant sent = firstMonday(run);
            Instant read = sent.plusSeconds(3600);
            String runId = "replay-" + (run + 1);
            for (Member m : members) {
                if (suppressedAt.get(m.address()) > 0 || !reports(m, run, random)) continue;
                List<MemberEvidence.Entry> h = history.get(m.address());
                h.add(MemberBounces.entry("<" + runId + "." + m.address() + ">", m.file(), m.report(), runId, 1, m.address(), read,
                        "smarthost.example"));
                EvidencePolicy.Standing s = EvidencePolicy.decide(h, Optional.empty(), settings, read);
                if (s.verdict().suppresses()) {
                    suppressedAt.put(m.address(), run + 1);
                    why.put(m.address(), s.why());
                } else if (s.verdict() == EvidencePolicy.Verdict.NEEDS_LOOK && lookAt.get(m.address()) == 0) {
                    lookAt.put(m.address(), run + 1);
                }
            }
        }
        return new Result(members, suppressedAt, why, lookAt);
    }

    private static Fate fate(Corpus.Row row) {
        Action a = row.action();
        if (a == Action.HARD) return Fate.DEAD;
        if (a == Action.SOFT) return "mailboxfull".equals(row.reason()) ? Fate.FULL : Fate.TRANSIENT;
        if (a == Action.CONTENT) return Fate.FILTERED;
        if (a.senderSide()) return Fate.SENDER_SIDE;
        return null; // complaints, auto-replies: not bounces
    }

    /** Whether member {@code m} gets a report in run {@code run} (0-based). */
    private static boolean reports(Member m, int run, Random random) {
        return switch (m.fate()) {
            case DEAD, FILTERED, SENDER_SIDE -> true;
            case FULL -> run == m.fullFrom() || run == m.fullFrom() + 1;
            case TRANSIENT -> random.nextInt(4) == 0;
            case FINE -> false;
        };
    }

    private static Instant firstMonday(int month) {
        ZonedDateTime d = ZonedDateTime.of(2026, 1, 1, 9, 0, 0, 0, ZoneOffset.UTC).plusMonths(month);
        while (d.getDayOfWeek() != java.time.DayOfWeek.MONDAY) d = d.plusDays(1);
        return d.toInstant();
    }

    /** The printed summary (scripts/replay-bounces). */
    public static String report(Result r, BounceScore s) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Replay: %d monthly runs, %d members, bounces from the corpus's development part; "
                + "threshold %.1f, stale after %s, full after %s%n%n", RUNS, r.members().size(), s.threshold(),
                org.listguard.config.Durations.format(s.staleAfter()), org.listguard.config.Durations.format(s.fullAfter())));
        long dead = r.dead();
        sb.append("| dead members | suppressed |\n|---|---|\n");
        for (int n = 1; n <= 3; n++) {
            sb.append(String.format(Locale.ROOT, "| within %d run(s) | %d/%d = %.1f %% |%n", n, r.deadWithin(n), dead, 100.0 * r.deadWithin(n) / dead));
        }
        sb.append(String.format(Locale.ROOT, "| within the year | %d/%d |%n%n", r.deadWithin(RUNS), dead));
        sb.append("| living members | ever suppressed | shown for the operator's look (never suppressed on it) |\n|---|---|---|\n");
        for (Fate f : Fate.values()) {
            if (f.living()) sb.append(String.format(Locale.ROOT, "| %s | %d of %d | %d |%n", f.name().toLowerCase(Locale.ROOT),
                    r.livingSuppressed(f), r.count(f), r.flagged(f)));
        }
        List<String> notes = new ArrayList<>();
        for (Member m : r.members()) {
            int at = r.suppressedAt().get(m.address());
            boolean wrong = m.fate().living() ? at > 0 : at == 0 || at > 3;
            if (!wrong) continue;
            boolean disputed = !m.label().endsWith("/" + m.report().action().json());
            notes.add(String.format(Locale.ROOT, "  %s %s (label %s; listguard %s %s %s, stage %s%s): %s", m.fate().name().toLowerCase(Locale.ROOT),
                    m.file(), m.label(), m.report().action().json(), m.report().reason(), m.report().status(), m.report().stage(),
                    disputed ? "; the classifier reads this message otherwise than the label" : "",
                    at == 0 ? "never suppressed" : "suppressed at run " + at + ": " + r.why().get(m.address())));
        }
        if (!notes.isEmpty()) sb.append("\nMisjudged (development part only):\n").append(String.join("\n", notes)).append('\n');
        return sb.toString();
    }

    /** scripts/replay-bounces [CORPUS_DIR] [SEED]. */
    public static void main(String[] args) {
        Corpus corpus = args.length > 0 ? Corpus.load(Path.of(args[0])) : Corpus.load();
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 22;
        BounceScore s = BounceScore.DEFAULT;
        System.out.print(report(run(corpus, s, seed, 100), s));
    }
}
