package org.listguard.reply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shipped reply rules against real reply texts (DELIVERABILITY.md §4 and common MTAs). */
class ReplyClassifierTest {
    static final ReplyClassifier C = ReplyClassifier.standard();

    static Classification at(Stage stage, int code, String enhanced, String text) {
        return C.classify(stage, code, enhanced, text, "mx.example.net", false);
    }

    /** Reputation blocks quoted in DELIVERABILITY.md §4: pause the run, never suppress the member. */
    @ParameterizedTest(name = "[{index}] {3}")
    @CsvSource(delimiter = '|', textBlock = """
        CONNECT | 554 |       | 554-vmx.sco.cisco.com 554 Your access to this mail system has been rejected due to the sending MTA's poor reputation. If you believe that this failure is in error, please contact the intended recipient via alternate means.
        RCPT    | 554 | 5.7.1 | Service unavailable; Client host [203.0.113.10] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/203.0.113.10
        RCPT    | 554 |       | Service unavailable; Client host [203.0.113.10] blocked using Barracuda Reputation, see http://www.barracudanetworks.com/reputation/?r=1&ip=203.0.113.10
        DATA_END| 550 | 5.7.1 | 550-5.7.1 [203.0.113.10] Our system has detected that this message is likely suspicious due to the very low reputation of the sending IP address. 550 5.7.1 To best protect our users from spam, the message has been blocked.
        RCPT    | 550 | 5.7.606 | Access denied, banned sending IP [203.0.113.10]. To request removal from this list please visit https://sender.office.com/
        RCPT    | 550 | 5.7.1 | Unfortunately, messages from [203.0.113.10] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3150).
        MAIL    | 553 | 5.7.2 | [TSS09] All messages from 203.0.113.10 will be permanently deferred; Retrying will NOT succeed. See https://senders.yahooinc.com/error-codes
        CONNECT | 550 |       | mwinf5c10 ME Client host blocked for spamming issues. OFR006_102 Ref http://csi.cloudmark.com/reset-request/?ip=203.0.113.10
        CONNECT | 554 |       | p3plibsmtp01-07.prod.phx3.secureserver.net bizsmtp Connection refused. 203.0.113.10 has a poor reputation on Cloudmark Sender Intelligence (CSI). IB103
        CONNECT | 554 |       | resimta-po-01v.sys.comcast.net resimta-po-01v.sys.comcast.net 203.0.113.10 found on one or more DNSBLs, see http://postmaster.comcast.net/smtp-error-codes.php#BL000001
        CONNECT | 553 |       | 5.3.0 flph829 DNSBL:RBL 521< 203.0.113.10 >_is_blocked.For assistance forward this error to abuse_rbl@abuse-att.net
        CONNECT | 554 |       | cox.net rejected - 203.0.113.10 - AUP#CDRBL - http://postmaster.cox.net/confluence/display/postmaster/Error+Codes
        CONNECT | 554 | 5.7.1 | 5.7.1 - ERROR: Mail refused - <203.0.113.10> - See http://www.spectrum.net/support/internet/understanding-email-error-codes/ AUP#In-1310
        CONNECT | 554 |       | 554-gmx.net (mxgmx116) Nemesis ESMTP Service not available 554-No SMTP service 554-IP address is block listed. 554 For explanation visit https://postmaster.gmx.net/en/case?c=r0601
        """)
    void reputationBlocksPauseAndNeverSuppress(Stage stage, int code, String enhanced, String text) {
        Classification c = at(stage, code, enhanced, text);
        assertTrue(c.action().senderSide(), () -> "expected a sender-side action, got " + c);
        assertNotEquals(Action.HARD, c.action());
    }

    @Test
    void spectrumAupCodeIsReputation() {
        assertEquals(Action.REPUTATION, at(Stage.CONNECT, 554, "5.7.1",
                "5.7.1 - ERROR: Mail refused - <203.0.113.10> - See http://www.spectrum.net/support/internet/understanding-email-error-codes/ AUP#In-1310").action());
    }

