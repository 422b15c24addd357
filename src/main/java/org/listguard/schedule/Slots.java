package org.listguard.schedule;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.Optional;
import java.util.TimeZone;
import org.quartz.CronExpression;

/**
 * A campaign's scheduled slots: the instants its Quartz cron expression names, in a time zone.
 * Quartz's {@code CronExpression} only walks forward, so the latest slot before a time is found by
 * walking forward from ever earlier starting points (a minute, two, four… back, up to about five years).
 */
public final class Slots {
    private static final Duration FIRST_LOOK_BACK = Duration.ofMinutes(1);
    private static final Duration LONGEST_LOOK_BACK = Duration.ofDays(366 * 5);

    private final CronExpression cron;

    private Slots(CronExpression cron) {
        this.cron = cron;
    }

    /** @throws IllegalArgumentException when {@code expression} is not a Quartz cron expression */
    public static Slots of(String expression, ZoneId zone) {
        try {
            CronExpression e = new CronExpression(expression);
            e.setTimeZone(TimeZone.getTimeZone(zone));
            return new Slots(e);
        } catch (ParseException ex) {
            throw new IllegalArgumentException("'" + expression + "' is not a Quartz cron expression: " + ex.getMessage(), ex);
        }
    }

    /** The first slot strictly after {@code t}, if the expression has one. */
    public Optional<Instant> after(Instant t) {
        Date d = cron.getNextValidTimeAfter(Date.from(t));
        return Optional.ofNullable(d).map(Date::toInstant);
    }

    /** The latest slot at or before {@code now}, if there is one within about five years. */
    public Optional<Instant> latestAtOrBefore(Instant now) {
        for (Duration back = FIRST_LOOK_BACK; back.compareTo(LONGEST_LOOK_BACK) <= 0; back = back.multipliedBy(2)) {
            Optional<Instant> found = Optional.empty();
            // getNextValidTimeAfter is strictly after and has second precision: start one second earlier
            Optional<Instant> s = after(now.minus(back).minusSeconds(1));
            while (s.isPresent() && !s.get().isAfter(now)) {
                found = s;
                s = after(s.get());
            }
            if (found.isPresent()) return found;
        }
        return Optional.empty();
    }
}
