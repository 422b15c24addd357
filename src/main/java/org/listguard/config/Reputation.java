package org.listguard.config;

import java.nio.file.Path;
import java.util.List;

/**
 * Which reputation zones to query. YAML {@code zones:} is {@code default}, or a list whose items are
 * catalog zone names, the word {@code default} (all catalog zones enabled by default), or custom
 * zone objects ({@link ZoneSpec}).
 *
 * @param zones   catalog names (may include "default")
 * @param custom  zones defined inline
 * @param catalog optional file replacing the bundled catalog (same format as the resource)
 * @param rdnsGeneric optional file replacing the bundled generic-rDNS signals ({@code rdns-generic.yaml})
 */
public record Reputation(List<String> zones, List<ZoneSpec> custom, Path catalog, Path rdnsGeneric) {
    public static final Reputation DEFAULT = new Reputation(List.of("default"), List.of(), null, null);

    public Reputation(List<String> zones, List<ZoneSpec> custom, Path catalog) {
        this(zones, custom, catalog, null);
    }

    public Reputation {
        zones = zones == null ? List.of("default") : List.copyOf(zones);
        custom = custom == null ? List.of() : List.copyOf(custom);
    }
}
