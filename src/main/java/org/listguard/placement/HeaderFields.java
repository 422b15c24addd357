package org.listguard.placement;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The header section of a received message as (name, unfolded value) fields, top to bottom
 * (RFC 5322 s2.2, s2.2.3). Remote input, so bounded: at most {@link #MAX_BYTES} bytes are read,
 * {@link #MAX_FIELDS} fields kept, each value cut at {@link #MAX_VALUE} characters; a line that is
 * neither a field nor a continuation is skipped. Never throws for content.
 */
public final class HeaderFields {
    public static final int MAX_BYTES = 256 * 1024;
    public static final int MAX_FIELDS = 1_000;
    public static final int MAX_VALUE = 4_000;

    /** One header field: its name as written and its value unfolded (CRLF + WSP become one space), stripped. */
    public record Field(String name, String value) {
        public boolean is(String header) { return name.equalsIgnoreCase(header); }
    }

    private HeaderFields() {}

    /** The fields of {@code raw} (a whole message or only its header section). */
    public static List<Field> parse(byte[] raw) {
        int end = Math.min(raw.length, MAX_BYTES);
        String text = new String(raw, 0, end, StandardCharsets.ISO_8859_1);
        List<Field> out = new ArrayList<>();
        String name = null;
        StringBuilder value = null;
        int i = 0;
        while (i < text.length()) {
            int nl = text.indexOf('\n', i);
            String line = nl < 0 ? text.substring(i) : text.substring(i, nl);
            i = nl < 0 ? text.length() : nl + 1;
            if (line.endsWith("\r")) line = line.substring(0, line.length() - 1);
            if (line.isEmpty()) break; // the end of the header section
            boolean continuation = line.charAt(0) == ' ' || line.charAt(0) == '\t';
            if (continuation) {
                if (value != null && value.length() < MAX_VALUE) value.append(' ').append(line.strip());
                continue;
            }
            if (name != null) add(out, name, value);
            name = null;
            value = null;
            if (out.size() >= MAX_FIELDS) break;
            int colon = line.indexOf(':');
            if (colon <= 0 || !validName(line, colon)) continue;
            name = line.substring(0, colon);
            value = new StringBuilder(line.substring(colon + 1).strip());
        }
        if (name != null && out.size() < MAX_FIELDS) add(out, name, value);
        return out;
    }

    private static void add(List<Field> out, String name, StringBuilder value) {
        String v = value.toString().strip();
        out.add(new Field(name, v.length() > MAX_VALUE ? v.substring(0, MAX_VALUE) : v));
    }

    /** RFC 5322 s3.6.8: printable US-ASCII except colon; 1 to 76 characters here. */
    private static boolean validName(String line, int colon) {
        if (colon > 76) return false;
        for (int k = 0; k < colon; k++) {
            char c = line.charAt(k);
            if (c < 33 || c > 126) return false;
        }
        return true;
    }

    static String lower(String s) { return s.toLowerCase(Locale.ROOT); }
}
