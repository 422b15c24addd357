package org.listguard.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Issue 18: options are set by name; what is not named is off. */
class SendOptionsTest {
    @Test
    void everyFlagIsOffUnlessNamed() {
        assertEquals(new SendOptions("monthly", false, false, false, false, false, false, false, false, false),
                SendOptions.builder("monthly").build());
    }

    @Test
    void eachSetterSetsItsOwnFlag() {
        SendOptions o = SendOptions.builder("monthly").dryRun(true).yes(true).force(true).allowUnknown(true)
                .resendUnknown(true).waitWhenPaused(true).skipBadRows(true).again(true).resendUnconfirmed(true).build();
        assertEquals(new SendOptions("monthly", true, true, true, true, true, true, true, true, true), o);
        SendOptions daemon = SendOptions.builder("monthly").yes(true).waitWhenPaused(true).build();
        assertEquals(new SendOptions("monthly", false, true, false, false, false, true, false, false, false), daemon);
    }

    @Test
    void aSendNeedsACampaign() {
        assertThrows(IllegalArgumentException.class, () -> SendOptions.builder(" ").build());
    }
}