    @Test
    void ciscoSenderbaseReplyFromContextIsReputation() {
        Classification c = at(Stage.CONNECT, 554, null,
                "554-vmx.sco.cisco.com 554 Your access to this mail system has been rejected due to the sending MTA's poor reputation.");
        assertEquals(Action.REPUTATION, c.action());
        assertEquals("blocked", c.reason());
    }

    @Test
    void gmailUnusualRateIsReputationNotThrottleOfTheMember() {
        Classification c = at(Stage.RCPT, 421, "4.7.0",
                "421-4.7.0 [203.0.113.10] Our system has detected an unusual rate of unsolicited mail originating from your IP address. To protect our users from spam, mail sent from your IP address has been temporarily rate limited.");
        assertEquals(Action.REPUTATION, c.action());
    }

    @Test
    void microsoftRateLimitedForIpReputationIsReputation() {
        Classification c = at(Stage.RCPT, 451, "4.7.650", "4.7.650 The mail server [203.0.113.10] has been temporarily rate limited due to IP reputation. (S3113)");
        assertEquals(Action.REPUTATION, c.action());
    }

    @Test
    void yahooTss04IsReputation() {
        Classification c = at(Stage.CONNECT, 421, "4.7.0",
                "[TSS04] Messages from 203.0.113.10 temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://senders.yahooinc.com/error-codes");
        assertEquals(Action.REPUTATION, c.action());
    }

    @Test
    void microsoftAuthenticationRequirementIsSender() {
        Classification c = at(Stage.DATA_END, 550, "5.7.515",
                "5.7.515 Access denied, sending domain example.org doesn't meet the required authentication level.");
        assertEquals(Action.SENDER, c.action());
        assertEquals("authfailure", c.reason());
    }

    @ParameterizedTest(name = "[{index}] {2}")
    @CsvSource(delimiter = '|', textBlock = """
        421 | 4.4.2 | 4.4.2 smtp.isp.example Error: too much mail: submission rate limit exceeded
        454 |       | Throttling failure: Maximum sending rate exceeded.
        550 |       | 5.4.5 Daily user sending quota exceeded. s2-20020a05600c4b0200b003f7f0b8ff07sm2031wmp.23 - gsmtp
        421 |       | 421 resimta-ch2-18v.sys.comcast.net 203.0.113.10 rate limited. Please see http://postmaster.comcast.net/smtp-error-codes.php#RL000001
        550 |       | Ip frequency limited [203.0.113.10]. http://service.mail.qq.com/cgi-bin/help?subtype=1&&id=20022&&no=1000725
        421 | 4.7.0 | 4.7.0 [203.0.113.10] Too many concurrent SMTP connections from this IP address; please try again later.
        """)
    void relayAndReceiverLimitsAreThrottle(int code, String enhanced, String text) {
        Classification c = C.classify(Stage.MAIL, code, enhanced, text, "smtp.isp.example", true);
        assertEquals(Action.THROTTLE, c.action(), c::toString);
    }

    /** A bad address must be hard, not a reputation problem that would stall every run. */
    @ParameterizedTest(name = "[{index}] {3}")
    @CsvSource(delimiter = '|', textBlock = """
        RCPT    | 550 | 5.1.1 | 5.1.1 <member@example.net>: Recipient address rejected: User unknown in local recipient table
        RCPT    | 550 | 5.1.1 | 5.1.1 <member@example.net>: Recipient address rejected: User unknown in virtual mailbox table
        RCPT    | 550 |       | Unrouteable address
        RCPT    | 550 | 5.1.1 | 550-5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos or unnecessary spaces. 550 5.1.1 https://support.google.com/mail/?p=NoSuchUser a1si123 - gsmtp
        RCPT    | 550 | 5.5.0 | 5.5.0 Requested action not taken: mailbox unavailable. [BN8NAM11FT012.eop-nam11.prod.protection.outlook.com]
        RCPT    | 550 | 5.1.10 | 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient member@example.net not found by SMTP address lookup
        RCPT    | 550 | 5.4.1 | 5.4.1 Recipient address rejected: Access denied. [DM6NAM11FT011.eop-nam11.prod.protection.outlook.com]
        RCPT    | 554 | 5.7.1 | 5.7.1 <member@example.net>: Recipient address rejected: No such user
        RCPT    | 550 |       | 550 Requested action not taken: no such user here
        RCPT    | 550 |       | sorry, no mailbox here by that name. (#5.1.1)
        RCPT    | 550 | 5.1.1 | 5.1.1 <member@example.net>... User unknown
        UNKNOWN | 0   | 5.1.2 | Host or domain name not found. Name service error for name=example.invalid type=A: Host not found
        RCPT    | 550 |       | 550 Invalid Recipient
        """)
    void badAddressesAreHardNotReputation(Stage stage, int code, String enhanced, String text) {
        Classification c = at(stage, code, enhanced, text);
        assertEquals(Action.HARD, c.action(), c::toString);
    }

