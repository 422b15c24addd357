package org.listguard.compose;

import jakarta.mail.internet.MimeUtility;

/**
 * Header folding at spaces (RFC 5322 §2.2.3), the same output as {@link MimeUtility#fold} without
 * its cost: after folding, Jakarta Mail re-reads the result line by line through a new
 * {@code BufferedReader} (an 8,192-character buffer per header, per message) only to remove line
 * breaks the value itself might hold. Values from the composer hold none (list data with a control
 * character is refused before), so that step changes nothing; a value that has a line break, or
 * starts with a blank (which would fold into an empty first line), goes to Jakarta Mail as before.
 */
final class Fold {
    private static final int LINE = 76;

    private Fold() {}

    /** @param used the characters already on the first line (the field name and ": ") */
    static String fold(int used, String s) {
        if (s.isEmpty() || s.charAt(0) == ' ' || s.charAt(0) == '\t' || s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0) {
            return MimeUtility.fold(used, s);
        }
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t')) end--;
        if (end != s.length()) s = s.substring(0, end);
        if (used + s.length() <= LINE) return s;
        StringBuilder sb = new StringBuilder(s.length() + 8);
        char lastc = 0;
        int from = 0; // the rest of s still to fold starts here
        while (used + (s.length() - from) > LINE) {
            int lastspace = -1;
            for (int i = 0; from + i < s.length(); i++) {
                if (lastspace != -1 && used + i > LINE) break;
                char c = s.charAt(from + i);
                if ((c == ' ' || c == '\t') && !(lastc == ' ' || lastc == '\t')) lastspace = i;
                lastc = c;
            }
            if (lastspace == -1) break; // no space: the rest goes on as it is
            sb.append(s, from, from + lastspace).append("\r\n");
            lastc = s.charAt(from + lastspace);
            sb.append(lastc);
            from += lastspace + 1;
            used = 1;
        }
        return sb.append(s, from, s.length()).toString();
    }
}
