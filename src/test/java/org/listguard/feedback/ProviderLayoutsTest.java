package org.listguard.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.listguard.config.BounceScore;
import org.listguard.reply.Action;
import org.listguard.reply.Stage;

/**
 * Notices whose reading depends on who wrote them or on where the MTA writes the failed command,
 * each a synthetic message built from the layout its Sisimai 4.25 module documents (not a corpus
 * file): the parser hands the reporting MTA, the notice's sender domain and the recipient's domain
 * to the classifier as hints, so a provider's own code reads as the provider publishes it only in
 * that provider's notice.
 */
class ProviderLayoutsTest {

    /** Sisimai Lhost/Facebook.pm: From "Facebook &lt;mailer-daemon@mx.facebook.com&gt;", its subject, the DSN fields after "This message was created automatically by Facebook.". */
    static String facebook(String fromDomain) {
        return """
                From: Facebook <mailer-daemon@%s>
                To: list@example.org
                Subject: Sorry, your message could not be delivered
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="FB1"

                --FB1
                Content-Type: text/plain; charset=us-ascii

                This message was created automatically by Facebook.

                --FB1
                Content-Type: message/delivery-status
                Content-Disposition: inline

                Reporting-MTA: dns; 192.0.2.30

                Final-Recipient: rfc822; kijitora@example.jp
                Action: failed
                Status: 5.0.0
                Diagnostic-Code: smtp; 550 RCP-P1 http://postmaster.facebook.com/response_codes?ip=192.0.2.1#rcp

                --FB1--
                """.formatted(fromDomain);
    }

    @Test
    void facebooksCodeForANonexistentRecipientIsHardInFacebooksNotice() {
        BounceRecord r = BounceParserTest.parse(facebook("mx.facebook.com")).get(0);
        assertEquals(Action.HARD, r.action(), r::toString);
        assertEquals("facebook-no-such-recipient+provider", r.rule());
    }

    @Test
    void theSameCodeInAnotherNoticeIsNotFacebooksStatement() {
        BounceRecord r = BounceParserTest.parse(facebook("mx.example.net")).get(0);
        assertNotEquals(Action.HARD, r.action(), r::toString);
    }

    /** Sisimai Lhost/qmail.pm: "failure notice", qmail-remote.c:249 "HOST does not like recipient." then "Remote host said:", "Giving up on HOST.". */
    static final String QMAIL = """
            From: MAILER-DAEMON@mx.example.org
            To: list@example.org
            Subject: failure notice

            Hi. This is the qmail-send program at mx.example.org.
            I'm afraid I wasn't able to deliver your message to the following addresses.
            This is a permanent error; I've given up. Sorry it didn't work out.

            <kijitora@example.jp>:
            192.0.2.5 does not like recipient.
            Remote host said: 550 Requested action not taken
            Giving up on 192.0.2.5.

            --- Below this line is a copy of the message.

            From: list@example.org
            To: kijitora@example.jp
            Subject: hello
            """;

    @Test
    void qmailsRefusedRecipientIsHardAtRcptAndCountsAsAmbiguousEvidence() {
        BounceRecord r = BounceParserTest.parse(QMAIL).get(0);
        assertEquals("kijitora@example.jp", r.recipient());
        assertEquals(Action.HARD, r.action(), r::toString);
        assertEquals(Stage.RCPT, r.stage());
        var e = MemberBounces.entry("<k@x>", "test.eml", r, "r1", 1, "kijitora@example.jp", Instant.EPOCH, null);
        // no addressing code: two runs, never one message
        assertEquals(EvidenceWeights.Grade.AMBIGUOUS, EvidenceWeights.weigh(e, List.of(e), BounceScore.DEFAULT).grade());
    }
}
