package org.listguard.list;

/**
 * Whitespace in a list's address cell. Around the address it is an artefact of a spreadsheet or a
 * copy from a web page (a trailing space, a no-break space, a zero-width space): listguard removes
 * it, sends to the address, and says so, naming the row. Inside the address it makes another
 * address or none at all ({@code ann @example.org}, {@code ann@exa mple.org}): the row is invalid.
 * Whitespace here is Unicode's ({@link Character#isWhitespace}, {@link Character#isSpaceChar}:
 * spaces, tabs, line breaks, U+00A0, U+2000–U+200A, U+3000 …) plus the invisible U+180E, U+200B,
 * U+2060 and U+FEFF that such copies carry.
 */
public final class AddressSpace {
    private AddressSpace() {}

    public static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u180e' || c == '\u200b' || c == '\u2060' || c == '\ufeff';
    }

    /** The value without whitespace at either end. */
    public static String strip(String s) {
        int start = 0, end = s.length();
        while (start < end && isSpace(s.charAt(start))) start++;
        while (end > start && isSpace(s.charAt(end - 1))) end--;
        return start == 0 && end == s.length() ? s : s.substring(start, end);
    }

    /** The index of the first whitespace character inside the (stripped) value, or -1. */
    public static int firstInside(String s) {
        for (int i = 0; i < s.length(); i++) if (isSpace(s.charAt(i))) return i;
        return -1;
    }

    /** What was removed around {@code stripped} in {@code raw}, and what to do: the warning's text (no file or line). */
    static String removed(String raw, String stripped) {
        int lead = raw.indexOf(stripped);
        int trail = raw.length() - lead - stripped.length();
        StringBuilder sb = new StringBuilder("whitespace around the address removed (");
        if (lead > 0) sb.append(describe(raw.substring(0, lead), "leading"));
        if (lead > 0 && trail > 0) sb.append("; ");
        if (trail > 0) sb.append(describe(raw.substring(raw.length() - trail), "trailing"));
        return sb.append("): sending to ").append(stripped).append("; remove it from the list to silence this warning").toString();
    }

    /** Why whitespace inside the address makes it unusable, naming the character and its position (1-based). */
    static String inside(String address, int at) {
        return "has whitespace inside the address (" + name(address.charAt(at)) + " at character " + (at + 1)
                + "); an address has none: correct the cell (two addresses in one cell, or a missing comma between columns?)";
    }

    private static String describe(String spaces, String where) {
        StringBuilder sb = new StringBuilder(where).append(' ');
        for (int i = 0; i < spaces.length() && i < 3; i++) sb.append(i == 0 ? "" : ", ").append(name(spaces.charAt(i)));
        if (spaces.length() > 3) sb.append(" and ").append(spaces.length() - 3).append(" more");
        return sb.toString();
    }

    /** {@code U+00A0 NO-BREAK SPACE}. */
    static String name(char c) {
        String n = Character.getName(c);
        return String.format("U+%04X", (int) c) + (n == null ? "" : " " + n);
    }
}
