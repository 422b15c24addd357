package org.listguard.reply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Replies as smart hosts relay them (issue 22): folded over continuation lines, or bare under a policy code. */
class RelayedRepliesTest {
    static final ReplyClassifier C = ReplyClassifier.standard();

    @ParameterizedTest
    @EnumSource(value = Stage.class, names = {"RCPT", "DATA_END", "UNKNOWN"})
    void ciscosWordingOverThreeContinuationLinesIsReputation(Stage stage) {
        String relayed = "554-Your access to this mail system has been\n554-rejected due to the sending MTA's poor\n554 reputation.";
        Classification c = C.classify(stage, 554, null, relayed, "mx.example.com", false);
        assertEquals(Action.REPUTATION, c.action(), c.toString());
    }

    @ParameterizedTest
    @EnumSource(value = Stage.class, names = {"RCPT", "DATA_END", "UNKNOWN"})
    void amazonSesRejectedUnderX79IsNeverHard(Stage stage) {
        Classification c = C.classify(stage, 550, "5.7.9", "550 5.7.9 Rejected", "email-smtp.us-east-1.amazonaws.com", false);
        assertNotEquals(Action.HARD, c.action(), c.toString());
    }

    @ParameterizedTest
    @EnumSource(value = Stage.class, names = {"RCPT", "UNKNOWN"})
    void aBareRecipientRejectedWithoutAPolicyCodeStaysTheRecipients(Stage stage) {
        Classification c = C.classify(stage, 550, "5.1.0", "550 5.1.0 Recipient rejected", "mx.example.com", false);
        assertEquals(Action.HARD, c.action(), c.toString());
    }
}
