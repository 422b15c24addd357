package org.listguard.schedule;

import java.text.ParseException;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import org.listguard.config.Campaign;
import org.listguard.config.Config;
import org.quartz.CronExpression;

/** Reads the campaigns' Quartz cron expressions and computes when they fire next. */
public final class Schedules {
    private Schedules() {}

    /** Campaigns with a schedule, in name order, each with its next {@code count} firing times. */
    public static List<ScheduleEntry> of(Config config, Clock clock, ZoneId zone, int count) {
        List<ScheduleEntry> out = new ArrayList<>();
        for (Campaign c : config.campaigns().values().stream().sorted(java.util.Comparator.comparing(Campaign::name)).toList()) {
            if (c.cron().isEmpty()) continue;
            out.add(new ScheduleEntry(c.name(), c.schedule(), next(c.schedule(), clock, zone, count)));
        }
        return out;
    }

    static List<ZonedDateTime> next(String cron, Clock clock, ZoneId zone, int count) {
        CronExpression e;
        try {
            e = new CronExpression(cron);
        } catch (ParseException ex) {
            // validated at config load; reaching this is a bug
            throw new IllegalStateException("invalid cron " + cron, ex);
        }
        e.setTimeZone(TimeZone.getTimeZone(zone));
        List<ZonedDateTime> out = new ArrayList<>();
        Date t = Date.from(clock.instant());
        for (int i = 0; i < count; i++) {
            t = e.getNextValidTimeAfter(t);
            if (t == null) break;
            out.add(t.toInstant().atZone(zone));
        }
        return out;
    }
}
