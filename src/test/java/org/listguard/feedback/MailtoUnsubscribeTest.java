package org.listguard.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.reply.Action;
import org.listguard.journal.Suppression;
import org.listguard.testing.TestKeys;

/** A member's mail to {@code bounces+u-TOKEN@…} (the List-Unsubscribe mailto) through bounce processing. */
class MailtoUnsubscribeTest {
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

    static byte[] mail(String token, String messageId) {
        return ("Delivered-To: bounces+u-" + token + "@example.org\r\n"
                + "From: Member Seven <member6@example.net>\r\nTo: bounces+u-" + token + "@example.org\r\n"
                + "Subject: unsubscribe\r\nMessage-ID: " + messageId + "\r\n\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void aValidTokenUnsubscribesTheMemberWithoutCountingAComplaint() {
        MessageOutcome o = f.processor().processMessage("1.eml", mail(TestKeys.unsubscribeToken(f.run, 6), "<m1@example.net>"));
        assertEquals(MessageOutcome.Kind.UNSUBSCRIBED, o.kind());
        assertTrue(o.verified());
        Suppression s = f.journal.suppressions().find("member5@example.net").orElseThrow();
        assertEquals(Action.UNSUBSCRIBE, s.action());
        assertEquals("unsubscribe", s.reason());
        assertEquals("mailto", f.journal.unsubscribes().find(f.run, 6).orElseThrow().channel());
        assertEquals("unsubscribe", f.journal.recipient(f.run, 6).orElseThrow().action());
        assertEquals(0, f.journal.feedback().complaintRate("monthly", org.listguard.config.Defaults.CORROBORATE).orElseThrow().complaints());
    }

    @Test
    void theSameMailTwiceIsAppliedOnce() {
        byte[] m = mail(TestKeys.unsubscribeToken(f.run, 6), "<m1@example.net>");
        f.processor().processMessage("1.eml", m);
        assertEquals(MessageOutcome.Kind.ALREADY_PROCESSED, f.processor().processMessage("1b.eml", m).kind());
        assertEquals(MessageOutcome.Kind.UNSUBSCRIBED, f.processor().processMessage("2.eml",
                mail(TestKeys.unsubscribeToken(f.run, 6), "<m2@example.net>")).kind(), "a second mail: done, changes nothing new");
        assertEquals(1, f.journal.unsubscribes().count());
    }

    @Test
    void aForgedOrVerpTokenUnsubscribesNobody() {
        String forged = "r-" + f.run.substring(2) + "-6-aaaaaaaaaaaa";
        MessageOutcome o1 = f.processor().processMessage("1.eml", mail(forged, "<m1@example.net>"));
        MessageOutcome o2 = f.processor().processMessage("2.eml", mail(TestKeys.returnToken(f.run, 6), "<m2@example.net>"));
        assertEquals(MessageOutcome.Kind.UNVERIFIED, o1.kind());
        assertEquals(MessageOutcome.Kind.UNVERIFIED, o2.kind(), "a VERP token (seen by every relay) is not an unsubscribe token");
        assertTrue(f.journal.suppressions().list().isEmpty());
        assertEquals(2, f.journal.unverifiedReports().list().size());
    }
}
