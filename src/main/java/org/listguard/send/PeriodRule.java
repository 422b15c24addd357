package org.listguard.send;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.listguard.config.Campaign;
import org.listguard.journal.Journal;
import org.listguard.journal.Run;
import org.listguard.journal.RunState;
import org.listguard.schedule.Slots;

/**
 * A campaign is a period's newsletter (issue 10, DESIGN.md invariant 10): a new run is refused
 * <ul>
 * <li>for a scheduled campaign, when a run of it already started at or after its latest scheduled
 *     slot (each slot gets one run; the next slot gets its own);
 * <li>for an unscheduled campaign, when its last run completed less than {@code send_again_after} ago.
 * </ul>
 * {@code send --again} overrides it; the daemon never does. Resuming an unfinished run is not a new run.
 */
public final class PeriodRule {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z");

    /** Why a new run would send the period's newsletter twice, naming the earlier run. */
    public record Refusal(Run earlier, String message) {}

    private PeriodRule() {}

    /** Empty when a new run may start now; the slots are read in the clock's time zone. */
    public static Optional<Refusal> check(Journal journal, Campaign campaign, Clock clock) {
        Instant now = clock.instant();
        ZoneId zone = clock.getZone();
        if (campaign.cron().isPresent()) {
            Optional<Instant> slot = Slots.of(campaign.schedule(), zone).latestAtOrBefore(now);
            if (slot.isEmpty()) return Optional.empty();
            return journal.runs().latestOf(campaign.name(), Optional.empty())
                    .filter(r -> !r.startedAt().isBefore(slot.get()))
                    .map(r -> new Refusal(r, "campaign " + campaign.name() + " already has run " + r.id() + " (" + r.state().db()
                            + ", started " + WHEN.format(r.startedAt().atZone(zone)) + ") for its scheduled slot of "
                            + WHEN.format(slot.get().atZone(zone)) + "; nothing was sent. Each slot is sent once: use --again "
                            + "to send this period's newsletter again anyway."));
        }
        return journal.runs().latestOf(campaign.name(), Optional.of(RunState.COMPLETED))
                .filter(r -> r.finishedAt() != null && Duration.between(r.finishedAt(), now).compareTo(campaign.sendAgainAfter()) < 0)
                .map(r -> new Refusal(r, "campaign " + campaign.name() + " was sent by run " + r.id() + ", completed "
                        + WHEN.format(r.finishedAt().atZone(zone)) + ", less than " + human(campaign.sendAgainAfter())
                        + " ago (campaigns." + campaign.name() + ".send_again_after); nothing was sent. Use --again to send it again."));
    }

    static String human(Duration d) {
        return org.listguard.config.Durations.human(d);
    }
}
