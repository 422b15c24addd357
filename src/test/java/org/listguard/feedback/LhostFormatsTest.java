package org.listguard.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.listguard.reply.Action;

/**
 * Bounce formats of MTAs that our corpus does not hold, each a small synthetic message
 * reconstructed from the markers and comment lines of the MTA's Sisimai 4.25 lhost module
 * (lib/Sisimai/Lhost/NAME.pm): the failed recipient, the receiver's reply as its diagnostic, and
 * the action.
 */
class LhostFormatsTest {

    static BounceRecord only(String message) {
        List<BounceRecord> rs = BounceParserTest.parse(message);
        assertEquals(1, rs.size(), () -> rs.toString());
        return rs.get(0);
    }

    /**
     * "No such user" in a layout that names neither the SMTP command nor an X.1 code: read as the
     * recipient's filter, as Sisimai reads it (Reason::Filtered), and never suppresses alone (BounceParser#unstaged).
     */
    static final Action UNPLACED = Action.CONTENT;

    static void check(BounceRecord r, String rcpt, String reply, Action action) {
        assertEquals(rcpt, r.recipient(), r::toString);
        assertTrue(r.diagnostic() != null && r.diagnostic().contains(reply), r::toString);
        assertEquals(action, r.action(), r::toString);
    }

    /** Sisimai lib/Sisimai/Lhost/Activehunter.pm: X-AHMAILID, "----- The following addresses had permanent fatal errors -----", "&gt;&gt;&gt; a@b &lt;a@b&gt;", the reply under the transcript heading. */
    static final String ACTIVEHUNTER = """
            From: "MAILER-DAEMON" <MAILER-DAEMON@mx.example.jp>
            To: sender@example.org
            Subject: FAILURE NOTICE :
            X-AHMAILID: 1234567890
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="AH1"

            --AH1
            Content-Type: text/plain; charset=us-ascii

              ----- The following addresses had permanent fatal errors -----

            >>> kijitora@example.jp <kijitora@example.jp>

              ----- Transcript of session follows -----
            550 sorry, no mailbox here by that name (#5.1.1 - chkusr)

            --AH1
            Content-Type: message/rfc822

            From: sender@example.org
            To: kijitora@example.jp
            Subject: hello

            hello
            --AH1--
            """;

    @Test
    void activehunter() {
        check(only(ACTIVEHUNTER), "kijitora@example.jp", "no mailbox here by that name", Action.HARD);
    }

    /** Sisimai lib/Sisimai/Lhost/Biglobe.pm: "----- The following addresses had delivery problems -----", then "----- Non-delivered information -----". */
    static final String BIGLOBE = """
            From: postmaster@biglobe.ne.jp
            To: sender@example.org
            Subject: Returned mail: Delivery failed
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="----_Biglobe000000/00000.biglobe.ne.jp"

            This is a MIME-encapsulated message.

            ------_Biglobe000000/00000.biglobe.ne.jp
            Content-Type: text/plain; charset="utf-8"

               ----- The following addresses had delivery problems -----
            kijitora@example.jp

               ----- Non-delivered information -----
            The number of messages in recipient's mailbox exceeded the local limit.

            ------_Biglobe000000/00000.biglobe.ne.jp
            Content-Type: message/rfc822

            From: sender@example.org
            To: kijitora@example.jp
            Subject: hello

            hello
            ------_Biglobe000000/00000.biglobe.ne.jp--
            """;

    @Test
    void biglobe() {
        check(only(BIGLOBE), "kijitora@example.jp", "exceeded the local limit", Action.SOFT);
    }

    /** Sisimai lib/Sisimai/Lhost/MailMarshalSMTP.pm: the reply under "Could not be delivered because of", the recipients after it under "The following recipients were affected:". */
    static final String MAILMARSHAL = """
            From: postmaster@relay.example.jp
            To: sender@example.org
            Subject: Undeliverable Mail: "hello"
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="MM1"

            --MM1
            Content-Type: text/plain

            Your message:
               From:    sender@example.org
               Subject: hello

            Could not be delivered because of

            550 5.1.1 User unknown

            The following recipients were affected:
                kijitora@example.jp

            Additional Information
            ======================
            Original Sender:    <sender@example.org>
            Sender-MTA:         <192.0.2.10>
            Remote-MTA:         <192.0.2.20>
            Reporting-MTA:      <relay.example.jp>
            MessageName:        <B549996730000.000000000001.0003.mml>
            Last-Attempt-Date:  <16:21:07 seg, 22 Dezembro 2014>

            --MM1
            Content-Type: message/rfc822

            From: sender@example.org
            To: kijitora@example.jp
            Subject: hello

            hello
            --MM1--
            """;

    @Test
    void mailMarshal() {
        check(only(MAILMARSHAL), "kijitora@example.jp", "550 5.1.1 User unknown", Action.HARD);
    }