    @Test
    void unexplained5xxIsNotHard() {
        Classification c = at(Stage.RCPT, 550, null, "550 Nope");
        assertNotEquals(Action.HARD, c.action());
        assertEquals("default-5xx", c.rule());
    }

    /** Issue 9: a bare refusal to RCPT TO is the recipient's mailbox (RFC 5321 s3.3); the same at MAIL FROM is ours. */
    @Test
    void bareRejectionAtRcptIsTheRecipientAtMailTheSender() {
        assertEquals(Action.HARD, at(Stage.RCPT, 550, null, "550 Rejected").action());
        assertEquals(Action.HARD, at(Stage.RCPT, 550, null, "550 <gone@example.net>: Recipient address rejected.").action());
        assertEquals(Action.SENDER, at(Stage.MAIL, 550, null, "550 Rejected").action());
        assertNotEquals(Action.HARD, at(Stage.RCPT, 450, null, "450 Rejected").action());
    }

    @Test
    void bareX71WithoutTextIsNeverHard() {
        Classification c = at(Stage.RCPT, 550, "5.7.1", "5.7.1 Delivery not authorized");
        assertNotEquals(Action.HARD, c.action());
    }

    @Test
    void contentVerdictBeforeDataIsReadAsABlockOfTheSender() {
        Classification c = at(Stage.RCPT, 550, "5.7.1", "5.7.1 Message rejected as spam");
        assertEquals(Action.REPUTATION, c.action());
        assertTrue(c.rule().endsWith("+pre-data"));
    }

    @Test
    void aPolicyRefusalBeforeDataIsABlockOfTheSender() {
        Classification c = at(Stage.RCPT, 550, "5.7.1", "550 5.7.1 Client host rejected: denied by local policy");
        assertEquals(Action.REPUTATION, c.action(), c::toString);
    }

    @Test
    void theRecipientsOwnFilterBeforeDataKeepsItsReasonAndIsNeverHard() {
        Classification c = at(Stage.RCPT, 550, "5.7.1", "550 5.7.1 RCP-P2 Refused due to recipient preferences");
        assertEquals("filtered", c.reason(), c::toString);
        assertEquals(Action.CONTENT, c.action());
    }

    @Test
    void contentVerdictAfterDataIsContent() {
        Classification c = at(Stage.DATA_END, 550, "5.7.1", "5.7.1 Message rejected as spam");
        assertEquals(Action.CONTENT, c.action());
    }

    @Test
    void doesNotExistAtMailFromIsOurSenderAddressNotTheMember() {
        Classification c = at(Stage.MAIL, 553, "5.1.0", "5.1.0 neko22nyaan neko.example.com does not exist");
        assertEquals(Action.SENDER, c.action());
    }

    @Test
    void temporaryUserUnknownIsNeverHard() {
        Classification c = at(Stage.RCPT, 450, "4.1.1", "4.1.1 <member@example.net>: Recipient address rejected: User unknown in virtual alias table");
        assertEquals(Action.SOFT, c.action());
    }

