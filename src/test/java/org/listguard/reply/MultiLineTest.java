package org.listguard.reply;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A multi-line SMTP reply (RFC 5321 s4.2.1) read as one sentence, as MTAs relay it (issue 22). */
class MultiLineTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            three lines, unfolded         | 554-Your access to this mail system has been 554-rejected due to the sending MTA's poor 554 reputation. | 554 Your access to this mail system has been rejected due to the sending MTA's poor reputation.
            enhanced code on every line   | 550-5.7.1 The user or domain that you are sending to 550-5.7.1 does not accept mail 550 5.7.1 x123 gsmtp | 550 5.7.1 The user or domain that you are sending to does not accept mail x123 gsmtp
            after Exim's preamble         | SMTP error from remote mail server after end of data: 554-Message rejected 554 by the content filter | SMTP error from remote mail server after end of data: 554 Message rejected by the content filter
            a single line stays as it is  | 550 5.1.1 User unknown | 550 5.1.1 User unknown
            one continuation line alone   | 421-4.7.0 [192.0.2.1] Our system has detected an unusual rate | 421-4.7.0 [192.0.2.1] Our system has detected an unusual rate
            a number that is not a prefix | 554-Quota of 554 messages per hour 554 exceeded | 554 Quota of 554 messages per hour exceeded
            """)
    void joins(String name, String relayed, String joined) {
        assertEquals(joined, MultiLine.join(relayed));
    }

    @org.junit.jupiter.api.Test
    void separateLinesAreJoinedToo() {
        assertEquals("554 Your access to this mail system has been rejected due to the sending MTA's poor reputation.",
                MultiLine.join("554-Your access to this mail system has been\r\n554-rejected due to the sending MTA's poor\r\n554 reputation."));
    }
}
