package org.listguard.deliver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.testing.PostfixRelay;
import org.listguard.testing.SmtpSink;

/** Submission through a real Postfix smart host: every accepted message reaches the next hop. */
class PostfixRelayIntegrationTest {
    @TempDir
    Path dir;

    @Test
    void allSubmittedMessagesArriveAtTheSink() throws Exception {
        int n = 40;
        try (SmtpSink sink = SmtpSink.start(SmtpSink.options().store(dir));
             PostfixRelay postfix = PostfixRelay.start(sink);
             RelaySession s = new AngusMailRelay("client.example.org").open(postfix.relay(), null)) {
            for (int i = 0; i < n; i++) {
                SubmitResult r = s.submit(new Envelope("bounces@example.org", "m" + i + "@example.net"), TestMessages.message("m" + i + "@example.net"));
                assertEquals(Outcome.ACCEPTED, r.outcome(), r.toString());
                assertNotNull(r.queueId(), "Postfix names its queue id: " + r.text());
            }
            assertEquals(n, sink.awaitStored(n, Duration.ofSeconds(30)), postfix.log());
        }
    }
}
