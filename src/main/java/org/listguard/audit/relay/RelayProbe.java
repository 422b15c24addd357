package org.listguard.audit.relay;

import java.util.concurrent.CompletableFuture;
import org.listguard.config.Relay;

/**
 * Talks to a smart host without sending mail: connect, EHLO, STARTTLS, AUTH, QUIT. The adapter
 * lives in deliver/ (only dns/ and deliver/ touch the network); tests use a fake or GreenMail.
 */
public interface RelayProbe {
    CompletableFuture<ProbeResult> probe(Relay relay, char[] password);
}
