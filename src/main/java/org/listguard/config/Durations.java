package org.listguard.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as written in config: {@code 500ms}, {@code 2s}, {@code 10m}, {@code 1h}, {@code 1d}, or ISO-8601 {@code PT2S}. */
public final class Durations {
    private static final Pattern SIMPLE = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private Durations() {}

    public static Duration parse(String s) {
        String t = s.trim();
        Matcher m = SIMPLE.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        if (t.startsWith("P") || t.startsWith("p")) {
            try {
                return Duration.parse(t);
            } catch (RuntimeException e) {
                // fall through to the message below
            }
        }
        throw new IllegalArgumentException("'" + s + "' is not a duration (e.g. 500ms, 2s, 10m, 1h)");
    }

    /**
     * A duration for a person, in every view (issue 19: no "3999ms", no "PT24H"): whole seconds,
     * rounded up below a second and to the nearest second above, and at most two units:
     * {@code 0 s}, {@code 4 s}, {@code 2 min 30 s}, {@code 2 h 5 min}, {@code 1 d 3 h}. {@link #format}
     * stays the config's own form (config show, JSON).
     */
    public static String human(Duration d) {
        long ms = Math.max(0, d.toMillis());
        long s = ms == 0 ? 0 : ms < 1000 ? 1 : (ms + 500) / 1000;
        long days = s / 86_400, hours = s % 86_400 / 3600, min = s % 3600 / 60, sec = s % 60;
        if (days > 0) return days + " d" + (hours > 0 ? " " + hours + " h" : "");
        if (hours > 0) return hours + " h" + (min > 0 ? " " + min + " min" : "");
        if (min > 0) return min + " min" + (sec > 0 ? " " + sec + " s" : "");
        return sec + " s";
    }

    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 86_400_000 == 0 && ms > 0) return ms / 86_400_000 + "d";
        if (ms % 3_600_000 == 0 && ms > 0) return ms / 3_600_000 + "h";
        if (ms % 60_000 == 0 && ms > 0) return ms / 60_000 + "m";
        if (ms % 1000 == 0) return ms / 1000 + "s";
        return ms + "ms";
    }
}
