package org.listguard.deliver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.testing.PostfixRelay;
import org.listguard.testing.SmtpSink;

/**
 * Issue 13, with a real peer: Postfix (smtputf8_enable, the default at compatibility level 3.6)
 * advertises SMTPUTF8, so a non-ASCII local part is sent as UTF-8 with MAIL FROM … SMTPUTF8
 * (RFC 6531 §3.4), byte for byte: Postfix logs the very address, never "jBrg".
 */
class SmtpUtf8PostfixTest {
    @TempDir
    Path dir;

    @Test
    void aNonAsciiLocalPartGoesAsUtf8ToARelayThatOffersSmtpUtf8() throws Exception {
        String to = "j\u0142rg@example.net";
        try (SmtpSink sink = SmtpSink.start(SmtpSink.options().store(dir));
             PostfixRelay postfix = PostfixRelay.start(sink);
             RelaySession s = new AngusMailRelay("client.example.org").open(postfix.relay(), null)) {
            SubmitResult r = s.submit(new Envelope("bounces@example.org", to), TestMessages.message("x@example.net"));
            assertEquals(Outcome.ACCEPTED, r.outcome(), r.toString());
            // Postfix logs to=<…> when it tries the next hop (smtp-sink, which has no SMTPUTF8)
            long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!postfix.log().contains("to=<") && System.nanoTime() < end) Thread.sleep(50);   // polling, not timing
            String log = postfix.log();
            assertTrue(log.contains("to=<" + to + ">"), log);
            assertFalse(log.contains("jBrg"), log);
        }
    }
}
