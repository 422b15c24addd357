package org.listguard.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.reply.Action;
import org.listguard.testing.TestKeys;

/**
 * An ARF report whose record is an {@code unsubscribe} (feedback-type: opt-out, as the classifier
 * reads it) unsubscribes the member when authenticated — not a complaint — and nobody otherwise.
 * The records are given as parsed, so this holds whatever parser produced them.
 */
class OptOutTest {
    @TempDir
    Path dir;

    ProcessFixture f;

    @BeforeEach
    void setUp() {
        f = new ProcessFixture(dir, 10);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    static BounceRecord optOut(String recipient, String token) {
        return new BounceRecord("arf", recipient, null, null, 0, "feedback-type: opt-out", "mx.example.net", "feedback",
                Action.UNSUBSCRIBE, "rfc5965-arf", token, null);
    }

    @Test
    void anAuthenticatedOptOutUnsubscribesWithoutCountingAComplaint() {
        MessageOutcome o = f.processor().processRecords("k1", "1.arf", new byte[0],
                List.of(optOut("kijitora@example.net", TestKeys.returnToken(f.run, 4))));
        assertTrue(o.verified());
        assertTrue(o.applied().get(0).newSuppressed());
        assertEquals(Action.UNSUBSCRIBE, f.journal.suppressions().find("kijitora@example.net").orElseThrow().action());
        assertEquals("opt-out", f.journal.unsubscribes().find(f.run, 4).orElseThrow().channel());
        assertEquals(0, f.journal.feedback().complaintRate("monthly", org.listguard.config.Defaults.CORROBORATE).orElseThrow().complaints());
    }

    @Test
    void anOptOutWithoutProofUnsubscribesNobody() {
        MessageOutcome o = f.processor().processRecords("k2", "2.arf", new byte[0], List.of(optOut("kijitora@example.net", null)));
        assertEquals(MessageOutcome.Kind.UNVERIFIED, o.kind());
        assertTrue(f.journal.suppressions().list().isEmpty());
        assertEquals(0, f.journal.unsubscribes().count());
    }
}
