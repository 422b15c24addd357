package org.listguard.reply;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One case per rule family added for issue 9, on published texts (the source of each is in the
 * comment column; DELIVERABILITY.md s4 families are in {@link ReplyClassifierTest}).
 */
class RuleFamiliesTest {
    static final ReplyClassifier C = ReplyClassifier.standard();

    @ParameterizedTest(name = "[{index}] {5}")
    @CsvSource(delimiter = '|', textBlock = """
        CONNECT | 421 | 4.7.0 | REPUTATION  | [TSS04] Messages from 203.0.113.10 temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://senders.yahooinc.com/error-codes | Yahoo Sender Hub error codes (TSS04), DELIVERABILITY.md s4
        CONNECT | 421 | 4.7.0 | REPUTATION  | [TSS01] Messages from 203.0.113.10 temporarily deferred due to user complaints | Yahoo Sender Hub error codes (TS01/TSS01)
        UNKNOWN | 421 |       | REPUTATION  | connect to mx.example.net[192.0.2.5]:25: server refused to talk to me: 421 Service not available, closing transmission channel | Postfix smtp(8) 'refused to talk to me' (greeting refusal)
        UNKNOWN | 554 |       | REPUTATION  | 554 mx.example.net is not accepting connections from your network | a greeting refusal, RFC 5321 s3.1 554 greeting
        RCPT    | 530 | 5.7.0 | SENDER      | 530 5.7.0 Authentication required | RFC 4954 s6
        RCPT    | 550 |       | SENDER      | 550 SMTP AUTH is required for users of this service | receiver asking for SMTP AUTH (Exim/Exchange wording)
        MAIL    | 530 |       | SENDER      | 530 Must issue a STARTTLS command first | RFC 3207 s4
        RCPT    | 450 | 4.2.0 | SOFT        | 450 4.2.0 <member@example.net>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/example.net.html | postgrey default reply (RFC 6647 greylisting)
        UNKNOWN | 0   | 5.1.1 | HARD        | User member (member@example.net) not listed in Domino Directory | IBM Domino NDR
        RCPT    | 550 | 5.1.10| HARD        | 550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup | Microsoft Learn, Exchange Online NDR 5.1.10
        UNKNOWN | 0   | 5.0.0 | HARD        | Recipient not found in the directory | groupware directory wording (GroupWise/Kerio)
        UNKNOWN | 550 | 5.1.1 | HARD        | Amazon SES did not send the message to this address because it is on the suppression list for your account. | Amazon SES bounce subtype OnAccountSuppressionList; Sisimai 5 reason Suppressed
        RCPT    | 550 | 5.1.0 | HARD        | 550 5.1.0 Address rejected. | RFC 3463 X.1.0 at RCPT
        RCPT    | 550 |       | HARD        | 550 <member@example.net>: Recipient address rejected. | RFC 5321 s3.3 (550 to RCPT: mailbox unavailable); Postfix reject_unlisted_recipient without text
        RCPT    | 550 | 5.1.1 | HARD        | 550 5.1.1 Message rejected | RFC 3463 s3.2 X.1.1: the receiver's addressing code outranks generic words ('rejected', 'filter')
        UNKNOWN | 550 | 5.1.1 | CONTENT     | 550 5.1.1 RCP-P2 http://postmaster.facebook.com/response_codes#rcp Refused due to recipient preferences | Facebook postmaster response codes (RCP-P2): the recipient's stated choice
        RCPT    | 421 | 4.7.0 | REPUTATION  | 421 4.7.0 [TSS02] Messages from 198.51.100.1 temporarily deferred due to user complaints or because the IP/domain is in the unverified category | Yahoo/AOL [TSS02] (tamingdns.com Yahoo error code directory)
        RCPT    | 452 | 4.3.2 | THROTTLE    | 452 4.3.2 Connection rate limit exceeded. | Sisimai::Reason::RateLimited documentation example
        RCPT    | 553 |       | SENDER      | 553 sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1) | qmail-smtpd.c rcpthosts refusal (a relay refusal: norelaying)
        MAIL    | 550 | 5.7.1 | SENDER      | 550 5.7.1 Sender address has been blacklisted | Sisimai::Reason::Rejected definition (a list naming the envelope sender)
        UNKNOWN | 550 | 5.7.1 | SENDER      | 550 5.7.1 Service permits 0 unverifyable sending IPs | Sisimai 5 reason RequirePTR definition
        UNKNOWN | 554 |       | SENDER      | 554 Transaction failed. Backscatter protection detected an invalid or expired email address | MDaemon BATV/backscatter refusal; Sisimai::Reason::Rejected
        DATA_END| 554 | 5.6.0 | CONTENT     | 554 5.6.0 Message header size, or recipient list, exceeds policy limit | Sisimai::Reason::ContentError definition
        DATA_END| 550 | 5.7.1 | CONTENT     | 550 5.7.1 We do not accept messages containing images or other attachments | Sisimai::Reason::PolicyViolation definition: a policy on the message, never a dead address
        UNKNOWN | 550 |       | CONTENT     | 550 Email not accepted for policy reasons | Sisimai::Reason::PolicyViolation definition
        UNKNOWN | 550 | 5.7.1 | CONTENT     | 550 5.7.1 You have been blocked by the recipient | Sisimai::Reason::Filtered definition: the recipient's own choice
        UNKNOWN | 552 |       | SOFT        | 552 User has too many messages on the server | Sisimai::Reason::MailboxFull definition
        UNKNOWN | 0   |       | NONE        | I am out of the office until Monday and will reply on my return | RFC 3834 automatic response (out of office)
        UNKNOWN | 550 |       | HARD        | 550 Requested action not taken: mailbox unavailable. Sorry, badrcptto | qmail badrcptto patch refusal
        RCPT    | 550 |       | HARD        | 550 vdeliver: Invalid or unknown virtual user | vpopmail vdeliver
        RCPT    | 550 | 5.1.1 | HARD        | 550 5.1.1 Unknown local-part in address | Exim/Sisimai::Reason::UserUnknown definition
        UNKNOWN | 550 | 5.2.1 | CONTENT     | 550 5.2.1 <member@example.net>... User Unknown | RFC 3463 s3.5: X.2.1 says the mailbox exists; the words are a filter's (Sisimai filtered)
        DATA_END| 550 | 5.1.1 | HARD        | 550 5.1.1 <member@example.net>: Recipient address rejected: User unknown | RFC 3463 X.1.1 bad destination mailbox outranks the stage
        DATA    | 550 | 5.0.0 | HARD        | 550 5.0.0 <member@example.net>... User unknown | printed after '>>> DATA' in a transcript: the pipelined reply to RCPT (RFC 2920), the recipient's
        UNKNOWN | 550 | 5.7.1 | HARD        | 550 5.7.1 <member@example.net>: Recipient address rejected: User unknown | X.7.1 'not authorized' does not contradict the words, which stand
        RCPT    | 550 | 5.7.1 | HARD        | 550 5.7.1 <member@example.net>: Recipient address rejected: User unknown | at RCPT the words stand (Sisimai userunknown at RCPT)
        UNKNOWN | 550 |       | HARD        | all host address lookups failed permanently | Exim (Sisimai::Lhost::Exim hostunknown)
        UNKNOWN | 550 |       | HARD        | Sorry, I couldn't find any host named nyaan.example.org. | qmail (Sisimai::Lhost::qmail hostunknown)
        UNKNOWN | 550 |       | HARD        | DNS Error: DNS server returned answer with no data for domain example.org | Gmail (Sisimai::Lhost::Gmail hostunknown)
        UNKNOWN | 550 |       | HARD        | 550 Invalid final delivery userid | Ipswitch IMail (Sisimai::Lhost::IMailServer userunknown)
        UNKNOWN | 550 |       | HARD        | Utilisateur neko non répertorié dans l'annuaire Domino | Domino's French NDR (Sisimai::Lhost::Domino userunknown)
        UNKNOWN | 550 | 5.1.1 | HARD        | 550 5.1.1 RESOLVER.ADR.RecipNotFound; not found | Exchange 2010's shortened RESOLVER code
        UNKNOWN | 550 |       | HARD        | 550 <member@example.net>... does not exist. | sendmail-style: the address itself does not exist (Sisimai reason/userunknown.rb)
        UNKNOWN | 550 | 5.1.1 | HARD        | 550 5.1.1 <member@example.net>... Connection closed by remote host | RFC 3463 X.1.1 names what failed, the words how (Sisimai userunknown.rb: a 5.1.1 status yields only to relaying, block, full, moved, rejected, not-accepted wordings)
        UNKNOWN | 550 | 5.1.2 | HARD        | 550 5.1.2 delivery time expired | RFC 3463 X.1.2 bad destination system over the queue's words
        UNKNOWN | 0   | 5.1.1 | SOFT        | procmail: Couldn't create "/var/spool/mail/member" | a local program's failure: the MTA mapped its exit code to 5.1.1 (Sisimai mailererror)
        UNKNOWN | 550 | 4.1.1 | SOFT        | 550 4.1.1 connection timed out | a 4.x.x addressing code is temporary: the words stand
        UNKNOWN | 550 |       | SOFT        | Requested action not taken: mailbox unavailable (not enough free space) | qmail-ldap: the receiver's disk, not the address (Sisimai::Lhost::qmail systemfull); never hard
        """)
    void familyDecides(Stage stage, int code, String enhanced, Action expected, String text, String source) {
        Classification c = C.classify(stage, code, enhanced, text, "mx.example.net", false);
        assertEquals(expected, c.action(), () -> source + ": " + c);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"ratelimited, THROTTLE", "emailtoolarge, SOFT", "failedstarttls, SENDER", "suppressed, HARD", "unsubscribe, UNSUBSCRIBE"})
    void sisimaiFiveReasonsMapToActions(String reason, Action action) {
        assertEquals(action, Reasons.actionOf(reason));
    }
}
