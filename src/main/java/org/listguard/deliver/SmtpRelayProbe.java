package org.listguard.deliver;

import java.util.concurrent.CompletableFuture;
import org.listguard.audit.relay.ProbeResult;
import org.listguard.audit.relay.RelayProbe;
import org.listguard.config.Relay;

/** Placeholder until the SMTP probe is built. */
public final class SmtpRelayProbe implements RelayProbe {
    @Override
    public CompletableFuture<ProbeResult> probe(Relay relay, char[] password) {
        return CompletableFuture.completedFuture(new ProbeResult(false, null, null, null, null, "not built yet"));
    }
}
