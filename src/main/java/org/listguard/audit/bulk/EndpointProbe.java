package org.listguard.audit.bulk;

import java.net.URI;
import java.util.concurrent.CompletableFuture;

/** Asks an unsubscribe URL for an answer (a GET with a token that is not valid); the network edge of the bulk-sender section. */
@FunctionalInterface
public interface EndpointProbe {
    /** The HTTP status the URL answered with, or {@link Answer#UNREACHABLE} (with why) when nothing answered in time. */
    CompletableFuture<Answer> probe(URI url);

    record Answer(int status, String detail) {
        public static final int UNREACHABLE = -1;
    }
}
