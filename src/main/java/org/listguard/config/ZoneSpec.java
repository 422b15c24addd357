package org.listguard.config;

import java.util.Map;

/**
 * One DNS reputation zone, as in the bundled catalog ({@code zones.yaml}) or a custom zone in config.
 *
 * @param zone        the DNS zone, e.g. zen.spamhaus.org
 * @param kind        {@code ip} or {@code domain}
 * @param type        {@code block} (a listing is bad), {@code allow} (a listing is good) or {@code score}
 * @param name        short human name
 * @param codes       answer (127.x.y.z) → meaning, for listings
 * @param errors      answer → meaning, for error answers that are not listings (→ unknown)
 * @param delistUrl   where to ask for removal
 * @param enabled     whether {@code default} includes it
 */
public record ZoneSpec(
        String zone,
        String kind,
        String type,
        String name,
        Map<String, String> codes,
        Map<String, String> errors,
        String delistUrl,
        Boolean enabled) {

    public ZoneSpec {
        kind = kind == null ? "ip" : kind;
        type = type == null ? "block" : type;
        codes = codes == null ? Map.of() : Map.copyOf(codes);
        errors = errors == null ? Map.of() : Map.copyOf(errors);
        enabled = enabled == null || enabled;
    }
}
