package org.listguard.audit.relay;

import java.util.concurrent.CompletableFuture;
import org.listguard.config.Relay;

/**
 * Talks to a smart host without sending mail: connect, EHLO, STARTTLS, AUTH, QUIT. The adapter
 * lives in deliver/ (only dns/ and deliver/ touch the network); tests use a fake or GreenMail.
 */
public interface RelayProbe {
    /** @param password the AUTH password, or null when the relay has no credentials */
    CompletableFuture<ProbeResult> probe(Relay relay, char[] password);

    /** The same, announcing {@code helo} (sender.helo) in EHLO; null = the probe's default. */
    default CompletableFuture<ProbeResult> probe(Relay relay, String helo, char[] password) {
        return probe(relay, password);
    }
}
