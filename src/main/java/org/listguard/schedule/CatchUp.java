package org.listguard.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.listguard.config.Campaign;
import org.listguard.journal.Journal;
import org.listguard.journal.Run;

/**
 * The catch-up rule (issue 10): the journal, not the scheduler's memory, says whether a scheduled
 * slot was sent. For a campaign's latest slot at or before now:
 * <ul>
 * <li>a run of the campaign started at or after it: the slot has its run ({@link Decision.AlreadyRan}),
 *     or that run is unfinished and is resumed ({@link Decision.Resume});
 * <li>otherwise, within {@code schedule_grace} of the slot: send now ({@link Decision.Fire}; late
 *     when it is not the firing of that very slot);
 * <li>otherwise the slot is missed ({@link Decision.Missed}): reported loudly, nothing is sent.
 * </ul>
 * Several missed slots collapse into the latest one: a campaign is one newsletter per period.
 */
public final class CatchUp {
    /** What to do about a campaign now. */
    public sealed interface Decision {
        /** No slot yet (a cron whose first firing is still ahead). */
        record NoSlot() implements Decision {}

        record Fire(Instant slot) implements Decision {}

        record Resume(Instant slot, Run run) implements Decision {}

        record AlreadyRan(Instant slot, Run run) implements Decision {}

        record Missed(Instant slot, Duration late) implements Decision {}
    }

    private CatchUp() {}

    /** The rule itself, on values: {@code latest} is the campaign's most recently started run. */
    public static Decision decide(Optional<Instant> slot, Duration grace, Instant now, Optional<Run> latest) {
        if (slot.isEmpty()) return new Decision.NoSlot();
        Instant s = slot.get();
        if (latest.isPresent() && !latest.get().startedAt().isBefore(s)) {
            Run r = latest.get();
            return r.state().finished() ? new Decision.AlreadyRan(s, r) : new Decision.Resume(s, r);
        }
        Duration late = Duration.between(s, now);
        return late.compareTo(grace) <= 0 ? new Decision.Fire(s) : new Decision.Missed(s, late);
    }

    /** The rule for a configured campaign, reading its slots in {@code zone} and its runs from the journal. */
    public static Decision decide(Campaign campaign, ZoneId zone, Instant now, Journal journal) {
        if (campaign.cron().isEmpty()) return new Decision.NoSlot();
        Optional<Instant> slot = Slots.of(campaign.schedule(), zone).latestAtOrBefore(now);
        return decide(slot, campaign.scheduleGrace(), now, journal.runs().latestOf(campaign.name(), Optional.empty()));
    }
}
