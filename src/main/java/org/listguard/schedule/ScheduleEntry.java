package org.listguard.schedule;

import java.time.ZonedDateTime;
import java.util.List;

/** A campaign's cron schedule and its next firing times. */
public record ScheduleEntry(String campaign, String cron, List<ZonedDateTime> next) {
    public ScheduleEntry {
        next = List.copyOf(next);
    }
}
