package org.listguard.reply;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.List;

/**
 * How a rule's pattern is run, fast and in linear time. The pattern is split into its top-level
 * alternatives, each compiled on its own (RE2/J, linear in the input) with the literal every match
 * of it must contain ({@link Literals}); an alternative runs only when its literal is in the text.
 * "Some alternative matches somewhere" is exactly "the whole pattern matches somewhere", so the
 * split changes nothing but the cost: a small program instead of the whole alternation, and most
 * alternatives not run at all. A pattern with flag groups ("(?-i)") is not split.
 */
final class TextMatcher {
    private record Part(Pattern pattern, List<String> literals) {}

    private final List<Part> parts;

    private TextMatcher(List<Part> parts) { this.parts = List.copyOf(parts); }

    static TextMatcher of(Pattern whole) {
        String p = whole.pattern();
        List<String> alts = Literals.topLevelAlternatives(p);
        List<Part> parts = new ArrayList<>();
        if (alts.size() == 1 || p.matches("(?s).*\\(\\?[imsU-]+\\).*")) {
            parts.add(new Part(whole, Literals.of(p).orElse(List.of())));
        } else {
            for (String alt : alts) {
                List<String> req = Literals.required(alt);
                parts.add(new Part(Pattern.compile(alt, whole.flags()), req == null ? List.of() : req));
            }
        }
        return new TextMatcher(parts);
    }

    /** Whether the pattern matches somewhere in {@code text} ({@code folded} = {@link Folded#of}(text)). */
    boolean find(String text, Folded folded) {
        for (Part part : parts) {
            if (runs(part, folded) && part.pattern().matcher(text).find()) return true;
        }
        return false;
    }

    /** The leftmost match's start and end, or null when none. */
    int[] span(String text, Folded folded) {
        int[] best = null;
        for (Part part : parts) {
            if (!runs(part, folded)) continue;
            Matcher m = part.pattern().matcher(text);
            if (m.find() && (best == null || m.start() < best[0])) best = new int[] {m.start(), m.end()};
        }
        return best;
    }

    /** Every literal of every part (for tests: the pre-filter's view). */
    List<List<String>> literals() { return parts.stream().map(Part::literals).toList(); }

    private static boolean runs(Part part, Folded folded) {
        List<String> lits = part.literals();
        if (lits.isEmpty()) return true;
        for (int i = 0; i < lits.size(); i++) {
            if (folded.contains(lits.get(i))) return true;
        }
        return false;
    }
}
