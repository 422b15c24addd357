package org.listguard.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * One newsletter.
 *
 * @param list           CSV with a header row; {@code email} is required, other columns are template variables
 * @param template       path prefix: {@code <template>.txt} and/or {@code <template>.html}, plus {@code <template>.subject}
 * @param subject        subject template used when there is no {@code <template>.subject} file
 * @param schedule       Quartz cron expression (optional)
 * @param scheduleGrace  how late a missed scheduled slot may still be caught up (issue 10; default 24h)
 * @param sendAgainAfter for an unscheduled campaign: a new run is refused until this long after
 *                       the last completed one, unless {@code send --again} (default 20h)
 * @param problem        set when this campaign's own settings are wrong (missing list, bad cron…):
 *                       the campaign is unusable, the others are not; never read from YAML
 */
public record Campaign(String name, Path list, Path template, String subject, String schedule, Duration scheduleGrace,
                       Duration sendAgainAfter, @JsonIgnore ConfigException problem) {
    public Campaign {
        scheduleGrace = scheduleGrace == null ? Defaults.SCHEDULE_GRACE : scheduleGrace;
        sendAgainAfter = sendAgainAfter == null ? Defaults.SEND_AGAIN_AFTER : sendAgainAfter;
    }

    public Campaign(String name, Path list, Path template, String subject, String schedule) {
        this(name, list, template, subject, schedule, null, null, null);
    }

    public Optional<String> cron() { return Optional.ofNullable(schedule); }

    /** Empty when the campaign can be used; otherwise the error that names its file, line and key. */
    public Optional<ConfigException> error() { return Optional.ofNullable(problem); }

    public Campaign withName(String n) { return new Campaign(n, list, template, subject, schedule, scheduleGrace, sendAgainAfter, problem); }

    public Campaign withProblem(ConfigException e) {
        return new Campaign(name, list, template, subject, schedule, scheduleGrace, sendAgainAfter, e);
    }
}