    /** Sisimai lib/Sisimai/Lhost/mFILTER.pm: X-Mailer: m-FILTER, the address alone on a line, "-------server message", "-------SMTP command". */
    static final String MFILTER = """
            From: MAILER-DAEMON@mfilter.example.jp
            To: sender@example.org
            Subject: failure notice
            X-Mailer: m-FILTER
            MIME-Version: 1.0
            Content-Type: text/plain; charset="utf-8"

            このメールは「m-FILTER」が自動的に生成して送信しています。
            メールサーバーとの通信中、下記の理由により
            このメールは送信できませんでした。

            以下のメールアドレスへの送信に失敗しました。
            kijitora@example.jp


            -------server message
            550 5.7.1 Message rejected as spam by Content Filtering.

            -------SMTP command
            DATA

            -------original message

            From: sender@example.org
            To: kijitora@example.jp
            Subject: hello

            hello
            """;

    @Test
    void mFilter() {
        check(only(MFILTER), "kijitora@example.jp", "rejected as spam", Action.CONTENT);
    }

    /** Sisimai lib/Sisimai/Lhost/X4.pm: qmail clones, "Su mensaje no pudo ser entregado", "&lt;a@b&gt;:", qmail-remote.c's "does not like recipient." / "Remote host said:". */
    static final String X4_SPANISH = """
            From: MAILER-DAEMON@mx.example.jp
            To: sender@example.org
            Subject: failure notice
            Received: (qmail 12345 invoked for bounce); 29 Apr 2009 12:34:56 -0000

            Su mensaje no pudo ser entregado a los siguientes destinatarios.

            <kijitora@example.jp>:
            192.0.2.153 does not like recipient.
            Remote host said: 550 5.1.1 <kijitora@example.jp>... User Unknown
            Giving up on 192.0.2.153.

            --- Below this line is a copy of the message.

            From: sender@example.org
            To: kijitora@example.jp
            Subject: hello

            hello
            """;

    @Test
    void x4() {
        BounceRecord r = only(X4_SPANISH);
        check(r, "kijitora@example.jp", "User Unknown", Action.HARD);
        assertEquals("192.0.2.153", r.remoteHost(), r::toString);
    }

    /** Sisimai lib/Sisimai/Lhost/X4.pm: "Connected to HOST but sender was rejected." (qmail-remote.c:238) is MAIL FROM: the sender's problem. */
    static final String X4_SENDER = """
            From: MAILER-DAEMON@mx.example.jp
            To: sender@example.org
            Subject: Permanent Delivery Failure

            Unable to deliver message to the following address(es).

            <kijitora@example.jp>:
            Connected to 192.0.2.153 but sender was rejected.
            Remote host said: 550 5.7.1 <sender@example.org>... Access denied

            --- Original message follows.

            From: sender@example.org
            To: kijitora@example.jp
            Subject: hello

            hello
            """;

    @Test
    void x4Sender() {
        BounceRecord r = only(X4_SENDER);
        assertEquals("kijitora@example.jp", r.recipient(), r::toString);
        assertTrue(r.diagnostic().contains("Access denied"), r::toString);
        assertTrue(r.action() != Action.HARD, r::toString);
    }

    /** Sisimai lib/Sisimai/Lhost/MessageLabs.pm: X-Msg-Ref, From MAILER-DAEMON@messagelabs.com, "Mail Delivery Failure", a delivery-status part. */
    static final String MESSAGELABS = """
            From: MAILER-DAEMON@messagelabs.com
            To: sender@example.org
            Subject: Mail Delivery Failure
            X-Msg-Ref: server-11.tower-143.messagelabs.com!1419367175!36473369!1
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=delivery-status; boundary="ML1"

            --ML1
            Content-Type: text/plain

            This is an automatically generated message from Symantec.cloud.
            Delivery to the following recipients failed.

                   kijitora@example.jp

            --ML1
            Content-Type: message/delivery-status

            Reporting-MTA: dns; server-11.tower-143.messagelabs.com
            Arrival-Date: Tue, 23 Dec 2014 20:39:34 +0000

            Action: failed
            Status: 5.0.0
            Final-Recipient: rfc822; kijitora@example.jp
            Diagnostic-Code: smtp; 550 5.1.1 <kijitora@example.jp>... No such user

            --ML1
            Content-Type: text/rfc822-headers

            From: sender@example.org
            To: kijitora@example.jp
            Subject: hello

            --ML1--
            """;

    @Test
    void messageLabs() {
        check(only(MESSAGELABS), "kijitora@example.jp", "No such user", Action.HARD);
    }

