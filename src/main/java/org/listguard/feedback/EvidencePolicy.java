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
 *   <li>Otherwise each run counts once, with the weight of its strongest report against the
 *       address ({@link EvidenceWeights}: definitive, addressing, ambiguous); the member is
 *       suppressed when the sum reaches {@code threshold} over at least two distinct runs: one
 *       message is never enough.</li>
 *   <li>Evidence that the mailbox exists (its filter, a full or disabled mailbox:
 *       {@link Grade#EXISTS}) never suppresses. Each run counts once with its strongest report of
 *       any kind; when that sum reaches {@code threshold} over at least two runs and the member is
 *       not suppressed, the verdict is {@link Verdict#NEEDS_LOOK}: the operator is told, and
 *       decides.</li>
 * </ol>
 */
public final class EvidencePolicy {
    private EvidencePolicy() {}

    /** The member's standing. */
    public enum Verdict { SUPPRESS_DEFINITIVE, SUPPRESS_SCORE, NEEDS_LOOK, WATCH, CLEAN;

        public boolean suppresses() { return this == SUPPRESS_DEFINITIVE || this == SUPPRESS_SCORE; }

        public String json() { return name().toLowerCase(Locale.ROOT).replace('_', '-'); }
    }

    /** One entry of the history as the policy saw it: weighed, and whether it still counts. */
    public record Line(Weighed weighed, boolean counts, String note) {}

    /**
     * The decision and its grounds.
     *
     * @param score     the sum of each counting run's strongest weight against the address (this suppresses)
     * @param runs      the distinct runs that add to the score
     * @param look      the sum of each counting run's strongest weight of any kind, "the mailbox exists" included
     *                  (this only asks for the operator's look)
     * @param lookRuns  the distinct runs that add to {@code look}
     * @param deciding  the report that settled a suppression (the definitive one, or the run that crossed), or null
     * @param why       one sentence for the operator
     * @param history   every entry, oldest first
     */
    public record Standing(Verdict verdict, double score, int runs, double look, int lookRuns, double threshold, Entry deciding,
                           String why, List<Line> history) {}

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
        Map<String, Weighed> strongestAny = new LinkedHashMap<>();
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
            if (w.weight() > 0 && w.grade().againstAddress()) strongest.merge(e.run(), w, (a, b) -> b.weight() > a.weight() ? b : a);
            if (w.weight() > 0) strongestAny.merge(e.run(), w, (a, b) -> b.weight() > a.weight() ? b : a);
        }
        double score = 0;
        Entry crossing = null;
        Set<String> runs = new LinkedHashSet<>();
        for (Map.Entry<String, Weighed> r : strongest.entrySet()) {
            score += r.getValue().weight();
            runs.add(r.getKey());
            if (crossing == null && score >= settings.threshold() && runs.size() >= 2) crossing = r.getValue().entry();
        }
        double look = 0;
        Entry lookCrossing = null;
        Set<String> lookRuns = new LinkedHashSet<>();
        for (Map.Entry<String, Weighed> r : strongestAny.entrySet()) {
            look += r.getValue().weight();
            lookRuns.add(r.getKey());
            if (lookCrossing == null && look >= settings.threshold() && lookRuns.size() >= 2) lookCrossing = r.getValue().entry();
        }
        double t = settings.threshold();
        int lr = lookRuns.size();
        if (definitive != null) {
            return new Standing(Verdict.SUPPRESS_DEFINITIVE, score, runs.size(), look, lr, t, definitive,
                    "suppressed at once: " + EvidenceWeights.weigh(definitive, live, settings).why() + " (run " + definitive.run() + ")", lines);
        }
        if (addressingRuns.size() >= 2) {
            List<String> rs = new ArrayList<>(addressingRuns.keySet());
            Entry second = addressingRuns.get(rs.get(1)).entry();
            return new Standing(Verdict.SUPPRESS_DEFINITIVE, score, runs.size(), look, lr, t, second,
                    "suppressed: the addressing code " + second.status() + " in two distinct runs (" + rs.get(0) + ", " + rs.get(1) + ")", lines);
        }
        if (crossing != null) {
            return new Standing(Verdict.SUPPRESS_SCORE, score, runs.size(), look, lr, t, crossing,
                    String.format(Locale.ROOT, "suppressed: score %.1f reached the threshold %.1f over %d runs", score, t, runs.size()), lines);
        }
        if (lines.isEmpty()) return new Standing(Verdict.CLEAN, 0, 0, 0, 0, t, null, "no bounce evidence", lines);
        if (lookCrossing != null) {
            return new Standing(Verdict.NEEDS_LOOK, score, runs.size(), look, lr, t, lookCrossing, String.format(Locale.ROOT,
                    "needs your look: the receiver refused run after run (%.1f over %d runs, threshold %.1f), but its words say the "
                    + "mailbox exists (its filter, full or disabled); never suppressed on that alone: remove the member yourself if you "
                    + "judge it gone (listguard suppression add)", look, lr, t), lines);
        }
        String why = score == 0
                ? "not suppressed: nothing that counts against the address" + (live.size() < history.size() ? " (older evidence no longer counts)" : "")
                : String.format(Locale.ROOT, "not suppressed: score %.1f of %.1f over %d run(s)%s", score, t, runs.size(),
                        score >= t ? "; one run is never enough" : "");
        if (score == 0 && look > 0) {
            why = String.format(Locale.ROOT, "not suppressed: only evidence that the mailbox exists, which never suppresses "
                    + "(look score %.1f of %.1f over %d run(s))", look, t, lr);
        }
        return new Standing(score == 0 && look == 0 ? Verdict.CLEAN : Verdict.WATCH, score, runs.size(), look, lr, t, null, why, lines);
    }

    private static boolean counts(Entry e, Optional<Instant> resetAt, Instant staleBefore) {
        if (resetAt.isPresent() && !e.at().isAfter(resetAt.get())) return false;
        return !e.at().isBefore(staleBefore);
    }
}
