package org.listguard.audit.relay;

import java.util.List;

/**
 * What a relay probe saw: how far the session got and, when it stopped early, why.
 *
 * @param failure   null when the whole session (connect, EHLO, TLS, AUTH, QUIT) succeeded
 * @param ehloLines the extensions the server announced (after TLS when TLS was used)
 * @param tls       how the session was protected: "starttls", "implicit", or "none"
 * @param auth      "ok", "not-configured" or null when not reached
 */
public record ProbeResult(Failure failure, List<String> ehloLines, String tls, String auth) {
    public ProbeResult {
        ehloLines = ehloLines == null ? List.of() : List.copyOf(ehloLines);
    }

    /** The step that failed. */
    public enum Step {
        /** TCP connect refused, unreachable, or timed out; or no SMTP greeting. */
        CONNECT,
        /** The server does not announce STARTTLS although the relay is configured for it. */
        STARTTLS_NOT_OFFERED,
        /** The TLS handshake failed: the certificate is not trusted, expired, or names another host. */
        CERTIFICATE,
        /** AUTH is configured but the server does not announce it (often: only after STARTTLS). */
        AUTH_NOT_OFFERED,
        /** The server rejected the credentials. */
        AUTH_REJECTED,
        /** Any other SMTP or I/O error during the session. */
        PROTOCOL
    }

    /** @param detail the server's reply or the error, never a secret */
    public record Failure(Step step, String detail) {}

    public boolean ok() { return failure == null; }

    public static ProbeResult failed(Step step, String detail, List<String> ehlo, String tls) {
        return new ProbeResult(new Failure(step, detail), ehlo, tls, null);
    }
}
