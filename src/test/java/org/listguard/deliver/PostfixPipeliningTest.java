package org.listguard.deliver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.config.Relay;
import org.listguard.reply.Stage;
import org.listguard.testing.LoopbackProxy;
import org.listguard.testing.PostfixRelay;
import org.listguard.testing.SmtpSink;

/**
 * A private Postfix smart host refusing one recipient at RCPT and one sender at MAIL (access maps,
 * smtpd_delay_reject off), once offering PIPELINING (its default) and once not
 * (smtpd_discard_ehlo_keywords): the member's outcome, stage and the relay's exact reply are the
 * same either way, the next message on the same connection still goes, and with PIPELINING a
 * message costs two turns instead of four and a refusal one (its RSET goes with the next group).
 */
class PostfixPipeliningTest {
    @TempDir
    Path dir;

    private record Run(List<SubmitResult> results, List<Integer> turns) {}

    private Run run(boolean pipelining) throws Exception {
        List<String> main = new ArrayList<>(List.of(
                "smtpd_delay_reject = no",
                "smtpd_sender_restrictions = check_sender_access inline:{ { refused-sender@example.org = 553 5.7.1 this sender is refused } }",
                "smtpd_recipient_restrictions = check_recipient_access inline:{ { refused@example.net = 550 5.1.1 this member is refused } }"));
        if (!pipelining) main.add("smtpd_discard_ehlo_keywords = pipelining");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));   // the sink writes as nobody
        Path store = dir.resolve(pipelining ? "on" : "off");
        try (SmtpSink sink = SmtpSink.start(SmtpSink.options().store(store));
             PostfixRelay postfix = PostfixRelay.start(sink, main.toArray(String[]::new));
             LoopbackProxy proxy = LoopbackProxy.recording(postfix.port())) {
            Relay r = postfix.relay();
            Relay via = new Relay(r.name(), r.host(), proxy.port(), r.tls(), null, null, null, r.timeout(), null);
            List<SubmitResult> results = new ArrayList<>();
            List<Integer> turns = new ArrayList<>();
            try (RelaySession s = new AngusMailRelay("client.example.org").open(via, null)) {
                String[][] envelopes = {{"bounces@example.org", "ok1@example.net"}, {"bounces@example.org", "refused@example.net"},
                        {"bounces@example.org", "ok2@example.net"}, {"refused-sender@example.org", "ok3@example.net"},
                        {"bounces@example.org", "ok4@example.net"}};
                for (String[] e : envelopes) {
                    int before = proxy.clientTurns();
                    results.add(s.submit(new Envelope(e[0], e[1]), TestMessages.message(e[1])));
                    turns.add(proxy.clientTurns() - before);
                    assertTrue(s.connected(), results.toString());
                }
            }
            assertEquals(3, sink.awaitStored(3, Duration.ofSeconds(30)), postfix.log());
            return new Run(results, turns);
        }
    }

    @Test
    void refusalsAreTheSameWithAndWithoutPipeliningAndTheConnectionGoesOn() throws Exception {
        Run on = run(true);
        Run off = run(false);
        for (Run run : List.of(on, off)) {
            List<SubmitResult> r = run.results();
            assertEquals(Outcome.ACCEPTED, r.get(0).outcome(), r.toString());
            assertEquals(Outcome.REJECTED, r.get(1).outcome(), r.toString());
            assertEquals(Stage.RCPT, r.get(1).stage());
            assertEquals("550 5.1.1 <refused@example.net>: Recipient address rejected: this member is refused", r.get(1).text());
            assertEquals("5.1.1", r.get(1).enhanced());
            assertNull(r.get(1).queueId());
            assertEquals(Outcome.ACCEPTED, r.get(2).outcome(), "the next message on the same connection goes: " + r);
            assertEquals(Stage.MAIL, r.get(3).stage(), "a refused sender is refused at MAIL, never the member's: " + r);
            assertEquals(Outcome.REJECTED, r.get(3).outcome());
            assertEquals("553 5.7.1 <refused-sender@example.org>: Sender address rejected: this sender is refused", r.get(3).text());
            assertEquals(Outcome.ACCEPTED, r.get(4).outcome(), r.toString());
        }
        for (int i : new int[] {1, 3}) assertEquals(off.results().get(i), on.results().get(i));
        // accepted: MAIL+RCPT+DATA, then the body; refused: the group alone, its RSET opening the next
        // message's group (RSET+MAIL+RCPT+DATA); the first message also EHLO
        assertEquals(List.of(3, 1, 2, 1, 2), on.turns(), "with PIPELINING");
        assertEquals(List.of(5, 3, 4, 2, 4), off.turns(), "without: MAIL, RCPT, DATA, body; a refusal then RSET");
    }
}
