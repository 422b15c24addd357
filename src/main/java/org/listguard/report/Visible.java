package org.listguard.report;

/**
 * Remote text made safe for a terminal: an SMTP reply, a bounce's diagnostic or a file name may
 * hold ESC/CSI/OSC sequences (recolour, retitle, rewrite what the operator sees, even make some
 * terminals act), a CR that overwrites the line, or a bidi control that reorders it. Every text
 * output passes through here at its edge; each such character is shown as an escape instead —
 * {@code \x1b}, {@code \r}, {@code \x9b}, {@code \u202e} — so nothing is hidden and nothing acts.
 * A backslash stays as it is (the output is for reading, not for parsing back).
 */
public final class Visible {
    private Visible() {}

    /** A multi-line text: line feeds kept, tabs kept, every other control shown escaped. */
    public static String text(String s) {
        return escape(s, true);
    }

    /** One line: line feeds shown as {@code \n} too. */
    public static String line(String s) {
        return escape(s, false);
    }

    private static String escape(String s, boolean keepLines) {
        if (s == null) return null;
        int i = 0;
        while (i < s.length() && !escaped(s.charAt(i), keepLines)) i++;
        if (i == s.length()) return s;
        StringBuilder sb = new StringBuilder(s.length() + 16).append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!escaped(c, keepLines)) {
                sb.append(c);
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c < 0x100) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(String.format("\\u%04x", (int) c));
            }
        }
        return sb.toString();
    }

    private static boolean escaped(char c, boolean keepLines) {
        if (c == '\n') return !keepLines;
        if (c == '\t') return false;
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029 || c == 0x061c || c == 0x200e || c == 0x200f
                || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
    }
}
