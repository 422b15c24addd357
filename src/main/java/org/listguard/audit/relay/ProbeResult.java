package org.listguard.audit.relay;

import java.util.List;

/**
 * What a relay probe saw. Each step is null when not reached.
 *
 * @param connected   the TCP (and, for implicit TLS, TLS) connection succeeded
 * @param greeting    the 220 banner
 * @param ehloLines   the EHLO reply lines (extensions)
 * @param tls         "verified", "offered-not-used", "not-offered", or the handshake/verification error
 * @param auth        "ok", "not-configured", "not-offered", or the server's reply to AUTH
 * @param error       the first failure (connect refused, timeout, reply text), or null
 */
public record ProbeResult(boolean connected, String greeting, List<String> ehloLines, String tls, String auth,
                          String error) {
    public ProbeResult {
        ehloLines = ehloLines == null ? List.of() : List.copyOf(ehloLines);
    }
}
