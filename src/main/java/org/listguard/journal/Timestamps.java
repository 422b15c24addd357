package org.listguard.journal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The journal's one timestamp form: ISO-8601 UTC with exactly three fraction digits
 * ("2026-11-01T09:00:00.123Z"). Fixed width, so text order is time order in SQL on any engine.
 */
public final class Timestamps {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private Timestamps() {}

    public static String format(Instant t) {
        return t == null ? null : FORMAT.format(t.truncatedTo(ChronoUnit.MILLIS));
    }

    public static Instant parse(String s) {
        return s == null ? null : Instant.parse(s);
    }
}
