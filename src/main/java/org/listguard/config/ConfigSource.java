package org.listguard.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where a config came from and the line of every key in it, so that checks running long after
 * loading (an unknown zone name, an unreadable key file) still name the line.
 *
 * @param lines dotted key path (e.g. {@code relays[0].port}) → 1-based line
 */
public record ConfigSource(Path file, Map<String, Integer> lines) {
    public ConfigSource {
        lines = Map.copyOf(lines);
    }

    /** The line of a key, or of its nearest ancestor that has one; 0 when none does. */
    public int lineOf(String key) {
        String k = key;
        while (k != null && !k.isEmpty()) {
            Integer l = lines.get(k);
            if (l != null) return l;
            int cut = Math.max(k.lastIndexOf('.'), k.lastIndexOf('['));
            k = cut < 0 ? null : k.substring(0, cut);
        }
        return 0;
    }

    public ConfigException error(String key, String problem) {
        return new ConfigException(file == null ? "<config>" : file.toString(), lineOf(key), key, problem);
    }
}
