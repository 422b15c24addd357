package org.listguard.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Which quoted Message-IDs a report keeps as "the message it is about" (schema 13). */
class RelayAcceptanceTest {
    @Test
    void oneOfOurOwnMessageIdsIsKeptWhateverAttemptItNames() {
        assertEquals("<a1.r7@lists.example.org>", RelayAcceptance.ours(" <a1.r7@lists.example.org> ", "<b2.r7@Lists.Example.org>"));
        assertEquals("<b2.r7@lists.example.org>", RelayAcceptance.ours("<b2.r7@lists.example.org>", "<b2.r7@lists.example.org>"));
    }

    @Test
    void aRelaysRewrittenMessageIdSaysNothingAboutTheAttempt() {
        // Amazon SES gives each message its own Message-ID; receivers quote that one
        assertNull(RelayAcceptance.ours("<0100018c5e1f2a3b-1234@email.amazonses.com>", "<b2.r7@lists.example.org>"));
        assertNull(RelayAcceptance.ours("<a1.r7@lists.example.org>", null), "a row never sent has no Message-ID to compare");
    }

    @Test
    void hostileQuotesAreNotKept() {
        assertNull(RelayAcceptance.ours("a1.r7@lists.example.org", "<b2@lists.example.org>"), "no angle brackets");
        assertNull(RelayAcceptance.ours("<a1\u0000@lists.example.org>", "<b2@lists.example.org>"));
        assertNull(RelayAcceptance.ours("<" + "x".repeat(1000) + "@lists.example.org>", "<b2@lists.example.org>"));
        assertNull(RelayAcceptance.ours(null, "<b2@lists.example.org>"));
    }
}