    /** Sisimai lib/Sisimai/Lhost/Yandex.pm: X-Yandex-Uniq, "This is the mail system at host yandex.ru.", Postfix's layout and a delivery-status part. */
    static final String YANDEX = """
            From: mailer-daemon@yandex.ru
            To: sender@example.org
            Subject: Undelivered Mail Returned to Sender
            X-Yandex-Uniq: 92309766-f1c8-4bd4-92bc-657c75766587
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=delivery-status; boundary="YX1"

            --YX1
            Content-Type: text/plain; charset=us-ascii

            This is the mail system at host yandex.ru.

            I'm sorry to have to inform you that your message could not
            be delivered to one or more recipients.

            <kijitora@example.jp>: host mx.example.jp[192.0.2.153] said: 550
                5.1.1 <kijitora@example.jp>... User Unknown (in reply to RCPT TO
                command)

            --YX1
            Content-Type: message/delivery-status

            Reporting-MTA: dns; forward1h.mail.yandex.net
            X-Yandex-Queue-ID: 367D79E130D
            X-Yandex-Sender: rfc822; sender@example.org

            Final-Recipient: rfc822; kijitora@example.jp
            Original-Recipient: rfc822;kijitora@example.jp
            Action: failed
            Status: 5.1.1
            Remote-MTA: dns; mx.example.jp
            Diagnostic-Code: smtp; 550 5.1.1 <kijitora@example.jp>... User Unknown

            --YX1
            Content-Type: message/rfc822

            From: sender@example.org
            To: kijitora@example.jp
            Subject: hello

            hello
            --YX1--
            """;

    @Test
    void yandex() {
        check(only(YANDEX), "kijitora@example.jp", "User Unknown", Action.HARD);
    }

    /** Sisimai lib/Sisimai/Lhost/Barracuda.pm: subject "...our bulk email filter", "Your message to:", delivery-status fields, text/rfc822-headers. */
    static final String BARRACUDA = """
            From: "Barracuda Spam Firewall" <mailer-daemon@barracuda.example.jp>
            To: sender@example.org
            Subject: **Message you sent blocked by our bulk email filter**
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=delivery-status; boundary="BA1"

            --BA1
            Content-Type: text/plain

            Your message to: kijitora@example.jp
            was blocked by our Spam Firewall. The email you sent with the following subject has NOT BEEN DELIVERED:

            Subject: hello

            --BA1
            Content-Type: message/delivery-status

            Reporting-MTA: dns; barracuda.example.jp
            Arrival-Date: Tue, 23 Dec 2014 20:39:34 +0000

            Final-Recipient: rfc822; kijitora@example.jp
            Action: failed
            Status: 5.7.1
            Diagnostic-Code: smtp; 550 5.7.1 Message content rejected, UBE, id=00000-00-000

            --BA1
            Content-Type: text/rfc822-headers

            From: sender@example.org
            To: kijitora@example.jp
            Subject: hello

            --BA1--
            """;

    @Test
    void barracuda() {
        check(only(BARRACUDA), "kijitora@example.jp", "Message content rejected", Action.CONTENT);
    }

    /** Sisimai lib/Sisimai/Lhost/Courier.pm (courier/module.dsn): "&lt;a@b&gt;:", the host, "&gt;&gt;&gt; RCPT TO" and "&lt;&lt;&lt; reply"; a delivery-status part without a Diagnostic-Code. */
    static final String COURIER = """
            From: Courier mail server at relay.example.jp <@>
            To: sender@example.org
            Subject: NOTICE: mail delivery status.
            Message-ID: <courier.4D025E3A.00001792@relay.example.jp>
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=delivery-status; boundary="CO1"

            --CO1
            Content-Type: text/plain; charset=iso-8859-1

            This is a delivery status notification from relay.example.jp,
            running the Courier mail server, version 0.65.2.

            The original message was received on Sat, 11 Dec 2010 12:19:57 +0900
            from [127.0.0.1] (c10920.example.com [192.0.2.20])

            ---------------------------------------------------------------------------

                                      UNDELIVERABLE MAIL

            Your message to the following recipients cannot be delivered:

            <kijitora@example.co.jp>:
                mx.example.co.jp [192.0.2.95]:
            >>> RCPT TO:<kijitora@example.co.jp>
            <<< 550 5.1.1 <kijitora@example.co.jp>... User Unknown

            ---------------------------------------------------------------------------

            If your message was also sent to additional recipients, their delivery
            status is not included in this report.

            --CO1
            Content-Type: message/delivery-status

            Reporting-MTA: dns; relay.example.jp
            Arrival-Date: Sat, 11 Dec 2010 12:19:57 +0900

            Final-Recipient: rfc822; kijitora@example.co.jp
            Action: failed
            Status: 5.0.0

            --CO1
            Content-Type: text/rfc822-headers

            From: sender@example.org
            To: kijitora@example.co.jp
            Subject: hello

            --CO1--
            """;

    @Test
    void courier() {
        check(only(COURIER), "kijitora@example.co.jp", "User Unknown", Action.HARD);
    }

    /** Sisimai lib/Sisimai/Lhost/Notes.pm: "------- Failure Reasons --------", the reason, then the address, then "------- Returned Message --------". */
    static final String NOTES = """
            From: Postmaster@notes.example.jp
            To: sender@example.org
            Subject: Undeliverable message
            Content-Type: text/plain; charset=us-ascii

            ------- Failure Reasons  --------

            User not listed in public Name & Address Book
            kijitora@notes.example.jp

            ------- Returned Message --------
            From: sender@example.org
            To: kijitora@notes.example.jp
            Subject: hello

            hello
            """;

