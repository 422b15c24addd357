package org.listguard.schedule;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.listguard.config.Campaign;
import org.listguard.config.Config;

/** Reads the campaigns' Quartz cron expressions and computes when they fire next. */
public final class Schedules {
    private Schedules() {}

    /**
     * Campaigns with a schedule, in name order, each with its next {@code count} firing times, or
     * with its error when the campaign cannot run (the others are listed as usual).
     */
    public static List<ScheduleEntry> of(Config config, Clock clock, ZoneId zone, int count) {
        List<ScheduleEntry> out = new ArrayList<>();
        for (Campaign c : config.campaigns().values().stream().sorted(Comparator.comparing(Campaign::name)).toList()) {
            if (c.cron().isEmpty()) continue;
            String error = c.error().map(Throwable::getMessage).orElse(null);
            List<ZonedDateTime> next = List.of();
            try {
                next = next(c.schedule(), clock, zone, count);
            } catch (IllegalArgumentException e) {
                if (error == null) error = e.getMessage();
            }
            out.add(new ScheduleEntry(c.name(), c.schedule(), next, error));
        }
        return out;
    }

    static List<ZonedDateTime> next(String cron, Clock clock, ZoneId zone, int count) {
        Slots slots = Slots.of(cron, zone);
        List<ZonedDateTime> out = new ArrayList<>();
        Instant t = clock.instant();
        for (int i = 0; i < count; i++) {
            Optional<Instant> n = slots.after(t);
            if (n.isEmpty()) break;
            t = n.get();
            out.add(t.atZone(zone));
        }
        return out;
    }
}
