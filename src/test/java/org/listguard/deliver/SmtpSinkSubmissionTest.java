package org.listguard.deliver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.reply.Stage;
import org.listguard.testing.SmtpSink;

/** The Angus adapter against Postfix's smtp-sink with its fault injection (smtp-sink(1)). */
class SmtpSinkSubmissionTest {
    @TempDir
    Path dir;

    private final MailRelay relays = new AngusMailRelay("client.example.org");

    private SubmitResult submit(SmtpSink sink, String to) {
        try (RelaySession s = relays.open(sink.relay(), null)) {
            return s.submit(new Envelope("bounces@example.org", to), TestMessages.message(to));
        }
    }

    @Test
    void everyAcceptedMessageIsStoredExactlyOnce() throws Exception {
        try (SmtpSink sink = SmtpSink.start(SmtpSink.options().store(dir))) {
            try (RelaySession s = relays.open(sink.relay(), null)) {
                for (int i = 0; i < 25; i++) {
                    assertTrue(s.submit(new Envelope("b@example.org", "r" + i + "@example.com"), TestMessages.message("r" + i)).accepted());
                }
            }
            assertEquals(25, sink.awaitStored(25, Duration.ofSeconds(10)));
        }
    }

    @Test
    void hardRejectAtRcptIsRejected() throws Exception {
        try (SmtpSink sink = SmtpSink.start(SmtpSink.options().hardReject("RCPT").hardReply("550 5.1.1 <x@example.com>: Recipient address rejected: User unknown"))) {
            SubmitResult r = submit(sink, "x@example.com");
            assertEquals(Outcome.REJECTED, r.outcome());
            assertEquals(Stage.RCPT, r.stage());
            assertEquals(550, r.code());
            assertEquals("5.1.1", r.enhanced());
            assertTrue(r.text().contains("User unknown"));
        }
    }

    @Test
    void softRejectAtRcptIsDeferred() throws Exception {
        try (SmtpSink sink = SmtpSink.start(SmtpSink.options().softReject("RCPT").softReply("451 4.7.1 Greylisted, see https://postgrey.example"))) {
            SubmitResult r = submit(sink, "x@example.com");
            assertEquals(Outcome.DEFERRED, r.outcome());
            assertEquals(Stage.RCPT, r.stage());
            assertEquals("4.7.1", r.enhanced());
        }
    }

    @Test
    void rejectionOfTheBodyIsRejectedAtDataEnd() throws Exception {
        try (SmtpSink sink = SmtpSink.start(SmtpSink.options().hardReject(".").hardReply("554 5.7.1 Message rejected: spam"))) {
            SubmitResult r = submit(sink, "x@example.com");
            assertEquals(Outcome.REJECTED, r.outcome());
            assertEquals(Stage.DATA_END, r.stage());
        }
    }

    @Test
    void hangUpAfterTheBodyIsUnknown() throws Exception {
        try (SmtpSink sink = SmtpSink.start(SmtpSink.options().hangUpAfter(".").store(dir))) {
            SubmitResult r = submit(sink, "x@example.com");
            assertEquals(Outcome.UNKNOWN, r.outcome(), r.toString());
            assertEquals(Stage.DATA_END, r.stage());
            assertEquals(1, sink.awaitStored(1, Duration.ofSeconds(5)), "the relay kept it although it never replied: why UNKNOWN is not 'not sent'");
        }
    }

    @Test
    void reply421AtMailClosesTheSession() throws Exception {
        try (SmtpSink sink = SmtpSink.start(SmtpSink.options().reply421After("MAIL"))) {
            try (RelaySession s = relays.open(sink.relay(), null)) {
                SubmitResult r = s.submit(new Envelope("b@example.org", "x@example.com"), TestMessages.message("x"));
                assertEquals(Outcome.DEFERRED, r.outcome());
                assertEquals(Stage.MAIL, r.stage());
                assertEquals(421, r.code());
                assertFalse(s.connected());
            }
        }
    }

    @Test
    void noReplyWithinTheTimeoutAfterTheBodyIsUnknown() throws Exception {
        try (SmtpSink sink = SmtpSink.start(SmtpSink.options().delay(".", 3))) {
            org.listguard.config.Relay r = sink.relay();
            org.listguard.config.Relay fast = new org.listguard.config.Relay(r.name(), r.host(), r.port(), r.tls(), null, null, null, Duration.ofMillis(500), null);
            try (RelaySession s = relays.open(fast, null)) {
                SubmitResult res = s.submit(new Envelope("b@example.org", "x@example.com"), TestMessages.message("x"));
                assertEquals(Outcome.UNKNOWN, res.outcome(), res.toString());
                assertEquals(Stage.DATA_END, res.stage());
                assertFalse(s.connected());
            }
        }
    }

    @Test
    void credentialsWithARelayThatOffersNoAuthSendNothing() throws Exception {
        try (SmtpSink sink = SmtpSink.start(SmtpSink.options().add("-a").store(dir))) {
            SubmitResult r;
            try (RelaySession s = relays.open(TestMessages.withAuth(sink.relay(), org.listguard.config.TlsMode.NONE), "pw".toCharArray())) {
                r = s.submit(new Envelope("b@example.org", "x@example.com"), TestMessages.message("x"));
            }
            assertEquals(Stage.AUTH, r.stage());
            assertEquals(Outcome.DEFERRED, r.outcome());
            assertEquals(0, sink.stored());
        }
    }
}
