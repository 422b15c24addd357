package org.listguard.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One newsletter.
 *
 * @param list     CSV with a header row; {@code email} is required, other columns are template variables
 * @param template path prefix: {@code <template>.txt} and/or {@code <template>.html}, plus {@code <template>.subject}
 * @param subject  subject template used when there is no {@code <template>.subject} file
 * @param schedule Quartz cron expression (optional)
 */
public record Campaign(String name, Path list, Path template, String subject, String schedule) {
    public Optional<String> cron() { return Optional.ofNullable(schedule); }

    public Campaign withName(String n) { return new Campaign(n, list, template, subject, schedule); }
}
