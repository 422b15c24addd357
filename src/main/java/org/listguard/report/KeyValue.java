package org.listguard.report;

import java.util.Map;

/**
 * One log line in Postfix's manner: {@code key=value} pairs separated by spaces, a value quoted
 * when it holds a space, a quote, an equals sign or nothing, with {@code \"} and {@code \\}
 * escaped and control characters written as {@code \n}, {@code \r}, {@code \t} or {@code \xHH},
 * so a remote reply can never break the line or forge another one.
 */
public final class KeyValue {
    private KeyValue() {}

    /** The pairs in order; null values are left out. */
    public static String line(Map<String, ?> pairs) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, ?> e : pairs.entrySet()) {
            if (e.getValue() == null) continue;
            if (sb.length() > 0) sb.append(' ');
            sb.append(e.getKey()).append('=').append(value(String.valueOf(e.getValue())));
        }
        return sb.toString();
    }

    /** One value, quoted and escaped when needed. */
    public static String value(String v) {
        boolean quote = v.isEmpty();
        StringBuilder sb = new StringBuilder(v.length() + 2);
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '"' -> { sb.append("\\\""); quote = true; }
                case '\\' -> { sb.append("\\\\"); quote = true; }
                case '\n' -> { sb.append("\\n"); quote = true; }
                case '\r' -> { sb.append("\\r"); quote = true; }
                case '\t' -> { sb.append("\\t"); quote = true; }
                case ' ', '=' -> { sb.append(c); quote = true; }
                default -> {
                    if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029') {
                        sb.append(String.format("\\x%02x", (int) c & 0xff));
                        quote = true;
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return quote ? "\"" + sb + "\"" : sb.toString();
    }
}
