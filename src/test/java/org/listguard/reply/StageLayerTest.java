package org.listguard.reply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The first layer on synthetic replies, one per SMTP stage (RFC 5321 s4.1): the same words mean
 * different things by where they were said. Texts are deliberately plain ("Not accepted", "No"), so
 * the stage and the code class decide, not a phrase.
 */
class StageLayerTest {
    static final ReplyClassifier C = ReplyClassifier.standard();

    @ParameterizedTest(name = "[{index}] {0} {1} {2}")
    @CsvSource(delimiter = '|', textBlock = """
        CONNECT  | 554 | No                  | REPUTATION
        CONNECT  | 421 | No                  | REPUTATION
        EHLO     | 550 | No                  | REPUTATION
        EHLO     | 450 | No                  | REPUTATION
        STARTTLS | 454 | No                  | SENDER
        AUTH     | 535 | No                  | SENDER
        MAIL     | 550 | No                  | SENDER
        MAIL     | 553 | Mailbox unavailable | SENDER
        RCPT     | 550 | Rejected            | HARD
        RCPT     | 450 | Rejected            | SOFT
        RCPT     | 550 | No                  | SOFT
        DATA     | 554 | No                  | SOFT
        DATA_END | 550 | User unknown        | CONTENT
        RCPT     | 550 | User unknown        | HARD
        MAIL     | 550 | User unknown        | SENDER
        CONNECT  | 550 | User unknown        | REPUTATION
        RCPT     | 554 | Spam message rejected | REPUTATION
        DATA_END | 554 | Spam message rejected | CONTENT
        """)
    void theStageBoundsTheVerdict(Stage stage, int code, String text, Action expected) {
        Classification c = C.classify(stage, code, null, code + " " + text, "mx.example.net", false);
        assertEquals(expected, c.action(), c::toString);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({"5.1.1", "5.1.0", "5.1.2", "5.1.3", "5.1.10"})
    void anAddressingStatusAtRcptIsHardAndAtMailIsTheSender(String status) {
        assertEquals(Action.HARD, C.classify(Stage.RCPT, 550, status, "550 " + status, null, false).action());
        assertEquals(Action.SENDER, C.classify(Stage.MAIL, 550, status, "550 " + status, null, false).action());
        assertNotEquals(Action.HARD, C.classify(Stage.RCPT, 450, "4" + status.substring(1), "450", null, false).action());
    }
}
