package org.listguard.reply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Rules gated on a provider's hosts ({@code hosts:} in reply-rules.yaml): a provider's code or
 * wording reads as the provider publishes it only when the reply comes from that provider (the
 * replying host, or a hint: the reporting MTA, the notice's sender domain, the recipient's
 * domain); from anyone else the same text falls to the general rules. Replies in each
 * provider's published wording (Facebook's response codes as Sisimai Lhost/Facebook.pm keeps
 * them, Cox's error codes page, MessageLabs' and Biglobe's notices as their Sisimai modules show).
 */
class HostGatedRulesTest {
    static final ReplyClassifier C = ReplyClassifier.standard();

    static Classification from(String host, List<String> hints, Stage stage, String text) {
        return C.classify(new Reply(stage, 550, null, text, host, false, hints));
    }

    @ParameterizedTest(name = "[{index}] {3} from {0}")
    @CsvSource(delimiter = '|', textBlock = """
        mx.facebook.com          | HARD       | userunknown   | 550 5.1.1 RCP-P1 http://postmaster.facebook.com/response_codes?ip=192.0.2.1#rcp Refused due to recipient preferences
        mx.facebook.com          | HARD       | userunknown   | 550 5.1.1 INT-P4 The attempted recipient address does not exist
        mx.facebook.com          | CONTENT    | filtered      | 550 5.1.1 RCP-P2 http://postmaster.facebook.com/response_codes?ip=192.0.2.1#rcp
        mx.facebook.com          | REPUTATION | blocked       | 550 POL-P2 http://postmaster.facebook.com/response_codes?ip=192.0.2.1#pol
        mx.facebook.com          | REPUTATION | blocked       | 550 POL-T3 http://postmaster.facebook.com/response_codes?ip=192.0.2.1#pol
        mx.facebook.com          | SENDER     | rejected      | 550 DNS-P1 http://postmaster.facebook.com/response_codes?ip=192.0.2.1#dns
        mx.facebook.com          | SOFT       | suspend       | 550 RCP-T4 http://postmaster.facebook.com/response_codes?ip=192.0.2.1#rcp
        cmx.cox.net              | HARD       | userunknown   | 550 cmsmtp recipient rejected. Refer to Error Codes section for more information
        cmx.cox.net              | REPUTATION | blocked       | 554 cox too many bad commands from 192.0.2.1
        cmx.cox.net              | SOFT       | systemerror   | 550 ESMTP server temporarily not available
        cluster1.eu.messagelabs.com | HARD    | userunknown   | 542 <kijitora@example.jp> Rejected
        biglobe.ne.jp            | CONTENT    | filtered      | 550 Mail Delivery Failed... User unknown
        inbound-smtp.eu-west-1.amazonaws.com | CONTENT | filtered | 550 5.1.1 Mailbox does not exist
        inbound-smtp.us-east-1.amazonaws.com | SOFT | mailboxfull | 552 5.2.2 Mailbox full
        """)
    void aProvidersCodeReadsAsPublishedFromItsHost(String host, Action action, String reason, String text) {
        Classification c = from(host, List.of(), Stage.UNKNOWN, text);
        assertEquals(action, c.action(), c::toString);
        assertEquals(reason, c.reason(), c::toString);
    }

    @Test
    void theSameCodeFromAnotherHostIsNotTheProvidersStatement() {
        assertNotEquals(Action.HARD, from("mx.example.net", List.of(), Stage.UNKNOWN, "550 RCP-P1").action());
        assertNotEquals("userunknown", from("mx.example.net", List.of(), Stage.UNKNOWN,
                "550 cmsmtp recipient rejected. Refer to Error Codes section for more information").reason());
    }

    @Test
    void sesOutgoingNoticesQuoteTheReceiversOwnWords() {
        // an SES receipt rule's Bounce template speaks for the owner's rule; the same words in a notice SES
        // sent on (amazonses.com) or from anyone else are the receiving host's own directory statement
        assertEquals(Action.HARD, from("a27-30.smtp-out.us-west-2.amazonses.com", List.of(), Stage.UNKNOWN,
                "550 5.1.1 Mailbox does not exist").action());
        assertEquals(Action.HARD, from("mx.example.net", List.of(), Stage.RCPT, "550 5.1.1 Mailbox does not exist").action());
        // and the receipt rule's words inside a longer reply are not its template
        assertEquals(Action.HARD, from("inbound-smtp.us-east-1.amazonaws.com", List.of(), Stage.RCPT,
                "550 5.1.1 <kijitora@example.jp>: Recipient address rejected: mailbox does not exist").action());
    }

