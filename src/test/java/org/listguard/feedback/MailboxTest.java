package org.listguard.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MailboxTest {
    @Test
    void mboxIsSplitOnFromLinesAndUnescaped() {
        String mbox = "From a@b Mon Jan  1 00:00:00 2024\nSubject: one\n\n>From the start\nbody\n\nFrom c@d Mon Jan  1 00:00:01 2024\nSubject: two\n\nx\n";
        List<byte[]> msgs = Mailbox.splitMbox(mbox.getBytes(StandardCharsets.US_ASCII));
        assertEquals(2, msgs.size());
        String first = new String(msgs.get(0), StandardCharsets.US_ASCII);
        assertTrue(first.startsWith("Subject: one"), first);
        assertTrue(first.contains("\nFrom the start\n"), first);
        assertTrue(new String(msgs.get(1), StandardCharsets.US_ASCII).startsWith("Subject: two"));
    }

    @Test
    void fromInsideABodyWithoutBlankLineBeforeIsNotASeparator() {
        String mbox = "From a@b Mon Jan  1 00:00:00 2024\nSubject: one\n\ntext\nFrom here on\n";
        assertEquals(1, Mailbox.splitMbox(mbox.getBytes(StandardCharsets.US_ASCII)).size());
    }

    @Test
    void maildirListsNewAndCurInNameOrder(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("new"));
        Files.createDirectories(dir.resolve("cur"));
        Files.createDirectories(dir.resolve("tmp"));
        Files.writeString(dir.resolve("cur/2.host:2,S"), "x");
        Files.writeString(dir.resolve("new/1.host"), "x");
        Files.writeString(dir.resolve("tmp/3.host"), "x");
        List<Path> files = Mailbox.maildirFiles(dir);
        assertEquals(List.of(dir.resolve("new/1.host"), dir.resolve("cur/2.host:2,S")), files);
    }
}
