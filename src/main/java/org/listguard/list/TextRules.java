package org.listguard.list;

/**
 * Characters no list value bound for a header or an address may hold. Control characters (C0,
 * DEL, C1, the line and paragraph separators) end or corrupt a header line (RFC 5322 §2.2).
 * Bidirectional and invisible format controls (Unicode TR #9: U+061C, U+200E/F, U+202A–U+202E,
 * U+2066–U+2069) make a name or address display as something else — "Trojan Source" style
 * spoofing (CVE-2021-42574) — and have no place in a From/To name or a subject.
 */
public final class TextRules {
    private TextRules() {}

    public static boolean isControl(int c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029;
    }

    public static boolean isBidiControl(int c) {
        return c == 0x061c || c == 0x200e || c == 0x200f || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
    }

    /** The index of the first control or bidi control character, or -1. */
    public static int firstRefused(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (isControl(c) || isBidiControl(c)) return i;
        }
        return -1;
    }

    /** The index of the first bidi control character, or -1. */
    public static int firstInvisible(String s) {
        for (int i = 0; i < s.length(); i++) if (isBidiControl(s.charAt(i))) return i;
        return -1;
    }

    public static String describe(char c) {
        return switch (c) {
            case '\r' -> "CR (U+000D)";
            case '\n' -> "LF (U+000A)";
            case '\t' -> "TAB (U+0009)";
            default -> String.format("U+%04X", (int) c) + (isBidiControl(c) ? " (a bidirectional text control)" : "");
        };
    }
}
