package org.listguard.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.listguard.deliver.classify.Stage;

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
    void numbersThatAreNotRepliesAreIgnored() {
        assertEquals(0, Diagnostics.replyCode("connect to example.com[93.184.216.119]:25: Connection timed out"));
    }

    @Test
    void enhancedCodeIsNotReadOutOfAnIpAddress() {
        assertNull(Diagnostics.enhanced("Client host [5.1.1.9] refused"));
        assertEquals("5.7.1", Diagnostics.enhanced("554 5.7.1 Service unavailable"));
    }
}