    @Test
    void gmxReplyWithoutEnhancedCodeIsDecidedByText() {
        Classification c = at(Stage.CONNECT, 554, null, "IP address is block listed. 554 For explanation visit https://postmaster.gmx.net/en/case?c=r0601");
        assertEquals(Action.REPUTATION, c.action());
    }

    @Test
    void mailboxFullIsSoft() {
        Classification c = at(Stage.RCPT, 552, "5.2.2", "5.2.2 <member@example.net>: user is over quota");
        assertEquals("mailboxfull", c.reason());
        assertEquals(Action.SOFT, c.action());
    }

    @Test
    void unknown4xxIsSoft() {
        assertEquals(Action.SOFT, at(Stage.RCPT, 451, null, "451 please come back").action());
    }

    @Test
    void successIsDelivered() {
        assertEquals(Action.NONE, at(Stage.DATA_END, 250, "2.0.0", "2.0.0 Ok: queued as 4F1B2").action());
    }

    @Test
    void spamhausViaPostfixNamesBlockedReason() {
        Classification c = at(Stage.RCPT, 554, "5.7.1",
                "5.7.1 Service unavailable; Client host [203.0.113.10] blocked using zen.spamhaus.org");
        assertEquals("blocked", c.reason());
        assertEquals("dnsbl-blocked-using", c.rule());
    }

    @Test
    void unexplained5xxFromOurRelayIsSender() {
        Classification c = C.classify(Stage.RCPT, 554, null, "554 Transaction failed", "smtp.isp.example", true);
        assertEquals(Action.SENDER, c.action());
    }

    @Test
    void unexplained5xxAtEhloIsABlockOfTheSendingHost() {
        assertEquals(Action.REPUTATION, at(Stage.EHLO, 550, null, "550 Rejected").action());
    }

    @Test
    void unexplained5xxAtMailFromIsSender() {
        assertEquals(Action.SENDER, at(Stage.MAIL, 550, null, "550 Nope").action());
    }

    /**
     * qmail-smtpd's "553 sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)" is its
     * relay refusal: the host does not serve that domain. Whatever else the reply says, it is not
     * proof that the mailbox is gone, and Sisimai reads it as norelaying, a sender-side answer.
     */
    @Test
    void qmailRcpthostsRefusalIsARelayRefusalNotAHardBounce() {
        Classification c = at(Stage.RCPT, 553, null,
                "553 sorry, that domain isn't in my list of allowed rcpthosts; no valid cert for gatewaying (#5.7.1) user unknown");
        assertEquals("norelaying", c.reason(), c::toString);
        assertEquals(Action.SENDER, c.action());
    }

    @Test
    void nullMxStaysHardEvenWithATemporaryStatus() {
        Classification c = at(Stage.UNKNOWN, 0, "4.0.0",
                "DNS type 'mx' lookup of example.net responded with code NOERROR The domain example.net doesn't receive email according to the administrator: returned Null MX");
        assertEquals(Action.HARD, c.action());
        assertEquals("notaccept", c.reason());
    }

    @Test
    void mailboxUnavailableUnderX71IsAPolicyRefusalNotHard() {
        Classification c = at(Stage.RCPT, 550, "5.7.1", "5.7.1 Requested action not taken: mailbox unavailable");
        assertNotEquals(Action.HARD, c.action());
    }

    @Test
    void mailboxUnavailableUnderX11IsHard() {
        assertEquals(Action.HARD, at(Stage.RCPT, 550, "5.1.1", "5.1.1 Requested action not taken: mailbox unavailable").action());
    }

    @Test
    void senderNotListedIsOurProblemNotTheMembers() {
        Classification c = at(Stage.RCPT, 550, "5.7.1", "5.7.1 Sender address not listed in the allowed senders of this list");
        assertEquals(Action.SENDER, c.action());
    }

    @Test
    void senderDomainNotFoundIsSenderNotHostUnknown() {
        Classification c = at(Stage.RCPT, 450, "4.1.8", "4.1.8 <bounces@lists.example.org>: Sender address rejected: Domain not found");
        assertEquals(Action.SENDER, c.action());
    }
}
