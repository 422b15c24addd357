package org.listguard.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.listguard.journal.Timestamps;
import org.listguard.report.Json;
import org.listguard.report.KeyValue;

/**
 * The one log format of listguard under cron and the daemon (and of its logback lines): one line
 * per event, a UTC ISO-8601 timestamp with milliseconds, then {@code key=value} pairs in Postfix's
 * manner ({@code --log-format text}, the default), or one JSON object per line for log shippers
 * ({@code --log-format json}). Never a multi-line block: values are escaped onto one line.
 */
public enum LogStyle {
    TEXT, JSON;

    private static volatile LogStyle current = TEXT;

    /** The style chosen for this process ({@code --log-format}). */
    public static LogStyle current() { return current; }

    static void use(LogStyle style) { current = style; }

    /** One line (without the line break) in the current style. */
    public static String line(Instant at, String level, Map<String, ?> pairs) {
        return current.format(at, level, pairs);
    }

    String format(Instant at, String level, Map<String, ?> pairs) {
        String ts = Timestamps.format(at);
        String lvl = level.toLowerCase(Locale.ROOT);
        if (this == TEXT) {
            Map<String, Object> all = new LinkedHashMap<>();
            all.put("level", lvl);
            all.putAll(pairs);
            return ts + " " + KeyValue.line(all);
        }
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("ts", ts);
        n.put("level", lvl);
        pairs.forEach((k, v) -> {
            if (v == null) return;
            if (v instanceof Long || v instanceof Integer) n.put(k, ((Number) v).longValue());
            else if (v instanceof Double d) n.put(k, d);
            else n.put(k, String.valueOf(v));
        });
        try {
            return Json.mapper().writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValueAsString(n);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
