package org.listguard.audit.dnsbl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.listguard.config.Config;
import org.listguard.config.ConfigException;
import org.listguard.config.ConfigMapper;
import org.listguard.config.ConfigSource;
import org.listguard.config.Reputation;
import org.listguard.config.ZoneSpec;

/**
 * The zone catalog: the bundled {@code zones.yaml} or the file named by {@code reputation.catalog},
 * and the selection {@code reputation.zones} makes from it. Format: a mapping with {@code zones:}
 * (a list of {@link ZoneSpec} objects), nothing else.
 */
public final class ZoneCatalog {
    static final String RESOURCE = "/org/listguard/audit/zones.yaml";
    private static final ObjectMapper MAPPER = ConfigMapper.yaml();
    private static volatile ZoneCatalog bundled;
    /** Catalog files by path, re-read when their modification time or size changes (the guard re-checks often). */
    private static final java.util.concurrent.ConcurrentHashMap<Path, Map.Entry<String, ZoneCatalog>> files =
            new java.util.concurrent.ConcurrentHashMap<>();

    private final Map<String, ZoneSpec> byName;

    private ZoneCatalog(List<ZoneSpec> zones) {
        Map<String, ZoneSpec> m = new LinkedHashMap<>();
        for (ZoneSpec z : zones) m.put(z.catalogName(), z);
        this.byName = java.util.Collections.unmodifiableMap(m);
    }

    public static ZoneCatalog bundled() {
        ZoneCatalog c = bundled;
        if (c == null) {
            try (InputStream in = ZoneCatalog.class.getResourceAsStream(RESOURCE)) {
                if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the jar");
                c = parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), RESOURCE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            bundled = c;
        }
        return c;
    }

    /** Reads a catalog file; a broken one is a {@link ConfigException} naming the file and line. */
    public static ZoneCatalog load(Path file) {
        try {
            String stamp = Files.getLastModifiedTime(file) + "/" + Files.size(file);
            Map.Entry<String, ZoneCatalog> hit = files.get(file);
            if (hit != null && hit.getKey().equals(stamp)) return hit.getValue();
            ZoneCatalog c = parse(Files.readString(file), file.toString());
            files.put(file, Map.entry(stamp, c));
            return c;
        } catch (IOException e) {
            throw new ConfigException(file.toString(), 0, "zones", "cannot read the zone catalog: " + e.getMessage(), e);
        }
    }

    /** The file's shape: only {@code zones:} (unknown keys are errors, as in config). */
    record CatalogFile(List<ZoneSpec> zones) {}

    static ZoneCatalog parse(String yaml, String fileName) {
        try {
            CatalogFile f = MAPPER.readValue(yaml, CatalogFile.class);
            if (f == null || f.zones() == null) throw new ConfigException(fileName, 1, "zones", "a zone catalog needs a 'zones:' list");
            for (int i = 0; i < f.zones().size(); i++) {
                if (f.zones().get(i).zone() == null) throw new ConfigException(fileName, 0, "zones[" + i + "]", "an entry needs 'zone'");
            }
            return new ZoneCatalog(f.zones());
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNr());
            String key = "zones";
            if (e instanceof UnrecognizedPropertyException u) {
                // records bind through their constructors, so Jackson's position is past the key: find the key's line
                key = u.getPropertyName();
                line = lineOfKey(yaml, key, line);
                throw new ConfigException(fileName, line, key, "unknown key '" + key + "' in a zone entry", e);
            }
            throw new ConfigException(fileName, line, key, e.getOriginalMessage(), e);
        }
    }

    private static int lineOfKey(String yaml, String key, int fallback) {
        java.util.regex.Pattern p = java.util.regex.Pattern.compile("^\\s*(-\\s+)?" + java.util.regex.Pattern.quote(key) + "\\s*:");
        String[] lines = yaml.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) if (p.matcher(lines[i]).find()) return i + 1;
        return fallback;
    }

    public List<ZoneSpec> zones() { return List.copyOf(byName.values()); }

    /** By the name used in {@code reputation.zones}: the zone, without a {@code {key}.} label. */
    public Optional<ZoneSpec> find(String name) {
        return Optional.ofNullable(byName.get(name.toLowerCase(java.util.Locale.ROOT)));
    }

    /**
     * The zones {@code reputation.zones} selects, in order, without duplicates: {@code default}
     * means every catalog entry with {@code enabled: true}. An unknown name is a
     * {@link ConfigException} naming {@code reputation.zones[i]} and its line.
     */
    public static List<ZoneSpec> selected(Config config) {
        Reputation r = config.reputation();
        ConfigSource src = config.source() == null ? new ConfigSource(null, Map.of()) : config.source();
        ZoneCatalog cat = r.catalog() == null ? bundled() : load(r.catalog());
        Map<String, ZoneSpec> out = new LinkedHashMap<>();
        for (int i = 0; i < r.zones().size(); i++) {
            String n = r.zones().get(i).trim();
            if (n.equals("default")) {
                for (ZoneSpec z : cat.zones()) if (z.enabled()) out.putIfAbsent(z.zone(), z);
                continue;
            }
            Optional<ZoneSpec> z = cat.find(n);
            if (z.isEmpty()) {
                throw src.error("reputation.zones[" + i + "]", "unknown zone '" + n + "'; the catalog"
                        + (r.catalog() == null ? "" : " " + r.catalog()) + " has: " + String.join(", ", cat.byName.keySet())
                        + " (or write a custom zone object with zone, kind, type and codes)");
            }
            out.putIfAbsent(z.get().zone(), z.get());
        }
        for (ZoneSpec z : r.custom()) out.putIfAbsent(z.zone(), z);
        return List.copyOf(out.values());
    }

    /**
     * The name to query: the zone with {@code {key}} replaced by the value of its {@code key_env}
     * variable, or null when that variable is not set. The key never appears in findings (they
     * name {@link ZoneSpec#catalogName()}).
     */
    public static String queryZone(ZoneSpec z, Map<String, String> env) {
        if (!z.keyed()) return z.zone();
        String key = z.keyEnv() == null ? null : env.get(z.keyEnv());
        if (key == null || key.isBlank()) return null;
        return z.zone().replace("{key}", key.trim());
    }
}
