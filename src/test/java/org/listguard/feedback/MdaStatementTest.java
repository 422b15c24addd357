package org.listguard.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.listguard.config.BounceScore;
import org.listguard.reply.Action;

/**
 * The local delivery agent's own words in a DSN outrank the code its MTA wrote around them
 * ({@link MdaStatement}). The notices are synthetic, shaped as a sendmail DSN carrying Dovecot's
 * rejection ("Your message to &lt;%t&gt; was automatically rejected:%n%r", Dovecot
 * src/deliver/deliver.c) or a mail.local line, with the MTA's own Status around them.
 */
class MdaStatementTest {
    static String dsn(String from, String prose, String status, String diagnostic) {
        return """
                From: %1$s
                To: bounces+r42.m7@lists.example.org
                Subject: Returned mail: see transcript for details
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="B1"

                --B1
                Content-Type: text/plain

                %2$s

                --B1
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mail.example.net

                Final-Recipient: rfc822; member@example.net
                Action: failed
                Status: %3$s
                Diagnostic-Code: smtp; %4$s

                --B1--
                """.formatted(from, prose, status, diagnostic);
    }

    static final String DAEMON = "Mail Delivery Subsystem <MAILER-DAEMON@mail.example.net>";

    static BounceRecord one(String message) {
        List<BounceRecord> rs = BounceParserTest.parse(message);
        assertEquals(1, rs.size(), rs::toString);
        return rs.get(0);
    }

    @Test
    void dovecotsFullMailboxUnderARelayedUserUnknownIsAFullMailboxThatNeverSuppresses() {
        BounceRecord r = one(dsn(DAEMON, "Your message to <member> was automatically rejected:\nNot enough disk space",
                "5.1.1", "550 5.1.1 <member@example.net>... User Unknown"));
        assertEquals("mailboxfull", r.reason(), r::toString);
        assertEquals(Action.SOFT, r.action());
        assertEquals("mda-dovecot", r.rule());
        // the operator reads both: the agent's words and the MTA's
        assertTrue(r.diagnostic().contains("Not enough disk space") && r.diagnostic().contains("User Unknown"), r.diagnostic());
        var e = MemberBounces.entry("<k@x>", "t.eml", r, "r1", 1, "member@example.net", Instant.EPOCH, "relay.example.org");
        assertNotEquals(EvidenceWeights.Grade.DEFINITIVE, EvidenceWeights.weigh(e, List.of(e), BounceScore.DEFAULT).grade());
    }

    @Test
    void dovecotsQuotaWordingAndMissingMailbox() {
        assertEquals("mailboxfull", one(dsn(DAEMON, "Your message to <member@example.net> was automatically rejected:\n"
                + "Quota exceeded (mailbox for user is full)", "5.2.2", "552 5.2.2 Quota exceeded")).reason());
        BounceRecord gone = one(dsn(DAEMON, "Your message to <member@example.net> was automatically rejected:\n"
                + "Mailbox doesn't exist: member", "5.0.0", "550 5.0.0 delivery failed"));
        assertEquals("userunknown", gone.reason(), gone::toString);
        assertEquals(Action.HARD, gone.action());
    }

    @Test
    void mailLocalsWordsOutrankAGenericStatus() {
        BounceRecord r = one(dsn("MAILER-DAEMON@mail.example.net", "mail.local: Disc quota exceeded",
                "5.0.0", "550 5.0.0 <member@example.net>... Unknown mailer error 75"));
        assertEquals("mailboxfull", r.reason(), r::toString);
    }

    @Test
    void onlyTheMailSystemSpeaksForItsAgent() {
        // the same words in a notice that does not come from the mail system: the DSN's code stands
        BounceRecord r = one(dsn("Member <member@example.net>", "Your message to <member> was automatically rejected:\nNot enough disk space",
                "5.1.1", "550 5.1.1 <member@example.net>... User Unknown"));
        assertEquals("userunknown", r.reason(), r::toString);
    }

    @Test
    void aMarkerWithoutAKnownWordingSaysNothing() {
        BounceRecord r = one(dsn(DAEMON, "Your message to <member> was automatically rejected:\nGo away",
                "5.1.1", "550 5.1.1 <member@example.net>... User Unknown"));
        assertEquals("userunknown", r.reason(), r::toString);
        assertNotEquals("mda-dovecot", r.rule());
    }

    @Test
    void aRefusalOfOurSideIsNeverReReadAsTheMembers() {
        BounceRecord r = one(dsn(DAEMON, "Your message to <member> was automatically rejected:\nMailbox doesn't exist: member",
                "5.7.1", "554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org"));
        assertTrue(r.action().senderSide(), r::toString);
    }
    /** A DSN about two recipients: the agent's words belong to the one they name, or to nobody if they name none. */
    @Test
    void inANoticeAboutSeveralRecipientsTheStatementIsOnlyAboutTheOneItNames() {
        String two = dsn(DAEMON, "%s\nNot enough disk space", "5.1.1", "550 5.1.1 <member@example.net>... User Unknown")
                .replace("--B1--", """
                        Final-Recipient: rfc822; other@example.net
                        Action: failed
                        Status: 5.1.1
                        Diagnostic-Code: smtp; 550 5.1.1 <other@example.net>... User Unknown

                        --B1--""");
        List<BounceRecord> named = BounceParserTest.parse(two.formatted("Your message to <member> was automatically rejected:"));
        assertEquals(2, named.size(), named::toString);
        assertEquals("mailboxfull", named.get(0).reason(), named::toString);
        assertEquals("userunknown", named.get(1).reason(), "the other recipient's own code stands: " + named);
        // mail.local names nobody: with two recipients, its words are about neither
        List<BounceRecord> anonymous = BounceParserTest.parse(two.replace("%s\nNot enough disk space", "mail.local: Disc quota exceeded"));
        assertEquals(List.of("userunknown", "userunknown"), anonymous.stream().map(BounceRecord::reason).toList(), anonymous::toString);
    }
}
