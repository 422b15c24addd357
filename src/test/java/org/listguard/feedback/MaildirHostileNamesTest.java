package org.listguard.feedback;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13: a Maildir file whose name is not UTF-8 is read and moved like any other; it does not stop processing. */
class MaildirHostileNamesTest {
    @TempDir
    Path dir;

    @Test
    void aFileNameThatIsNotUtf8IsListedReadAndMarkedProcessed() throws Exception {
        Path maildir = ProcessFixture.maildir(dir.resolve("Maildir"));
        ProcessFixture.deliver(maildir, "1000.a", "Subject: plain\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII));
        // a name with the byte 0xff, made by the shell: Java cannot name it with a String
        Process p = new ProcessBuilder("sh", "-c", "printf 'Subject: odd\\r\\n\\r\\nbody\\r\\n' > \"$(printf 'new/1001.\\377bad')\"")
                .directory(maildir.toFile()).start();
        assertEquals(0, p.waitFor());

        MaildirMailbox box = MaildirMailbox.open(maildir, Optional.of("processed"));
        List<MailboxMessage> messages = box.messages();
        assertEquals(2, messages.size());
        byte[] odd = box.read(messages.get(1));
        assertArrayEquals("Subject: odd\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII), odd);
        for (MailboxMessage m : messages) box.markProcessed(m);
        assertEquals(List.of(), box.messages(), "both moved out of new/ and cur/");
        try (var s = Files.list(maildir.resolve(".processed").resolve("cur"))) {
            assertEquals(2, s.count());
        }
    }

    @Test
    void aMessageOverTheSizeLimitIsNotReadAndIsSetAside() throws Exception {
        Path maildir = ProcessFixture.maildir(dir.resolve("Maildir"));
        ProcessFixture.deliver(maildir, "1000.big", new byte[5_000]);
        MaildirMailbox box = MaildirMailbox.open(maildir, Optional.empty(), 4_096);
        MailboxMessage m = box.messages().get(0);
        MessageTooLarge e = org.junit.jupiter.api.Assertions.assertThrows(MessageTooLarge.class, () -> box.read(m));
        assertEquals(5_000, e.size());
        assertTrue(box.setAside(m, e.getMessage()).endsWith("." + BounceMailbox.SET_ASIDE_FOLDER));
        assertEquals(List.of(), box.messages());
    }
}
