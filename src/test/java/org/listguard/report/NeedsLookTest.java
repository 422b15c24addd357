package org.listguard.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NeedsLookTest {
    private static List<NeedsLook.Flag> flags(int n) {
        List<NeedsLook.Flag> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) out.add(new NeedsLook.Flag("m" + i + "@example.org", "filtered", "why", "run-1"));
        return out;
    }

    @Test
    void noFlagNoSentence() {
        assertEquals("", NeedsLook.sentence(List.of()));
    }

    @Test
    void aFewFlagsAreAllNamed() {
        String s = NeedsLook.sentence(flags(3));
        assertTrue(s.contains("3 member(s) need your look"), s);
        assertTrue(s.contains("m1@example.org (filtered)") && s.contains("m3@example.org (filtered)"), s);
        assertFalse(s.contains("more"), s);
    }

    @Test
    void aLongListNamesTheFirstTenAndCountsTheRest() {
        String s = NeedsLook.sentence(flags(250));
        assertTrue(s.contains("250 member(s) need your look"), s);
        assertTrue(s.contains("m10@example.org") && !s.contains("m11@example.org"), s);
        assertTrue(s.contains("and 240 more (`listguard status run-1` lists them all)"), s);
    }

    @Test
    void flagsFromSeveralRunsNameEachRunWhoseStatusListsThem() {
        List<NeedsLook.Flag> flags = new ArrayList<>(flags(11));
        flags.add(new NeedsLook.Flag("late@example.org", "filtered", "why", "run-0"));
        String s = NeedsLook.sentence(flags);
        assertTrue(s.contains("and 2 more (`listguard status RUN` lists each run's: run-1, run-0)"), s);
    }
}
