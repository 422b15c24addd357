package org.listguard.schedule;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/**
 * A campaign's cron schedule and its next firing times, or the error that keeps the campaign from
 * running (its list, template or schedule; issue 10: a broken campaign is shown, not fatal).
 */
public record ScheduleEntry(String campaign, String cron, List<ZonedDateTime> next, String error) {
    public ScheduleEntry {
        next = List.copyOf(next);
    }

    public ScheduleEntry(String campaign, String cron, List<ZonedDateTime> next) {
        this(campaign, cron, next, null);
    }

    public Optional<String> problem() { return Optional.ofNullable(error); }
}
