package org.listguard.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.listguard.send.Pace;
import org.listguard.send.Progress;

/**
 * The one-line progress display, fitted to a width: a bar and the facts in order of importance
 * (done/total, batch i/n, ETA or the countdown to the next batch, refused, deferred, accepted,
 * slow-down). When the line does not fit, the least important facts go first, then the bar
 * shrinks (never below 10 cells) or goes; the result is always shorter than the width, so the
 * terminal never wraps it. Plain ASCII, so characters are columns.
 */
final class ProgressLine {
    private ProgressLine() {}

    /**
     * @param waitLeft time left before the next batch starts, or null when not waiting
     */
    static String render(Progress p, Pace pace, Duration waitLeft, int width) {
        int max = Math.max(19, width - 1);
        long refused = p.problems() - p.deferred();
        List<String> facts = new ArrayList<>(); // most important first
        facts.add(p.done() + "/" + p.total());
        if (p.batch() > 0) facts.add("batch " + p.batch() + "/" + Math.max(p.batch(), p.batches()));
        facts.add(waitLeft != null ? "next batch in " + short_(waitLeft) : "ETA " + (p.eta(pace) == null ? "?" : short_(p.eta(pace))));
        facts.add(refused + " refused");
        facts.add(p.deferred() + " deferred");
        facts.add(p.accepted() + " ok");
        if (p.rateFactor() < 0.999) facts.add("rate " + Math.round(p.rateFactor() * 100) + "%");
        String text = String.join("  ", facts);
        while (facts.size() > 1 && text.length() + 12 > max) {
            facts.remove(facts.size() - 1);
            text = String.join("  ", facts);
        }
        int barCells = Math.min(30, max - text.length() - 3);
        if (barCells < 10) return text.length() <= max ? text : text.substring(0, max);
        int filled = p.total() == 0 ? barCells : (int) (barCells * Math.min(1.0, (double) p.done() / p.total()));
        return "[" + "#".repeat(filled) + "-".repeat(barCells - filled) + "] " + text;
    }

    /** "42s", "3m05s", "2h07m". */
    static String short_(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) return s + "s";
        if (s < 3600) return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }
}