    @Test
    void aHintNamesTheProviderWhenTheReplyingHostIsUnknown() {
        // Facebook's notice names no remote host; its From: and Reporting-MTA are mx.facebook.com
        Classification c = from(null, List.of("mx.facebook.com"), Stage.UNKNOWN, "550 5.1.1 RCP-P1");
        assertEquals(Action.HARD, c.action(), c::toString);
        // the recipient's domain: a cox.net member
        assertEquals("userunknown", from(null, List.of("cox.net"), Stage.RCPT, "550 cmsmtp recipient rejected. Refer to Error Codes").reason());
    }

    @Test
    void aDomainMatchesOnLabelsNotOnCharacters() {
        assertNotEquals(Action.HARD, from("mx.notfacebook.com", List.of("fakecox.net"), Stage.UNKNOWN, "550 RCP-P1").action());
        assertEquals(Action.HARD, from("MX.FACEBOOK.COM.", List.of(), Stage.UNKNOWN, "550 RCP-P1").action());
    }

    @Test
    void aProvidersWordingNeverMakesASenderSideRefusalHard() {
        // Cox's 'recipient rejected' under a policy code, our envelope at MAIL FROM, a 4xx: never hard
        assertNotEquals(Action.HARD, C.classify(new Reply(Stage.RCPT, 550, "5.7.1", "550 5.7.1 recipient rejected", "cmx.cox.net", false)).action());
        assertNotEquals(Action.HARD, from("cmx.cox.net", List.of(), Stage.MAIL, "550 recipient rejected").action());
        assertNotEquals(Action.HARD, C.classify(new Reply(Stage.RCPT, 450, null, "450 RCP-P1", "mx.facebook.com", false)).action());
    }

    @Test
    void docomosFilterCodeReadsAsItsTableSaysOnlyFromDocomo() {
        // Sisimai Rhost/NTTDOCOMO.pm: 5.2.0 is the recipient's filter. (Its "5.0.0 at RCPT = unknown user" is
        // not taken: a bare 5.0.0 says nothing of the address, and a refusal of the sender can look the same.)
        assertEquals(Action.CONTENT, C.classify(new Reply(Stage.UNKNOWN, 550, "5.2.0", "550 5.2.0 Requested action not taken",
                null, false, List.of("docomo.ne.jp"))).action());
        assertNotEquals(Action.HARD, C.classify(new Reply(Stage.RCPT, 550, "5.0.0", "550 5.0.0 Requested action not taken",
                "mfsmax.docomo.ne.jp", false)).action());
    }

    @Test
    void exchange2003sCodeForAnUnknownRecipientIsHard() {
        Classification c = from(null, List.of(), Stage.UNKNOWN, "MSEXCH:IMS:EXAMPLE:EXAMPLE:MAIL01 0 (000C05A6) Unknown Recipient");
        assertEquals(Action.HARD, c.action(), c::toString);
        assertEquals(Action.SENDER, from(null, List.of(), Stage.UNKNOWN, "MSEXCH:IMS:EXAMPLE:EXAMPLE:MAIL01 0 (000B0981) 502 Server does not support AUTH").action());
    }

    @Test
    void qmailsDoesNotLikeRecipientIsTheReceiversRefusalAtRcpt() {
        // qmail-remote.c:249: "HOST does not like recipient." then the remote's reply
        Classification c = from(null, List.of(), Stage.RCPT, "192.0.2.5 does not like recipient. Remote host said: 550 Requested action not taken");
        assertEquals(Action.HARD, c.action(), c::toString);
        assertEquals("qmail-rcpt-refused", c.rule());
        // the receiver's own words or a policy status win over qmail's
        assertEquals(Action.SOFT, C.classify(new Reply(Stage.RCPT, 550, "5.2.1",
                "192.0.2.5 does not like recipient. Remote host said: 550 5.2.1 Requested action not taken", null, false)).action());
        assertNotEquals(Action.HARD, C.classify(new Reply(Stage.RCPT, 554, "5.7.1",
                "192.0.2.5 does not like recipient. Remote host said: 554 5.7.1 Service unavailable", null, false)).action());
    }

    @Test
    void fmlRefusingOurPostIsTheSendersProblem() {
        assertEquals(Action.SENDER, from(null, List.of(), Stage.UNKNOWN, "550 NOT MEMBER article from list@example.org").action());
        assertEquals(Action.SENDER, from(null, List.of(), Stage.UNKNOWN, "550 You are not a member of this mailing list").action());
    }
}
