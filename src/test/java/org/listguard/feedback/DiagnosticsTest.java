package org.listguard.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.listguard.reply.Stage;

class DiagnosticsTest {
    @Test
    void eximStageAfterEhlo() {
        assertEquals(Stage.EHLO, Diagnostics.stage("SMTP error from remote mail server after EHLO neko.example.com: 550 Rejected"));
    }

    @Test
    void postfixStageInReplyToRcpt() {
        assertEquals(Stage.RCPT, Diagnostics.stage("host mx[192.0.2.5] said: 550 5.1.1 User unknown (in reply to RCPT TO command)"));
    }

    @Test
    void postfixStageAfterEndOfData() {
        assertEquals(Stage.DATA_END, Diagnostics.stage("said: 550 5.7.1 spam (in reply to end of DATA command)"));
    }

    @Test
    void sendmailTranscriptStage() {
        assertEquals(Stage.MAIL, Diagnostics.stage(">>> MAIL From:<a@example.org> <<< 550 Insecure Mail Relay"));
    }

    @Test
    void replyCodeAfterSaid() {
        assertEquals(550, Diagnostics.replyCode("host mx.example.net[192.0.2.5] said: 550 5.1.1 <x@example.net>: User unknown"));
    }

    @Test
    void aReplyQuotedInBracketsWithItsEnhancedCode() {
        assertEquals(550, Diagnostics.replyCode("(Error following RCPT command). It responded as follows: [550 5.1.1 User unknown]"));
    }

    @Test
    void numbersThatAreNotRepliesAreIgnored() {
        assertEquals(0, Diagnostics.replyCode("connect to example.com[93.184.216.119]:25: Connection timed out"));
    }

    @Test
    void enhancedCodeIsNotReadOutOfAnIpAddress() {
        assertNull(Diagnostics.enhanced("Client host [5.1.1.9] refused"));
        assertEquals("5.7.1", Diagnostics.enhanced("554 5.7.1 Service unavailable"));
    }

    /** Each MTA's own wording of the SMTP stage, from its source or documentation. */
    @org.junit.jupiter.params.ParameterizedTest(name = "[{index}] {1}: {0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
        192.0.2.1 does not like recipient. Remote host said: 550 5.1.1 No such user       | RCPT     | qmail-remote.c 'does not like recipient'
        Connected to 192.0.2.1 but sender was rejected. Remote host said: 553 denied   | MAIL     | qmail-remote.c 'but sender was rejected'
        Connected to 192.0.2.1 but my name was rejected. Remote host said: 550 go away | EHLO     | qmail-remote.c 'but my name was rejected'
        Connected to 192.0.2.1 but greeting failed. Remote host said: 554 no            | CONNECT  | qmail-remote.c 'but greeting failed'
        192.0.2.1 failed after I sent the message. Remote host said: 554 5.7.1 spam     | DATA_END | qmail-remote.c 'failed after I sent the message'
        192.0.2.1 failed on DATA command. Remote host said: 554 5.5.1 no valid recipients | RCPT   | qmail-remote.c 'failed on DATA command'; all recipients refused before (RFC 2920)
        Sorry, no SMTP connection got far enough; most progress was RCPT TO.            | RCPT     | qmail-send 'most progress was'
        SMTP error from remote server for TEXT command, host: smtp-in.example.fr reason: 550 5.2.0 Mail rejete | DATA_END | 1&1 (EinsUndEins) 'for TEXT command': the message text
        Remote host said: 550 5.1.1 <member@example.net>... User Unknown [RCPT_TO]     | RCPT     | Yahoo notice '[RCPT_TO]'
        Remote host said: 553 5.7.1 <list@example.org>... Sender address rejected [MAIL_FROM] | MAIL | Yahoo notice '[MAIL_FROM]' (Sisimai Lhost/Yahoo.pm reads the command from the bracket)
        Additional RCPT TO generated following response: 550 5.1.1 User unknown       | RCPT     | Ipswitch IMail 'Additional RCPT TO generated following response'
        Server response to MAIL FROM: 553 sender rejected                              | MAIL     | Ipswitch IMail 'Server response to MAIL FROM'
        SMTP error from remote mail server after RCPT command: 550 unknown user        | RCPT     | GMX/Exim 'after RCPT command'
        >>> DATA <<< 550 5.1.1 <member@example.net>... User unknown <<< 554 5.5.1 Error: no valid recipients | RCPT | RFC 2920 s3.1: the RCPT refusals arrive after the pipelined DATA; Postfix 'no valid recipients'
        >>> DATA <<< 550 5.0.0 <member@example.net>... User unknown <<< 503 5.0.0 Need RCPT (recipient) | RCPT | RFC 2920; sendmail 'Need RCPT (recipient)'
        >>> DATA <<< 554 5.7.1 Message refused                                          | DATA     | a refusal of DATA itself
        >>> DATA <<< 550 sorry, no mailbox here by that name <<< 503 RCPT first (#5.5.1) | RCPT   | qmail-smtpd 'RCPT first' answering the pipelined DATA
        >>> DATA <<< 550 unknown user <<< 503 valid RCPT command must precede DATA      | RCPT     | Exim's answer to a DATA without accepted recipients
        Status: 5.1.1 (Remote SMTP server has rejected address) Diagnostic-code: smtp;550 User unknown | RCPT | Oracle Communications Messaging Server 'Remote SMTP server has rejected address'
        Unexpected response to EHLO/HELO: 550 Access denied                              | EHLO     | Ipswitch IMail 'Unexpected response to EHLO/HELO'
        550 5.7.1 Message rejected as spam in End of DATA                              | DATA_END | SendGrid 'in End of DATA'
        SMTP error from remote server for DATA command, host: mx.example.net reason: 554 no | DATA | GMX 'for DATA command'
        The error that the other server returned was: 550 550 5.2.1 <member@example.net>: User unknown (state 14). | RCPT | Gmail's delivery states in its notices: 14 = RCPT TO
        The error that the other server returned was: 550 550 5.7.1 Access denied (state 13).    | EHLO     | Gmail's delivery states: 13 = after EHLO
        The error that the other server returned was: 554 554 5.7.1 Message rejected (state 18). | DATA_END | Gmail's delivery states: 15, 17, 18 = the message
        SMTP error from remote mail server after pipelined RCPT TO:<member@example.net>: 550 5.1.1 unknown | RCPT | Exim transports/smtp.c 'after pipelined RCPT TO'
        host mx[192.0.2.5] said: 550 5.1.1 User unknown (in reply to RCPT TO{NL}    command) | RCPT | Postfix notice folded inside the stage phrase
        Error in RCPT: 550 No such recipient here                                       | RCPT     | the command in capitals, as Sisimai 5's SMTP::Command.find() reads it
        550 5.1.1 RCPT TO:<member@example.net> User unknown                            | RCPT     | the command in capitals, quoted with the reply
        550 5.7.26 The MAIL FROM domain [example.org] has an SPF record with a hard fail | UNKNOWN | "MAIL FROM" as a noun names no stage
        550 Unknown user RCPTUSER@example.net                                          | UNKNOWN  | capitals joined to a name are not the command
        """)
    void mtaStageWordings(String text, Stage expected, String source) {
        assertEquals(expected, Diagnostics.stage(text.replace("{NL}", "\n")), source);
    }
}