    @Test
    void notes() {
        BounceRecord r = only(NOTES);
        assertEquals("kijitora@notes.example.jp", r.recipient(), r::toString);
        // the reason alone, not the heading or the address
        assertEquals("User not listed in public Name & Address Book", r.diagnostic(), r::toString);
        assertEquals(Action.HARD, r.action(), r::toString);
    }

    /** Sisimai lib/Sisimai/Lhost/InterScanMSS.pm: "Sent &lt;&lt;&lt; RCPT TO:&lt;a@b&gt;", "Received &gt;&gt;&gt; 550 ..." (its arrows point the other way than sendmail's). */
    static final String INTERSCAN = """
            From: "InterScan MSS" <postmaster@relay.example.jp>
            To: sender@example.org
            Subject: Mail could not be delivered
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="IS1"

            --IS1
            Content-Type: text/plain; charset=us-ascii

            This message is from the InterScan Messaging Security Suite.

            Mail could not be delivered.

            Sent <<< RCPT TO:<kijitora@example.co.jp>
            Received >>> 550 5.7.1 <kijitora@example.co.jp>... Message rejected: spam content

            Sent <<< RCPT TO:<mikeneko@example.co.jp>
            Received >>> 550 5.1.1 <mikeneko@example.co.jp>... user unknown

            --IS1
            Content-type: message/rfc822

            From: sender@example.org
            To: kijitora@example.co.jp, mikeneko@example.co.jp, shironeko@example.co.jp
            Subject: hello

            hello
            --IS1--
            """;

    @Test
    void interScan() {
        List<BounceRecord> rs = BounceParserTest.parse(INTERSCAN);
        assertEquals(2, rs.size(), rs::toString);
        // refused at RCPT: the receiver had not seen the content, so not a content verdict
        check(rs.get(0), "kijitora@example.co.jp", "Message rejected: spam content", Action.REPUTATION);
        check(rs.get(1), "mikeneko@example.co.jp", "user unknown", Action.HARD);
    }

    /** Sisimai lib/Sisimai/Lhost/MailFoundry.pm: "Unable to deliver message to: &lt;a@b&gt;", "Delivery failed for the following reason:", "Server HOST failed with: reply". */
    static final String MAILFOUNDRY = """
            From: MAILER-DAEMON@relay.example.jp
            To: sender@example.org
            Subject: Message delivery has failed
            Received: from localhost (MAILFOUNDRY) id 1234; Tue, 12 Jan 2010 12:34:56 +0000

            Unable to deliver message to: <kijitora@example.org>
            Delivery failed for the following reason:
            Server mx22.example.org[192.0.2.222] failed with: 550 <kijitora@example.org> No such user here

            This has been a permanent failure.  No further delivery attempts will be made.

            --- Original message follows.
            From: sender@example.org
            To: kijitora@example.org
            Subject: hello

            hello
            """;

    @Test
    void mailFoundry() {
        check(only(MAILFOUNDRY), "kijitora@example.org", "No such user here", UNPLACED);
    }

    /** Sisimai lib/Sisimai/Lhost/SurfControl.pm: "Addressed To: a@b", then "a@b: [IP], reply". */
    static final String SURFCONTROL = """
            From: postmaster@filter.example.jp
            To: sender@example.org
            Subject: Delivery Failure
            X-SEF-Processed: 0_0_0_000__2010_04_29_23_34_45
            X-Mailer: SurfControl E-mail Filter

            Your message could not be sent.
            A transcript of the attempts to send the message follows.
            The number of attempts made: 1
            Addressed To: kijitora@example.com

            Thu 29 Apr 2010 23:34:45 +0900
            Failed to send to identified host,
            kijitora@example.com: [192.0.2.5], 550 kijitora@example.com... No such user
            --- Message non-deliverable.
            """;

    @Test
    void surfControl() {
        check(only(SURFCONTROL), "kijitora@example.com", "No such user", UNPLACED);
    }

    /** Sisimai lib/Sisimai/Lhost/mFILTER.pm: the command stated under "-------SMTP command" sets the stage (RCPT: the content was not seen). */
    @Test
    void mFilterRcpt() {
        String m = MFILTER.replace("\nDATA\n", "\nRCPT TO:<kijitora@example.jp>\n");
        BounceRecord r = only(m);
        assertEquals(Action.REPUTATION, r.action(), r::toString);
    }

    /** Sisimai lib/Sisimai/Lhost/MailMarshalSMTP.pm with two recipients under "The following recipients were affected:". */
    @Test
    void mailMarshalTwo() {
        List<BounceRecord> rs = BounceParserTest.parse(MAILMARSHAL.replace("    kijitora@example.jp\n", "    kijitora@example.jp\n    mikeneko@example.jp\n"));
        assertEquals(2, rs.size(), rs::toString);
        check(rs.get(0), "kijitora@example.jp", "550 5.1.1 User unknown", Action.HARD);
        check(rs.get(1), "mikeneko@example.jp", "550 5.1.1 User unknown", Action.HARD);
    }

