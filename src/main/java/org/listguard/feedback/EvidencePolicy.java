package org.listguard.feedback;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.listguard.config.BounceScore;
import org.listguard.config.Durations;
import org.listguard.feedback.EvidenceWeights.Grade;
import org.listguard.feedback.EvidenceWeights.Weighed;
import org.listguard.journal.MemberEvidence.Entry;

/**
 * Whether a member's bounce evidence, over runs, suppresses them (issue 22; DELIVERABILITY.md
 * s12, after Mailman's bounce score). Pure: the history, the operator's last reset, the settings
 * and the time given decide; nothing is read from a clock or a database here.
 * <ol>
 *   <li>Evidence read before the operator's last reset, or older than {@code stale_after}, does
 *       not count (it stays in the history, marked).</li>
 *   <li>One {@link Grade#DEFINITIVE} report suppresses at once; so does an addressing code read
 *       from words ({@link Grade#ADDRESSING}) in two distinct runs.</li>
 *   <li>Otherwise each run counts once, with the weight of its strongest report
 *       ({@link EvidenceWeights}); the member is suppressed when the sum reaches
 *       {@code threshold} over at least two distinct runs: one message is never enough.</li>
 * </ol>
 */
public final class EvidencePolicy {
    private EvidencePolicy() {}

    /** The member's standing. */
    public enum Verdict { SUPPRESS_DEFINITIVE, SUPPRESS_SCORE, WATCH, CLEAN;

        public boolean suppresses() { return this == SUPPRESS_DEFINITIVE || this == SUPPRESS_SCORE; }

        public String json() { return name().toLowerCase(Locale.ROOT).replace('_', '-'); }
    }

    /** One entry of the history as the policy saw it: weighed, and whether it still counts. */
    public record Line(Weighed weighed, boolean counts, String note) {}

    /**
     * The decision and its grounds.
     *
     * @param score     the sum of each counting run's strongest weight
     * @param runs      the distinct runs that add to the score
     * @param deciding  the report that settled a suppression (the definitive one, or the run that crossed), or null
     * @param why       one sentence for the operator
     * @param history   every entry, oldest first
     */
    public record Standing(Verdict verdict, double score, int runs, double threshold, Entry deciding, String why, List<Line> history) {}

    public static Standing decide(List<Entry> history, Optional<Instant> resetAt, BounceScore settings, Instant now) {
        Instant staleBefore = now.minus(settings.staleAfter());
        List<Entry> live = new ArrayList<>();
        for (Entry e : history) {
            if (counts(e, resetAt, staleBefore)) live.add(e);
        }
        List<Line> lines = new ArrayList<>();
        Entry definitive = null;
        Map<String, Weighed> addressingRuns = new LinkedHashMap<>();
        Map<String, Weighed> strongest = new LinkedHashMap<>();
        for (Entry e : history) {
            Weighed w = EvidenceWeights.weigh(e, live, settings);
            boolean counts = live.contains(e);
            String note = counts ? null
                    : resetAt.isPresent() && !e.at().isAfter(resetAt.get()) ? "before the operator's reset" : "stale (older than "
                    + Durations.format(settings.staleAfter()) + ")";
            lines.add(new Line(w, counts, note));
            if (!counts) continue;
            if (w.grade() == Grade.DEFINITIVE && definitive == null) definitive = e;
            if (w.grade() == Grade.ADDRESSING || w.grade() == Grade.DEFINITIVE) addressingRuns.putIfAbsent(e.run(), w);
            if (w.weight() > 0) strongest.merge(e.run(), w, (a, b) -> b.weight() > a.weight() ? b : a);
        }
        double score = 0;
        Entry crossing = null;
        Set<String> runs = new LinkedHashSet<>();
        for (Map.Entry<String, Weighed> r : strongest.entrySet()) {
            score += r.getValue().weight();
            runs.add(r.getKey());
            if (crossing == null && score >= settings.threshold() && runs.size() >= 2) crossing = r.getValue().entry();
        }
        double t = settings.threshold();
        if (definitive != null) {
            return new Standing(Verdict.SUPPRESS_DEFINITIVE, score, runs.size(), t, definitive,
                    "suppressed at once: " + EvidenceWeights.weigh(definitive, live, settings).why() + " (run " + definitive.run() + ")", lines);
        }
        if (addressingRuns.size() >= 2) {
            List<String> rs = new ArrayList<>(addressingRuns.keySet());
            Entry second = addressingRuns.get(rs.get(1)).entry();
            return new Standing(Verdict.SUPPRESS_DEFINITIVE, score, runs.size(), t, second,
                    "suppressed: the addressing code " + second.status() + " in two distinct runs (" + rs.get(0) + ", " + rs.get(1) + ")", lines);
        }
        if (crossing != null) {
            return new Standing(Verdict.SUPPRESS_SCORE, score, runs.size(), t, crossing,
                    String.format(Locale.ROOT, "suppressed: score %.1f reached the threshold %.1f over %d runs", score, t, runs.size()), lines);
        }
        if (lines.isEmpty()) return new Standing(Verdict.CLEAN, 0, 0, t, null, "no bounce evidence", lines);
        String why = score == 0
                ? "not suppressed: nothing that counts against the address" + (live.size() < history.size() ? " (older evidence no longer counts)" : "")
                : String.format(Locale.ROOT, "not suppressed: score %.1f of %.1f over %d run(s)%s", score, t, runs.size(),
                        score >= t ? "; one run is never enough" : "");
        return new Standing(score == 0 ? Verdict.CLEAN : Verdict.WATCH, score, runs.size(), t, null, why, lines);
    }

    private static boolean counts(Entry e, Optional<Instant> resetAt, Instant staleBefore) {
        if (resetAt.isPresent() && !e.at().isAfter(resetAt.get())) return false;
        return !e.at().isBefore(staleBefore);
    }
}
