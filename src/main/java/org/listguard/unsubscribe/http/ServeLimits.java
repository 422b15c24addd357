package org.listguard.unsubscribe.http;

import java.time.Duration;

/**
 * The endpoint's bounds: what one slow or large client can take from it. The defaults fit a
 * one-click endpoint (tiny requests, mailbox providers' servers as clients) on a small host.
 *
 * @param threads         the request threads (Jetty's bounded pool; connections waiting for bytes hold none)
 * @param maxConnections  open connections beyond which the server stops accepting until some close
 * @param idleTimeout     a connection that sends nothing for this long is closed
 * @param headerTimeout   a request's line and headers must arrive within this (slowloris)
 * @param journalWait     how long a request waits for the journal before answering 503
 * @param retryAfter      the Retry-After of that 503
 * @param maxHeaderBytes  request line (URI) and headers together; more is 431
 * @param maxBodyBytes    a one-click body is 26 bytes form-urlencoded, ~200 as multipart; more is 413
 * @param stopTimeout     on SIGTERM, requests in flight may finish within this (graceful stop)
 */
public record ServeLimits(int threads, int maxConnections, Duration idleTimeout, Duration headerTimeout, Duration journalWait,
        Duration retryAfter, int maxHeaderBytes, int maxBodyBytes, Duration stopTimeout) {
    public static final ServeLimits DEFAULT = new ServeLimits(32, 2_048, Duration.ofSeconds(20), Duration.ofSeconds(10),
            Duration.ofSeconds(5), Duration.ofSeconds(60), 8 * 1024, 8 * 1024, Duration.ofSeconds(10));

    public ServeLimits withHeaderTimeout(Duration d) {
        return new ServeLimits(threads, maxConnections, idleTimeout, d, journalWait, retryAfter, maxHeaderBytes, maxBodyBytes, stopTimeout);
    }
}
