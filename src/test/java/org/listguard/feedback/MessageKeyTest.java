package org.listguard.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The processed-report key and the Maildir Seen flag. */
class MessageKeyTest {
    static byte[] bytes(String s) { return s.getBytes(StandardCharsets.US_ASCII); }

    @Test
    void theKeyIsTheReportsOwnFoldedMessageIdNotOneInItsBody() {
        String msg = "From: MAILER-DAEMON@mx.example\r\nMessage-ID:\r\n <dsn-1@mx.example>\r\n\r\nMessage-ID: <orig@example.org>\r\n";
        assertEquals("<dsn-1@mx.example>", MessageKey.of(bytes(msg)));
    }

    @Test
    void aReportWithoutMessageIdIsKeyedByItsDigest() {
        String a = "From: x@example\r\n\r\nMessage-ID: <in-body@example>\r\n";
        String key = MessageKey.of(bytes(a));
        assertTrue(key.startsWith("sha256:") && key.length() == 7 + 64, key);
        assertEquals(key, MessageKey.of(bytes(a)));
        assertNotEquals(key, MessageKey.of(bytes(a + "x")));
    }

    @Test
    void theSeenFlagIsAddedInOrderKeepingOtherFlags() {
        assertEquals("1000.x:2,S", MaildirMailbox.seen("1000.x"));
        assertEquals("1000.x:2,FRS", MaildirMailbox.seen("1000.x:2,RF"));
        assertEquals("1000.x:2,S", MaildirMailbox.seen("1000.x:2,S"));
    }
}
