package org.listguard.reply;

import java.util.List;
import java.util.Set;
import com.google.re2j.Pattern;

/**
 * One reply rule from the rule file: every condition that is present must hold (an absent
 * condition always holds; a rule has at least one). Patterns: reply codes with {@code x} as a
 * wildcard digit ("5xx"); enhanced codes exact or with a trailing {@code *} ("5.7.*").
 *
 * Text patterns run on RE2/J, whose matching time is linear in the input whatever the pattern
 * (no backtracking, no recursion), so neither a shipped nor a user's rule can hang or overflow the
 * stack on a hostile reply (issue 13).
 *
 * @param source    where the fact comes from (operator page, Sisimai module, RFC), kept for review
 * @param unlessEnhanced enhanced-code patterns that disable the rule (weak phrases under X.7.x)
 * @param hosts     provider domains: the rule applies only to a reply from one of them or a host
 *                  under it ({@link Reply#from}: the replying host, the reporting MTA, the notice's
 *                  sender or recipient domain); a provider's own code or wording means nothing elsewhere
 * @param permanent the matched text itself proves a permanent condition (a DNS fact such as a null
 *                  MX, RFC 7505), so a 4xx status given by the reporting MTA does not soften it
 * @param matcher   how {@code text} is run: split by alternative, each behind its literal pre-filter
 *                  ({@link TextMatcher}). Derived from {@code text}: pass null.
 */
public record ReplyRule(String id, String source, String reason, Action action, Pattern text,
                        List<String> codes, List<String> enhanced, List<String> unlessEnhanced, Set<Stage> stages,
                        boolean permanent, List<String> hosts, TextMatcher matcher) {

    public ReplyRule(String id, String source, String reason, Action action, Pattern text, List<String> codes,
                     List<String> enhanced, List<String> unlessEnhanced, Set<Stage> stages, boolean permanent) {
        this(id, source, reason, action, text, codes, enhanced, unlessEnhanced, stages, permanent, List.of(), null);
    }

    public ReplyRule(String id, String source, String reason, Action action, Pattern text, List<String> codes,
                     List<String> enhanced, List<String> unlessEnhanced, Set<Stage> stages, boolean permanent, List<String> hosts) {
        this(id, source, reason, action, text, codes, enhanced, unlessEnhanced, stages, permanent, hosts, null);
    }

    public ReplyRule {
        matcher = text == null ? null : TextMatcher.of(text);
        codes = codes == null ? List.of() : List.copyOf(codes);
        enhanced = enhanced == null ? List.of() : List.copyOf(enhanced);
        unlessEnhanced = unlessEnhanced == null ? List.of() : List.copyOf(unlessEnhanced);
        stages = stages == null ? Set.of() : Set.copyOf(stages);
        hosts = hosts == null ? List.of() : hosts.stream().map(h -> h.trim().toLowerCase(java.util.Locale.ROOT)).toList();
        for (String h : hosts) {
            if (!h.matches("[a-z0-9-]+(?:\\.[a-z0-9-]+)+")) throw new IllegalArgumentException("rule " + id + ": '" + h + "' is not a domain name");
        }
        if (text == null && codes.isEmpty() && enhanced.isEmpty()) {
            throw new IllegalArgumentException("rule " + id + " has no text, codes or enhanced condition");
        }
    }

    /** Whether this rule applies; {@code text} is the normalised reply text. */
    public boolean matches(Reply r, String text) {
        return matches(r, text, Folded.of(text));
    }

    /** As {@link #matches(Reply, String)}, with the text already folded for the literal pre-filter. */
    boolean matches(Reply r, String text, Folded folded) {
        if (!stages.isEmpty() && !stages.contains(r.stage())) return false;
        if (!hosts.isEmpty() && hosts.stream().noneMatch(r::from)) return false;
        if (!codes.isEmpty() && codes.stream().noneMatch(p -> codeMatches(p, r.code()))) return false;
        if (!enhanced.isEmpty() && (r.enhanced() == null
                || enhanced.stream().noneMatch(p -> enhancedMatches(p, r.enhanced())))) return false;
        if (r.enhanced() != null && unlessEnhanced.stream().anyMatch(p -> enhancedMatches(p, r.enhanced()))) return false;
        return this.text == null || matcher.find(text, folded);
    }

    static boolean codeMatches(String pattern, int code) {
        if (code <= 0) return false;
        String c = Integer.toString(code);
        if (c.length() != pattern.length()) return false;
        for (int i = 0; i < c.length(); i++) {
            char p = pattern.charAt(i);
            if (p != 'x' && p != 'X' && p != c.charAt(i)) return false;
        }
        return true;
    }

    static boolean enhancedMatches(String pattern, String code) {
        if (pattern.endsWith("*")) return code.startsWith(pattern.substring(0, pattern.length() - 1));
        return pattern.equals(code);
    }
}
