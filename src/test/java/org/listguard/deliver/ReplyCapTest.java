package org.listguard.deliver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.listguard.deliver.classify.Stage;

/** Issue 13: a relay's endless reply is a protocol error of that session, not an OutOfMemoryError. */
class ReplyCapTest {
    @Test
    void anEndlessReplyLineEndsTheSessionAtTheCapWithTheReasonAsTheResult() throws Exception {
        try (HostileSmtpServer server = new HostileSmtpServer(300L * 1024 * 1024);
             RelaySession s = new AngusMailRelay("client.example.org").open(TestMessages.plain(server.port()), new char[0])) {
            SubmitResult r = s.submit(new Envelope("bounces@example.org", "a@example.com"), TestMessages.message("a@example.com"));
            assertEquals(Outcome.DEFERRED, r.outcome(), r.text());
            assertEquals(Stage.EHLO, r.stage());
            assertTrue(r.text().contains("line cap"), r.text());
            assertTrue(server.sent < 4L * 1024 * 1024, "read stopped near the cap, not after " + server.sent + " bytes");
        }
    }

    @Test
    void aThreeHundredMegabyteReplyInAJvmOf256MegabytesEndsCleanly() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                HostileChild.class.getName())).redirectErrorStream(true).start();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child finished within 60 s");
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, child.exitValue(), out);
        assertTrue(out.contains("RESULT deferred EHLO") && !out.contains("OutOfMemoryError"), out);
    }
}
