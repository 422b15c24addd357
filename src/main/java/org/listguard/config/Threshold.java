package org.listguard.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.time.Duration;

/**
 * "N events" or "N events within a window": YAML {@code 1} or {@code "5 in 10m"}.
 *
 * @param window null means "N events in the whole run"
 */
public record Threshold(int count, Duration window) {
    public Threshold {
        if (count < 1) throw new IllegalArgumentException("count must be at least 1, got " + count);
    }

    @JsonCreator
    public static Threshold of(int count) { return new Threshold(count, null); }

    @JsonCreator
    public static Threshold parse(String s) {
        String t = s.trim();
        int in = t.indexOf(" in ");
        try {
            if (in < 0) return new Threshold(Integer.parseInt(t), null);
            return new Threshold(Integer.parseInt(t.substring(0, in).trim()), Durations.parse(t.substring(in + 4)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + s + "' is not N or \"N in DURATION\" (e.g. \"5 in 10m\")");
        }
    }

    @Override
    public String toString() { return window == null ? Integer.toString(count) : count + " in " + Durations.format(window); }
}
