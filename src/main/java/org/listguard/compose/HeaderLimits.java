package org.listguard.compose;

import java.nio.charset.StandardCharsets;

/**
 * Size limits of a header field built from list data, checked on the text as it will be written
 * (encoded and folded). RFC 5322 §2.1.1: a line is at most 998 octets. mime4j, which jDKIM's
 * verifier parses a message with, refuses a header field over 10,000 characters (LIBRARIES.md);
 * listguard keeps a field within {@value #MAX_FIELD} octets so a receiver parsing that way can
 * always read (and verify) what we sign.
 */
final class HeaderLimits {
    static final int MAX_LINE = 998;
    static final int MAX_FIELD = 8_000;

    private HeaderLimits() {}

    /**
     * Why the header field {@code name: value} (value already folded, lines joined by CRLF) breaks
     * a limit, or null when it is fine.
     */
    static String problem(String name, String value) {
        int total = name.length() + 2 + value.getBytes(StandardCharsets.UTF_8).length;
        if (total > MAX_FIELD) {
            return "the " + name + " header would be " + total + " octets; listguard allows " + MAX_FIELD
                    + " (DKIM verifiers built on mime4j refuse 10,000)";
        }
        int longest = 0;
        int lineStart = 0;
        String field = name + ": " + value;
        for (int i = 0; i <= field.length(); i++) {
            if (i == field.length() || field.charAt(i) == '\n') {
                String line = field.substring(lineStart, i);
                longest = Math.max(longest, line.getBytes(StandardCharsets.UTF_8).length - (line.endsWith("\r") ? 1 : 0));
                lineStart = i + 1;
            }
        }
        if (longest > MAX_LINE) {
            return "the " + name + " header would have a line of " + longest + " octets that cannot be folded; "
                    + "RFC 5322 §2.1.1 allows " + MAX_LINE + " (a word this long has no space to fold at)";
        }
        return null;
    }
}