    /** Sisimai lib/Sisimai/Lhost/Exim.pm (deliver.c:4549): "an undisclosed address" with "(generated from a@b)", no X-Failed-Recipients. */
    static final String EXIM_UNDISCLOSED = """
            From: Mail Delivery System <Mailer-Daemon@mx.example.jp>
            To: sender@example.org
            Subject: Mail delivery failed: returning message to sender
            Message-Id: <E1P1YNN-0003AD-Ga@mx.example.jp>

            This message was created automatically by mail delivery software.

            A message that you sent could not be delivered to one or more of its
            recipients. This is a permanent error. The following address(es) failed:

              an undisclosed address
                (generated from kijitora@example.jp)
                SMTP error from remote mail server after RCPT TO:<neko@example.net>:
                host mx.example.net [192.0.2.222]: 550 5.1.1 <neko@example.net>... User Unknown

            ------ This is a copy of the message, including all the headers. ------

            From: sender@example.org
            To: list@example.jp
            Subject: hello

            hello
            """;

    @Test
    void eximUndisclosed() {
        check(only(EXIM_UNDISCLOSED), "kijitora@example.jp", "User Unknown", Action.HARD);
    }

    /** Sisimai lib/Sisimai/Lhost/MXLogic.pm: Exim's text with "&lt;a@b&gt;: reply" on one line, the headers after "Included is a copy of the message header:". */
    static final String MXLOGIC = """
            From: Mail Delivery System <mailer-daemon@mxlogic.example.jp>
            To: sender@example.org
            Subject: Undeliverable mail: hello
            X-MX-Bounce: mta/src/queue/bounce

            This message was created automatically by mail delivery software.

            A message that you have sent could not be delivered to one or more
            recipients.  This is a permanent error.  The following address failed:

              <kijitora@example.co.jp>: 550 5.1.1 <kijitora@example.co.jp>... User Unknown

            Included is a copy of the message header:
            -----------------------------------------
            Received: from smtp.example.org (192.0.2.30) by mx.example.jp
            From: sender@example.org
            To: kijitora@example.co.jp
            Subject: hello
            -----------------------------------------
            """;

    @Test
    void mxLogic() {
        check(only(MXLOGIC), "kijitora@example.co.jp", "User Unknown", Action.HARD);
    }

    /** Sisimai lib/Sisimai/Lhost/X1.pm: "---The following addresses had delivery errors---", "a@b [reason]". */
    static final String X1 = """
            From: "Mail Deliver System" <MAILER-DAEMON@mx.example.jp>
            To: sender@example.org
            Subject: Returned Mail: User unknown

            The original message was received at Thu, 29 Apr 2010 23:34:45 +0900 (JST)
            from sender@example.org

            ---The following addresses had delivery errors---

            kijitora@example.co.jp [User unknown]

            Received: from 192.0.2.30 by mx.example.jp
            From: sender@example.org
            To: kijitora@example.co.jp
            Subject: hello
            """;

    @Test
    void x1() {
        check(only(X1), "kijitora@example.co.jp", "User unknown", UNPLACED);
    }

    /** Sisimai lib/Sisimai/Lhost/X4.pm, qmail-remote-fallback.patch: "Sorry, no SMTP connection got far enough; most progress was RCPT TO". */
    static final String X4_PROGRESS = """
            From: MAILER-DAEMON@mx.example.jp
            To: sender@example.org
            Subject: failure notice

            Hi. This is the qmail-send program at mx.example.jp.
            I'm afraid I wasn't able to deliver your message to the following addresses.
            This is a permanent error; I've given up. Sorry it didn't work out.

            <kijitora@example.jp>:
            Sorry, no SMTP connection got far enough; most progress was RCPT TO; 550 5.7.1 Access denied: spam content

            --- Below this line is a copy of the message.

            From: sender@example.org
            To: kijitora@example.jp
            Subject: hello
            """;

    @Test
    void x4Progress() {
        // refused at RCPT: not a content verdict
        check(only(X4_PROGRESS), "kijitora@example.jp", "Access denied: spam content", Action.REPUTATION);
    }

    /** Sisimai lib/Sisimai/Lhost/qmail.pm, qmail-remote.c:68: "Sorry, I couldn't find any host by that name. (#4.1.2)" / "named" is a host that does not exist. */
    static final String QMAIL_NOHOST = """
            From: MAILER-DAEMON@mx.example.jp
            To: sender@example.org
            Subject: failure notice

            Hi. This is the qmail-send program at mx.example.jp.
            I'm afraid I wasn't able to deliver your message to the following addresses.
            This is a permanent error; I've given up. Sorry it didn't work out.

            <kijitora@nohost.example.jp>:
            Sorry, I couldn't find any host named nohost.example.jp. (#5.1.2)

            --- Below this line is a copy of the message.

            From: sender@example.org
            To: kijitora@nohost.example.jp
            Subject: hello
            """;

    @Test
    void qmailNoHost() {
        check(only(QMAIL_NOHOST), "kijitora@nohost.example.jp", "couldn't find any host named", Action.HARD);
    }

