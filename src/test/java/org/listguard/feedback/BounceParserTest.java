package org.listguard.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.listguard.reply.Action;
import org.listguard.reply.ReplyClassifier;

/** The parser on small hand-made messages, one structure each. */
class BounceParserTest {
    static final BounceParser PARSER = new BounceParser(ReplyClassifier.standard());

    static List<BounceRecord> parse(String message) {
        ParseResult r = PARSER.parse("test.eml", message.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
        assertInstanceOf(ParseResult.Parsed.class, r, () -> r.toString());
        return ((ParseResult.Parsed) r).records();
    }

    static final String DSN = """
            Return-Path: <>
            Delivered-To: bounces+r42.m7@lists.example.org
            From: MAILER-DAEMON@relay.example.org (Mail Delivery System)
            To: bounces+r42.m7@lists.example.org
            Subject: Undelivered Mail Returned to Sender
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=delivery-status; boundary="B1"

            --B1
            Content-Type: text/plain

            I'm sorry to have to inform you that your message could not
            be delivered to one or more recipients.

            <gone@example.net>: host mx.example.net[192.0.2.5] said: 550 5.1.1
                <gone@example.net>: Recipient address rejected: User unknown in local
                recipient table (in reply to RCPT TO command)

            <blocked@example.com>: host mx.example.com[192.0.2.6] said: 554 5.7.1
                Service unavailable; Client host [198.51.100.25] blocked using
                zen.spamhaus.org (in reply to RCPT TO command)

            --B1
            Content-Type: message/delivery-status

            Reporting-MTA: dns; relay.example.org

            Final-Recipient: rfc822; gone@example.net
            Original-Recipient: rfc822; gone@example.net
            Action: failed
            Status: 5.1.1
            Remote-MTA: dns; mx.example.net
            Diagnostic-Code: smtp; 550 5.1.1 <gone@example.net>: Recipient address
                rejected: User unknown in local recipient table

            Final-Recipient: rfc822; blocked@example.com
            Action: failed
            Status: 5.7.1
            Remote-MTA: dns; mx.example.com
            Diagnostic-Code: smtp; 554 5.7.1 Service unavailable; Client host
                [198.51.100.25] blocked using zen.spamhaus.org

            --B1
            Content-Type: text/rfc822-headers

            From: News <news@example.org>
            To: gone@example.net
            Subject: October
            Message-ID: <20261001.r42.m7@lists.example.org>

            --B1--
            """;

    @Test
    void dsnGivesOneRecordPerRecipientInOrder() {
        List<BounceRecord> rs = parse(DSN);
        assertEquals(2, rs.size());
        assertEquals("gone@example.net", rs.get(0).recipient());
        assertEquals("blocked@example.com", rs.get(1).recipient());
    }

    @Test
    void dsnRecipientsAreClassifiedApart() {
        List<BounceRecord> rs = parse(DSN);
        assertEquals(Action.HARD, rs.get(0).action());
        assertEquals("userunknown", rs.get(0).reason());
        assertEquals(Action.REPUTATION, rs.get(1).action());
        assertEquals("blocked", rs.get(1).reason());
    }

    @Test
    void dsnKeepsCodesHostAndFoldedDiagnostic() {
        BounceRecord r = parse(DSN).get(0);
        assertEquals("5.1.1", r.status());
        assertEquals(550, r.replyCode());
        assertEquals("mx.example.net", r.remoteHost());
        assertTrue(r.diagnostic().endsWith("User unknown in local recipient table"), r.diagnostic());
    }

    @Test
    void dsnCarriesVerpTokenAndOriginalMessageId() {
        BounceRecord r = parse(DSN).get(1);
        assertEquals("r42.m7", r.verpToken());
        assertEquals("<20261001.r42.m7@lists.example.org>", r.originalMessageId());
    }

    @Test
    void eximTextBounceIsReadFromTheRecipientLineAndTheReplyAfterIt() {
        List<BounceRecord> rs = parse("""
                From: Mail Delivery System <Mailer-Daemon@relay.example.org>
                To: bounces+t9@lists.example.org
                Subject: Mail delivery failed: returning message to sender
                X-Failed-Recipients: member@example.net

                This message was created automatically by mail delivery software.

                A message that you sent could not be delivered to one or more of its
                recipients. This is a permanent error. The following address(es) failed:

                  member@example.net
                    host mx.example.net [192.0.2.7]
                    SMTP error from remote mail server after RCPT TO:<member@example.net>:
                    550 5.7.1 Your access to this mail system has been rejected due to the sending MTA's poor reputation.

                ------ This is a copy of the message, including all the headers. ------

                Message-Id: <abc@lists.example.org>
                From: news@example.org
                To: member@example.net
                """);
        assertEquals(1, rs.size());
        BounceRecord r = rs.get(0);
        assertEquals("member@example.net", r.recipient());
        assertEquals(Action.REPUTATION, r.action());
        assertEquals(550, r.replyCode());
        assertEquals("t9", r.verpToken());
        assertEquals("<abc@lists.example.org>", r.originalMessageId());
    }

    @Test
    void qmailBounceIsRead() {
        List<BounceRecord> rs = parse("""
                From: MAILER-DAEMON@mx.example.org
                To: bounces+q1@lists.example.org
                Subject: failure notice

                Hi. This is the qmail-send program at mx.example.org.
                I'm afraid I wasn't able to deliver your message to the following addresses.
                This is a permanent error; I've given up. Sorry it didn't work out.

                <nobody@example.net>:
                192.0.2.9 does not like recipient.
                Remote host said: 550 sorry, no mailbox here by that name. (#5.1.1)
                Giving up on 192.0.2.9.

                --- Below this line is a copy of the message.
                """);
        assertEquals("nobody@example.net", rs.get(0).recipient());
        assertEquals(Action.HARD, rs.get(0).action());
    }

    @Test
    void arfComplaintListsEveryOriginalRcptTo() {
        List<BounceRecord> rs = parse("""
                From: fbl@isp.example
                To: abuse@example.org
                Subject: Abuse report
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=feedback-report; boundary="A"

                --A
                Content-Type: text/plain

                This is an abuse report.
                --A
                Content-Type: message/feedback-report

                Feedback-Type: abuse
                User-Agent: ExampleFBL/1.0
                Version: 1
                Original-Rcpt-To: one@example.net
                Original-Rcpt-To: two@example.net

                --A
                Content-Type: message/rfc822

                From: news@example.org
                Return-Path: <bounces+c5@lists.example.org>
                Message-ID: <m1@lists.example.org>
                Subject: October

                body
                --A--
                """);
        assertEquals(2, rs.size());
        assertEquals(Action.COMPLAINT, rs.get(1).action());
        assertEquals("feedback", rs.get(1).reason());
        assertEquals("two@example.net", rs.get(1).recipient());
        assertEquals("c5", rs.get(0).verpToken());
        assertEquals("<m1@lists.example.org>", rs.get(0).originalMessageId());
    }

    @Test
    void vacationAutoReplyIsNone() {
        List<BounceRecord> rs = parse("""
                From: Member <member@example.net>
                To: bounces+v1@lists.example.org
                Subject: Out of office until Monday
                Auto-Submitted: auto-replied

                I am away until Monday.
                """);
        assertEquals(1, rs.size());
        assertEquals("vacation", rs.get(0).reason());
        assertEquals(Action.NONE, rs.get(0).action());
        assertEquals("member@example.net", rs.get(0).recipient());
    }

    @Test
    void delayedDsnIsSoftAndNeverHard() {
        List<BounceRecord> rs = parse("""
                From: MAILER-DAEMON@relay.example.org
                To: bounces+d1@lists.example.org
                Subject: Delayed Mail (still being retried)
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="D"

                --D
                Content-Type: message/delivery-status

                Reporting-MTA: dns; relay.example.org

                Final-Recipient: rfc822; slow@example.net
                Action: delayed
                Status: 4.4.1
                Diagnostic-Code: X-Postfix; connect to mx.example.net[192.0.2.8]:25: Connection timed out

                --D--
                """);
        assertEquals(Action.SOFT, rs.get(0).action());
    }

    @Test
    void aMessageThatIsNoReportIsAClearError() {
        ParseResult r = PARSER.parse("note.eml", "From: a@example.net\r\nTo: b@example.org\r\nSubject: hello\r\n\r\nJust a note.\r\n".getBytes(StandardCharsets.US_ASCII));
        ParseResult.Failed f = assertInstanceOf(ParseResult.Failed.class, r);
        assertEquals("note.eml", f.source());
        assertTrue(f.error().contains("not a bounce"), f.error());
    }

    @Test
    void brokenMultipartIsReadAsText() {
        List<BounceRecord> rs = parse("""
                From: MAILER-DAEMON@relay.example.org
                To: bounces+x@lists.example.org
                Subject: Undelivered Mail Returned to Sender
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="NEVER"

                <gone@example.net>: host mx.example.net[192.0.2.5] said: 550 5.1.1
                    User unknown (in reply to RCPT TO command)
                """);
        assertEquals("gone@example.net", rs.get(0).recipient());
        assertEquals(Action.HARD, rs.get(0).action());
        assertNull(rs.get(0).originalMessageId());
    }

    @Test
    void noticeBoilerplateWithoutAQuotedReplyDoesNotSuppress() {
        List<BounceRecord> rs = parse("""
                From: MAILER-DAEMON@relay.example.org
                To: bounces+b1@lists.example.org
                Subject: Undeliverable mail

                Your message could not be delivered to <member@example.net>.


                Possible reasons: the e-mail address does not exist,
                or the receiving server refused the message.
                """);
        assertEquals("member@example.net", rs.get(0).recipient());
        assertTrue(rs.get(0).action() != Action.HARD, rs.get(0).toString());
    }

    @Test
    void aMembersOwnPlusTagIsNotTakenForTheVerpToken() {
        List<BounceRecord> rs = parse(DSN.replace("bounces+r42.m7@lists.example.org", "news@lists.example.org")
                .replace("gone@example.net", "gone+shop@example.net"));
        assertNull(rs.get(0).verpToken());
    }

    @Test
    void arfOriginalMailFromCarriesTheVerpToken() {
        List<BounceRecord> rs = parse("""
                From: fbl@isp.example
                To: abuse@example.org
                Subject: Abuse report
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=feedback-report; boundary="A"

                --A
                Content-Type: message/feedback-report

                Feedback-Type: abuse
                Version: 1
                Original-Mail-From: <bounces+k77@lists.example.org>
                Original-Rcpt-To: one@example.net

                --A--
                """);
        assertEquals("k77", rs.get(0).verpToken());
    }

    @Test
    void aBounceQuotedInlineAsAnMboxEntryIsRead() {
        List<BounceRecord> rs = parse("""
                From: MAILER-DAEMON@isp.example
                To: news@example.org
                Subject: Undelivered Mail Returned to Sender

                The message below could not be delivered.
                ---------------------------------
                From MAILER-DAEMON  Thu Apr 29 23:34:45 2015
                From: MAILER-DAEMON@relay.isp.example
                To: news@example.org
                Subject: Undelivered Mail Returned to Sender

                <gone@example.net>: host mx.example.net[192.0.2.5] said: 550 5.1.1
                    User unknown (in reply to RCPT TO command)
                """);
        assertEquals("gone@example.net", rs.get(0).recipient());
        assertEquals(Action.HARD, rs.get(0).action());
    }
}
