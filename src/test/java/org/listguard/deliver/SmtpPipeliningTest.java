package org.listguard.deliver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.config.Relay;
import org.listguard.reply.Stage;
import org.listguard.testing.LoopbackProxy;
import org.listguard.testing.SmtpSink;

/**
 * RFC 2920 command pipelining against Postfix's smtp-sink, which offers PIPELINING unless started
 * with -p (or with -f/-r: its refusals are tried against Postfix, PostfixPipeliningTest): MAIL,
 * RCPT and DATA go as one turn and the body as the next, so a message costs the client two waits
 * for the relay instead of four.
 */
class SmtpPipeliningTest {
    @TempDir
    Path dir;

    private final MailRelay relays = new AngusMailRelay("client.example.org");

    private static Relay via(LoopbackProxy proxy, SmtpSink sink) {
        Relay r = sink.relay();
        return new Relay(r.name(), "127.0.0.1", proxy.port(), r.tls(), null, null, null, Duration.ofSeconds(5), null);
    }

    /** The client's turns for {@code n} messages on one connection, after the first (connection setup excluded). */
    private int turnsPerMessage(SmtpSink.Options options, int n) throws Exception {
        try (SmtpSink sink = SmtpSink.start(options.store(dir));
             LoopbackProxy proxy = LoopbackProxy.recording(sink.port());
             RelaySession s = relays.open(via(proxy, sink), null)) {
            assertTrue(s.submit(new Envelope("b@example.org", "first@example.com"), TestMessages.message("first@example.com")).accepted());
            int before = proxy.clientTurns();
            for (int i = 0; i < n; i++) {
                String to = "r" + i + "@example.com";
                assertTrue(s.submit(new Envelope("b@example.org", to), TestMessages.message(to)).accepted());
            }
            int turns = proxy.clientTurns() - before;
            assertEquals(n + 1, sink.awaitStored(n + 1, Duration.ofSeconds(10)));
            return turns / n;
        }
    }

    @Test
    void aRelayOfferingPipeliningGetsMailRcptAndDataInOneTurn() throws Exception {
        assertEquals(2, turnsPerMessage(SmtpSink.options(), 10));
    }

    @Test
    void aRelayNotOfferingPipeliningGetsOneCommandATurnAsBefore() throws Exception {
        assertEquals(4, turnsPerMessage(SmtpSink.options().add("-p"), 10));
    }

    @Test
    void thePipelinedGroupIsTheThreeCommandsAndTheBodyIsOneTurnEndingTheData() throws Exception {
        byte[] raw = TestMessages.message("a@example.com", "m@example.org", 20_000);
        try (SmtpSink sink = SmtpSink.start();
             LoopbackProxy proxy = LoopbackProxy.recording(sink.port());
             RelaySession s = relays.open(via(proxy, sink), null)) {
            assertTrue(s.submit(new Envelope("b@example.org", "a@example.com"), raw).accepted());
            List<String> turns = proxy.turns();
            String group = turns.get(turns.size() - 2);
            assertEquals("MAIL FROM:<b@example.org> BODY=8BITMIME\r\nRCPT TO:<a@example.com>\r\nDATA\r\n", group);
            String body = turns.get(turns.size() - 1);
            assertTrue(body.endsWith("\r\n.\r\n") && body.contains("\r\n..a line that starts with a dot"), body);
        }
    }

    @Test
    void aHangUpAfterRcptWithPipeliningIsDeferredAtRcptNeverUnknown() throws Exception {
        try (SmtpSink sink = SmtpSink.start(SmtpSink.options().hangUpAfter("RCPT").store(dir));
             RelaySession s = relays.open(sink.relay(), null)) {
            SubmitResult r = s.submit(new Envelope("b@example.org", "x@example.com"), TestMessages.message("x@example.com"));
            assertEquals(Outcome.DEFERRED, r.outcome(), r.toString());
            assertEquals(Stage.RCPT, r.stage());
            // smtp-sink may leave a dump of the aborted transaction (its envelope, no message), and removes
            // it when it sees the abort, possibly between the listing and the read: nothing was delivered
            try (java.util.stream.Stream<java.nio.file.Path> dumps = java.nio.file.Files.list(sink.storeDirectory())) {
                for (java.nio.file.Path d : dumps.toList()) {
                    String dump;
                    try {
                        dump = java.nio.file.Files.readString(d, java.nio.charset.StandardCharsets.ISO_8859_1);
                    } catch (java.nio.file.NoSuchFileException removed) {
                        continue; // an aborted transaction's dump, removed by smtp-sink: a delivered one stays
                    }
                    assertFalse(dump.contains("Subject: Test"), "no message in " + d + ":\n" + dump);
                }
            }
        }
    }

    @Test
    void a421AfterRcptWithPipeliningClosesTheSession() throws Exception {
        try (SmtpSink sink = SmtpSink.start(SmtpSink.options().reply421After("RCPT"));
             RelaySession s = relays.open(sink.relay(), null)) {
            SubmitResult r = s.submit(new Envelope("b@example.org", "x@example.com"), TestMessages.message("x@example.com"));
            assertEquals(Outcome.DEFERRED, r.outcome(), r.toString());
            assertEquals(Stage.RCPT, r.stage());
            assertEquals(421, r.code());
            assertFalse(s.connected());
        }
    }
}
