package org.listguard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Issue 19: one formatter for durations a person reads; never "3999ms" or "PT24H". */
class DurationsHumanTest {
    @Test
    void wholeSecondsAndAtMostTwoUnits() {
        assertEquals("0 s", Durations.human(Duration.ZERO));
        assertEquals("1 s", Durations.human(Duration.ofMillis(999)), "under a second rounds up, never '999ms'");
        assertEquals("4 s", Durations.human(Duration.ofMillis(3999)));
        assertEquals("2 min 30 s", Durations.human(Duration.ofSeconds(150)));
        assertEquals("30 min", Durations.human(Duration.ofMinutes(30)));
        assertEquals("2 h 5 min", Durations.human(Duration.ofMinutes(125)));
        assertEquals("1 d", Durations.human(Duration.ofHours(24)), "not PT24H");
        assertEquals("1 d 3 h", Durations.human(Duration.ofHours(27)));
    }

    @Test
    void theConfigsOwnFormStaysRoundTrippable() {
        assertEquals("1d", Durations.format(Duration.ofHours(24)));
        assertEquals(Duration.ofMillis(1500), Durations.parse(Durations.format(Duration.ofMillis(1500))));
    }
}
