package org.listguard.audit.auth;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code tag=value; tag=value} syntax shared by DKIM key records (RFC 6376 §3.2) and DMARC
 * records (RFC 7489 §6.4). Tag names are lower-cased; values are trimmed, with internal folding
 * whitespace removed only where the caller asks.
 */
final class TagList {
    private TagList() {}

    static Map<String, String> parse(String record) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (String part : record.split(";")) {
            int eq = part.indexOf('=');
            if (eq <= 0) continue;
            String name = part.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            if (!tags.containsKey(name)) tags.put(name, part.substring(eq + 1).trim());
        }
        return tags;
    }
}