    /** Sisimai lib/Sisimai/Lhost/X6.pm: "N error(s):", "SMTP Server &lt;host&gt; rejected recipient &lt;a@b&gt;", "(Error following RCPT command). It responded as follows: [reply]". */
    static final String X6 = """
            From: postmaster@mx.example.jp
            To: sender@example.org
            Subject: There was an error sending your mail

            1 error(s):

            SMTP Server <mta2.example.jp> rejected recipient <kijitora@example.jp>
              (Error following RCPT command). It responded as follows: [550 5.1.1 User unknown]

            The attachment contains the original mail headers.
            """;

    @Test
    void x6() {
        check(only(X6), "kijitora@example.jp", "User unknown", Action.HARD);
    }

    /** Sisimai lib/Sisimai/Lhost/McAfee.pm: "--- The following addresses had delivery problems ---", "&lt;a@b&gt;   (reason)". */
    static final String MCAFEE = """
            From: postmaster@mcafee.example.jp
            To: sender@example.org
            Subject: Delivery Status Notification (Failure)
            X-NAI-Header: Modified by McAfee Email and Web Security Virtual Appliance
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="MC1"

            --MC1
            Content-Type: text/plain; name="deliveryproblems.txt"

               --- The following addresses had delivery problems ---

            <kijitora@example.co.jp>   (User unknown kijitora@example.co.jp)

            --MC1
            Content-Type: message/rfc822

            From: sender@example.org
            To: kijitora@example.co.jp
            Subject: hello

            hello
            --MC1--
            """;

    @Test
    void mcAfee() {
        check(only(MCAFEE), "kijitora@example.co.jp", "User unknown", Action.HARD);
    }

    /** Sisimai lib/Sisimai/Lhost/X4.pm: the recipient line "To : &lt;a@b&gt;:" and "Your mail message to the following address(es) could not be delivered." */
    @Test
    void x4ToLabel() {
        String m = X4_SPANISH.replace("Su mensaje no pudo ser entregado a los siguientes destinatarios.",
                "Your mail message to the following address(es) could not be delivered.")
                .replace("<kijitora@example.jp>:\n192.0.2.153", "To : <kijitora@example.jp>:\n192.0.2.153")
                .replace("To: kijitora@example.jp\n", "To: kijitora@example.jp, mikeneko@example.jp\n");
        check(only(m), "kijitora@example.jp", "User Unknown", Action.HARD);
    }

    /** Sisimai lib/Sisimai/Lhost/Activehunter.pm with two recipients: both get the reply under the transcript heading. */
    @Test
    void activehunterTwo() {
        String m = ACTIVEHUNTER.replace(">>> kijitora@example.jp <kijitora@example.jp>\n",
                ">>> kijitora@example.jp <kijitora@example.jp>\n>>> mikeneko@example.jp <mikeneko@example.jp>\n");
        List<BounceRecord> rs = BounceParserTest.parse(m);
        assertEquals(2, rs.size(), rs::toString);
        check(rs.get(0), "kijitora@example.jp", "no mailbox here by that name", Action.HARD);
        check(rs.get(1), "mikeneko@example.jp", "no mailbox here by that name", Action.HARD);
    }

    /** Sisimai lib/Sisimai/Lhost/Barracuda.pm reads the delivery-status fields anywhere after "Your message to:": here in the text part itself. */
    static final String BARRACUDA_TEXT = """
            From: "Barracuda Spam Firewall" <mailer-daemon@barracuda.example.jp>
            To: sender@example.org
            Subject: **Message you sent blocked by our bulk email filter**
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="BA2"

            --BA2
            Content-Type: text/plain

            Your message to: kijitora@example.jp
            was blocked by our Spam Firewall. The email you sent with the following subject has NOT BEEN DELIVERED:

            Subject: hello

            Reporting-MTA: dns; barracuda.example.jp
            Arrival-Date: Tue, 23 Dec 2014 20:39:34 +0000

            Final-Recipient: rfc822; kijitora@example.jp
            Action: failed
            Status: 5.7.1
            Diagnostic-Code: smtp; 550 5.7.1 Message content rejected, UBE, id=00000-00-000

            --BA2
            Content-Type: text/rfc822-headers

            From: sender@example.org
            To: kijitora@example.jp
            Subject: hello

            --BA2--
            """;

    @Test
    void barracudaText() {
        check(only(BARRACUDA_TEXT), "kijitora@example.jp", "Message content rejected", Action.CONTENT);
    }

