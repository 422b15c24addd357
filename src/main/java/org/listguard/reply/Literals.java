package org.listguard.reply;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A cheap, exact pre-filter for a rule's pattern: for each top-level alternative, a literal run
 * that every match of that alternative must contain. When the (lower-cased) text contains none of
 * them, the pattern cannot match and the regex engine is not run. This is what RE2 does with a
 * literal prefix, extended to every alternative; it keeps the linear-time engine fast on the
 * common case (most rules do not apply to most replies). A pattern with an alternative that has no
 * required literal of {@value #MIN} characters gets no pre-filter (the regex always runs).
 */
final class Literals {
    static final int MIN = 3;

    private Literals() {}

    /** The required literals (lower-case), one per alternative, or empty when some alternative has none. */
    static Optional<List<String>> of(String pattern) {
        List<String> out = new ArrayList<>();
        for (String alt : topLevelAlternatives(pattern)) {
            List<String> best = required(alt);
            if (best == null) return Optional.empty();
            for (String b : best) if (!out.contains(b)) out.add(b);
        }
        return out.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(out));
    }

    /** The text as the pre-filter compares it: lower case, long s folded as RE2's case folding does. */
    static String fold(String s) {
        return s.toLowerCase(Locale.ROOT).replace('\u017f', 's').replace('\u212a', 'k');
    }

    static List<String> topLevelAlternatives(String p) {
        List<String> alts = new ArrayList<>();
        int depth = 0, start = 0;
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                i = classEnd(p, i);
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                alts.add(p.substring(start, i));
                start = i + 1;
            }
        }
        alts.add(p.substring(start));
        return alts;
    }

    /** Index of the ']' closing the class opened at {@code open}. */
    private static int classEnd(String p, int open) {
        int i = open + 1;
        if (i < p.length() && p.charAt(i) == '^') i++;
        if (i < p.length() && p.charAt(i) == ']') i++;
        for (; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '\\') i++;
            else if (c == '[' && i + 1 < p.length() && p.charAt(i + 1) == ':') i = p.indexOf(":]", i + 2) + 1;
            else if (c == ']') return i;
        }
        return p.length();
    }

    /**
     * What a match of this alternative (a sequence at this level) must contain: the longest run of
     * literal characters outside groups and classes, or, when longer, one of the literals a
     * non-optional group requires; null when there is nothing of {@value #MIN} characters.
     */
    static List<String> required(String alt) {
        List<String> best = null;
        StringBuilder run = new StringBuilder();
        int i = 0;
        while (i < alt.length()) {
            char c = alt.charAt(i);
            int next;
            Character literal = null;
            List<String> group = null;
            if (c == '\\' && i + 1 < alt.length()) {
                char e = alt.charAt(i + 1);
                if (!Character.isLetterOrDigit(e)) literal = e; // \. \[ \( … are the character itself
                next = i + 2;
                if (e == 'Q') return null; // quoted text: not analysed, the regex always runs
                if (e == 'x' || e == 'p' || e == 'P') {
                    // \x41, \x{263a}, \pL, \p{Greek}: one character, not taken as a literal
                    if (next < alt.length() && alt.charAt(next) == '{') next = alt.indexOf('}', next) + 1;
                    else next = e == 'x' ? i + 4 : i + 3;
                    if (next <= 0 || next > alt.length()) return null;
                }
            } else if (c == '[') {
                next = classEnd(alt, i) + 1;
            } else if (c == '(') {
                int depth = 0, j = i;
                for (; j < alt.length(); j++) {
                    char d = alt.charAt(j);
                    if (d == '\\') j++;
                    else if (d == '[') j = classEnd(alt, j);
                    else if (d == '(') depth++;
                    else if (d == ')' && --depth == 0) break;
                }
                next = j + 1;
                String inner = groupBody(alt.substring(i + 1, Math.min(j, alt.length())));
                if (inner != null) group = of(inner).orElse(null);
            } else if (".^$".indexOf(c) >= 0) {
                next = i + 1;
            } else if ("*+?{".indexOf(c) >= 0) {
                // a quantifier on something that was not a literal: skip it
                best = better(best, run);
                run.setLength(0);
                i = skipQuantifier(alt, i);
                continue;
            } else {
                literal = c;
                next = i + 1;
            }
            // a quantifier after this atom?
            char q = next < alt.length() ? alt.charAt(next) : 0;
            boolean optional = q == '?' || q == '*' || (q == '{' && alt.startsWith("{0", next));
            boolean repeated = q == '+' || (q == '{' && !optional);
            if (literal != null && !optional) {
                run.append(literal);
                if (repeated) {
                    best = better(best, run);
                    run.setLength(0);
                }
            } else {
                best = better(best, run);
                run.setLength(0);
                if (group != null && !optional && shortest(group) > shortest(best)) best = group;
            }
            i = q == '?' || q == '*' || q == '+' || q == '{' ? skipQuantifier(alt, next) : next;
        }
        best = better(best, run);
        return best == null || shortest(best) < MIN ? null : best;
    }

    /** The body of a group "(…)" without its "?:", "?i:", "?P&lt;name&gt;" prefix; null for a flags-only group. */
    private static String groupBody(String g) {
        if (!g.startsWith("?")) return g;
        if (g.startsWith("?P<") || g.startsWith("?<")) {
            int gt = g.indexOf('>');
            return gt < 0 ? null : g.substring(gt + 1);
        }
        int colon = g.indexOf(':');
        int close = g.indexOf(')');
        if (colon < 0 || (close >= 0 && close < colon)) return null;
        String flags = g.substring(1, colon);
        return flags.matches("[imsU-]*") ? g.substring(colon + 1) : null;
    }

    private static int shortest(List<String> set) {
        return set == null ? 0 : set.stream().mapToInt(String::length).min().orElse(0);
    }

    private static List<String> better(List<String> best, StringBuilder run) {
        return run.length() > shortest(best) ? List.of(fold(run.toString())) : best;
    }

    private static int skipQuantifier(String p, int i) {
        int j = i;
        if (p.charAt(j) == '{') {
            int close = p.indexOf('}', j);
            j = close < 0 ? p.length() : close + 1;
        } else {
            j++;
        }
        if (j < p.length() && (p.charAt(j) == '?' || p.charAt(j) == '+')) j++;
        return j;
    }

}
