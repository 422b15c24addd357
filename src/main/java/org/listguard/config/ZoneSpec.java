package org.listguard.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One DNS reputation zone, as in the bundled catalog ({@code zones.yaml}) or a custom zone in config.
 *
 * <p>Answers are matched against {@code errors} first (an error answer is never a listing), then
 * {@code codes}. A key is an exact answer ({@code 127.0.0.11}) or a pattern with {@code *} for an
 * octet ({@code 127.0.*.255}); in a {@code bitmask} zone a key is a bit value of the last octet
 * ({@code "8"}) and an answer means every listed bit set in it.
 *
 * @param zone          the DNS zone, e.g. zen.spamhaus.org; {@code {key}} is replaced by the value of
 *                      the environment variable named by {@code keyEnv} (Spamhaus DQS)
 * @param kind          {@code ip} or {@code domain}
 * @param type          {@code block} (a listing is bad), {@code allow} (a listing is good) or {@code score}
 * @param name          short human name
 * @param codes         answer → meaning (and severity), for listings
 * @param errors        answer → meaning and fix, for error answers that are not listings (→ unknown)
 * @param delistUrl     where to ask for removal; {@code {ip}} / {@code {domain}} are replaced
 * @param enabled       whether {@code default} includes it
 * @param bitmask       whether the last octet of an answer is a bit set (SURBL, URIBL)
 * @param origin        severity of a listing of the origin IP, {@code fail} (default) or {@code warn}
 * @param ipv6          whether the zone lists IPv6 addresses (default false: IPv6 targets are skipped)
 * @param keyEnv        environment variable holding the key for {@code {key}} in the zone name
 * @param health        whether to probe the zone as RFC 5782 §5 says (default true)
 * @param probeListed   the test entry that must be listed (default 127.0.0.2, or TEST for domain zones;
 *                      {@code none} when the zone documents no test entry)
 * @param probeUnlisted the test entry that must not be listed (default 127.0.0.1, or INVALID; {@code none} to skip)
 * @param score         for {@code type: score}: how to read the value and its thresholds
 * @param remediation   what to do about a listing on this zone
 */
public record ZoneSpec(
        String zone,
        String kind,
        String type,
        String name,
        Map<String, Code> codes,
        Map<String, Code> errors,
        String delistUrl,
        Boolean enabled,
        Boolean bitmask,
        String origin,
        Boolean ipv6,
        String keyEnv,
        Boolean health,
        String probeListed,
        String probeUnlisted,
        Score score,
        String remediation) {

    public ZoneSpec {
        kind = kind == null ? "ip" : kind;
        type = type == null ? "block" : type;
        name = name == null ? zone : name;
        codes = codes == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(codes));
        errors = errors == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(errors));
        enabled = enabled == null || enabled;
        bitmask = bitmask != null && bitmask;
        origin = origin == null ? "fail" : origin;
        ipv6 = ipv6 != null && ipv6;
        health = health == null || health;
        probeListed = probeListed != null ? probeListed : "domain".equals(kind) ? "test" : "127.0.0.2";
        probeUnlisted = probeUnlisted != null ? probeUnlisted : "domain".equals(kind) ? "invalid" : "127.0.0.1";
    }

    /** The zone as named in {@code reputation.zones}: the zone without a leading {@code {key}.} label. */
    public String catalogName() {
        return zone == null ? null : zone.replace("{key}.", "");
    }

    public boolean keyed() { return zone != null && zone.contains("{key}"); }

    /**
     * What one answer means. YAML: a plain string (the meaning) or an object.
     *
     * @param meaning     what the answer says
     * @param origin      severity on the origin IP ({@code warn} | {@code fail}); null = the zone's
     * @param note        said in the finding's detail (e.g. "the listing is of the neighbourhood")
     * @param remediation what to do (overrides the zone's)
     * @param value       for score zones: the score this answer stands for
     */
    public record Code(String meaning, String origin, String note, String remediation, Integer value) {
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public static Code of(String meaning) {
            return new Code(meaning, null, null, null, null);
        }

        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        public Code {
        }
    }

    /**
     * How a score zone's answer is read: the value is an octet of the answer (1-4) unless a code
     * gives it; lower is worse. Below {@code failBelow} fails, below {@code warnBelow} warns.
     */
    public record Score(Integer octet, Integer failBelow, Integer warnBelow, String scale) {
        public Score {
            octet = octet == null ? 4 : octet;
            failBelow = failBelow == null ? 0 : failBelow;
            warnBelow = warnBelow == null ? failBelow : warnBelow;
        }
    }
}