    /** Sisimai lib/Sisimai/Lhost/ApacheJames.pm (AbstractNotify.java): "Error message below:", then "Message details:" with "  RCPT TO: a@b" and "  MAIL FROM: sender". */
    static final String JAMES = """
            From: postmaster@james.example.jp
            To: sender@example.org
            Subject: [BOUNCE]
            Message-ID: <1234.5678.JavaMail.root@james.example.jp>
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="AJ1"

            --AJ1
            Content-Type: text/plain

            Hi. This is the James mail server at james.example.jp.
            I'm afraid I wasn't able to deliver your message to the following addresses.
            This is a permanent error; I've given up. Sorry it didn't work out.  Below
            I include the list of recipients and the reason why I was unable to deliver
            your message.

            Failed recipient(s):
            kijitora@example.org

            Error message below:
            550 - Requested action not taken: no such user here

            Message details:
              Subject: Nyaaan
              Sent date: Thu Apr 29 01:20:50 JST 2015
              MAIL FROM: relay-sender@example.net
              RCPT TO: kijitora@example.org
              From: Neko <relay-sender@example.net>
              To: kijitora@example.org
              Size (in bytes): 1024
              Number of lines: 64

            --AJ1--
            """;

    @Test
    void apacheJames() {
        check(only(JAMES), "kijitora@example.org", "no such user here", UNPLACED);
    }

    /** Sisimai lib/Sisimai/Lhost/EinsUndEins.pm: "The following address failed:", the address, "For the following reason:", the reason. */
    static final String EINSUNDEINS = """
            From: "Mail Delivery System" <mailer-daemon@mx.example.jp>
            To: sender@example.org
            Subject: Mail delivery failed: returning message to sender

            This message was created automatically by mail delivery software.

            A message that you sent could not be delivered to one or more of
            its recipients. This is a permanent error. The following address
            failed:

            kijitora@example.jp

            For the following reason:

            Mail size limit exceeded. For explanation visit
            http://postmaster.1and1.com/en/error-messages?ip=%1s

            --- The header of the original message is following. ---

            From: sender@example.org
            To: kijitora@example.jp
            Subject: hello
            """;

    @Test
    void einsUndEins() {
        check(only(EINSUNDEINS), "kijitora@example.jp", "Mail size limit exceeded", Action.SOFT);
    }

    /** Sisimai lib/Sisimai/Lhost/IMailServer.pm: "Unknown user: a@b" (the reason first), "Original message follows.". */
    static final String IMAIL = """
            From: postmaster@imail.example.jp
            To: sender@example.org
            Subject: Undeliverable Mail
            X-Mailer: <SMTP32 v8.22>

            Unknown user: kijitora@example.jp

            Original message follows.

            From: sender@example.org
            To: kijitora@example.jp
            Subject: hello
            """;

    @Test
    void imail() {
        check(only(IMAIL), "kijitora@example.jp", "Unknown user", Action.HARD);
    }

    /** Sisimai lib/Sisimai/Lhost/Yandex.pm reads the command from "(in reply to MAIL FROM command)": a refusal of our sender is not the recipient's. */
    @Test
    void yandexMailFrom() {
        String m = YANDEX.replace("""
                <kijitora@example.jp>: host mx.example.jp[192.0.2.153] said: 550
                    5.1.1 <kijitora@example.jp>... User Unknown (in reply to RCPT TO
                    command)""", """
                <kijitora@example.jp>: host mx.example.jp[192.0.2.153] said: 553
                    5.7.1 <sender@example.org>... Sender address rejected: Access
                    denied (in reply to MAIL FROM command)""")
                .replace("Status: 5.1.1", "Status: 5.7.1")
                .replace("Diagnostic-Code: smtp; 550 5.1.1 <kijitora@example.jp>... User Unknown",
                        "Diagnostic-Code: smtp; 553 5.7.1 <sender@example.org>... Sender address rejected: Access denied");
        BounceRecord r = only(m);
        assertEquals("kijitora@example.jp", r.recipient(), r::toString);
        assertTrue(r.diagnostic().contains("Sender address rejected"), r::toString);
        assertTrue(r.action() != Action.HARD, r::toString);
    }

    /** Sisimai lib/Sisimai/Lhost/Biglobe.pm with two recipients under "The following addresses had delivery problems". */
    @Test
    void biglobeTwo() {
        List<BounceRecord> rs = BounceParserTest.parse(BIGLOBE.replace("kijitora@example.jp\n\n   -----", "kijitora@example.jp\nmikeneko@example.jp\n\n   -----"));
        assertEquals(2, rs.size(), rs::toString);
        check(rs.get(0), "kijitora@example.jp", "exceeded the local limit", Action.SOFT);
        check(rs.get(1), "mikeneko@example.jp", "exceeded the local limit", Action.SOFT);
    }

    /** Not a Sisimai lhost: hMailServer's notice, "X sent: RCPT TO:&lt;a@b&gt;" and "Remote server replied: reply", read as a transcript (the stage is RCPT). */
    static final String HMAILSERVER = """
            From: mailer-daemon@mail.example.jp
            To: sender@example.org
            Subject: Message undeliverable: hello

            Your message did not reach some or all of the intended recipients.

               Sent: Thu, 29 Apr 2010 23:34:45 +0900
               Subject: hello

            The following recipient(s) could not be reached:

            kijitora@example.jp
               Error Type: SMTP
               Remote server (192.0.2.153) issued an error.
               hMailServer sent: RCPT TO:<kijitora@example.jp>
               Remote server replied: 550 5.7.1 Message rejected as spam

            """;

    @Test
    void hMailServer() {
        // refused at RCPT: the receiver had not seen the content
        check(only(HMAILSERVER), "kijitora@example.jp", "Message rejected as spam", Action.REPUTATION);
    }

    /** m-FILTER writes its notice in ISO-2022-JP (7-bit JIS, as Japanese MTAs do): the same reading. */
    @Test
    void mFilterIso2022jp() {
        String m = MFILTER.replace("charset=\"utf-8\"", "charset=\"iso-2022-jp\"").replace("\n", "\r\n");
        ParseResult res = BounceParserTest.PARSER.parse("jis.eml", m.getBytes(java.nio.charset.Charset.forName("ISO-2022-JP")));
        List<BounceRecord> rs = ((ParseResult.Parsed) res).records();
        assertEquals(1, rs.size(), rs::toString);
        check(rs.get(0), "kijitora@example.jp", "rejected as spam", Action.CONTENT);
    }

    /** Sisimai lib/Sisimai/Lhost/InterScanMSS.pm, localised notice: a label, then sendmail's arrows ("&gt;&gt;&gt; RCPT", "&lt;&lt;&lt; 550"). */
    @Test
    void interScanLocalised() {
        String m = INTERSCAN.replace("Subject: Mail could not be delivered", "Subject: =?UTF-8?B?44Oh44O844Or6YWN5L+h44Gr5aSx5pWX44GX44G+44GX44Gf?=")
                .replace("Content-Type: text/plain; charset=us-ascii", "Content-Type: text/plain; charset=utf-8")
                .replace("Sent <<< RCPT TO:<kijitora@example.co.jp>", "送信 >>> RCPT TO:<kijitora@example.co.jp>")
                .replace("Received >>> 550 5.7.1", "受信 <<< 550 5.7.1")
                .replace("Sent <<< RCPT TO:<mikeneko@example.co.jp>", "送信 >>> RCPT TO:<mikeneko@example.co.jp>")
                .replace("Received >>> 550 5.1.1", "受信 <<< 550 5.1.1");
        List<BounceRecord> rs = BounceParserTest.parse(m);
        assertEquals(2, rs.size(), rs::toString);
        check(rs.get(0), "kijitora@example.co.jp", "Message rejected: spam content", Action.REPUTATION);
        check(rs.get(1), "mikeneko@example.co.jp", "user unknown", Action.HARD);
    }
    /**
     * Sisimai lib/Sisimai/Lhost/Sendmail.pm: the transcript's last command is every recipient's when the
     * refusal names none. A refusal of MAIL in the notice's single session ("... while talking to")
     * places each recipient's failure at MAIL, not at an unknown stage.
     */
    static String sendmailSession(String sessions) {
        return """
                From: Mail Delivery Subsystem <MAILER-DAEMON@relay.example.jp>
                To: <sender@example.org>
                Subject: Returned mail: see transcript for details
                Content-Type: text/plain

                The original message was received at Thu, 9 Apr 2015 23:34:45 +0900

                   ----- The following addresses had permanent fatal errors -----
                <kijitora@example.org>
                    (reason: 550 Access denied)

                   ----- Transcript of session follows -----
                """ + sessions + """
                554 5.0.0 Service unavailable

                   ----- Original message follows -----
                From: sender@example.org
                To: kijitora@example.org
                Subject: hello
                """;
    }

    @Test
    void sendmailSingleSessionRefusalOfMailPlacesTheRecipient() {
        BounceRecord r = only(sendmailSession("""
                ... while talking to mx.example.org.:
                >>> MAIL From:<sender@example.org>
                <<< 550 Access denied
                """));
        assertEquals(org.listguard.reply.Stage.MAIL, r.stage(), r::toString);
    }

    @Test
    void aRefusalAfterDataOrInOneOfSeveralSessionsPlacesNobody() {
        // sendmail logs no ">>> .": ">>> DATA" then a refusal answers the command or the content after it
        BounceRecord data = only(sendmailSession("""
                ... while talking to mx.example.org.:
                >>> DATA
                <<< 550 Access denied
                """));
        assertEquals(org.listguard.reply.Stage.UNKNOWN, data.stage(), data::toString);
        // two hosts tried: which one's refusal is this recipient's is not said
        BounceRecord two = only(sendmailSession("""
                ... while talking to mx1.example.org.:
                >>> MAIL From:<sender@example.org>
                <<< 550 Access denied
                ... while talking to mx2.example.org.:
                >>> DATA
                <<< 451 Try later
                """));
        assertEquals(org.listguard.reply.Stage.UNKNOWN, two.stage(), two::toString);
        // a refused EHLO the session went on from (sendmail falls back to HELO) did not end it
        BounceRecord fallback = only(sendmailSession("""
                ... while talking to mx.example.org.:
                >>> EHLO relay.example.jp
                <<< 502 5.5.1 Unrecognized command
                >>> HELO relay.example.jp
                >>> DATA
                <<< 550 Access denied
                """));
        assertEquals(org.listguard.reply.Stage.UNKNOWN, fallback.stage(), fallback::toString);
    }
}
