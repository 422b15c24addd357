package org.listguard.config;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code serve:} the one-click endpoint's settings beyond its address.
 *
 * @param trustedProxies the reverse proxies in front of {@code serve} (CIDRs): only a request from
 *                       one of them has its X-Forwarded-For read, and the client is the last hop
 *                       not in this list (default none: the peer address is the client)
 * @param tls            in-process HTTPS from PEM files (optional; usually the proxy terminates TLS)
 */
public record ServeSettings(List<String> trustedProxies, Tls tls) {
    public static final ServeSettings DEFAULT = new ServeSettings(List.of(), null);

    public ServeSettings {
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
    }

    /** The trusted proxies parsed (validated at load, so this does not throw for a loaded config). */
    public List<Cidr> proxies() {
        return trustedProxies.stream().map(Cidr::parse).toList();
    }

    /**
     * @param certificate PEM certificate chain (leaf first), re-read when it changes
     * @param key         PEM private key (PKCS#8, "BEGIN PRIVATE KEY"), re-read when it changes
     * @param checkEvery  how often the files are compared with what is loaded (default 1m)
     */
    public record Tls(Path certificate, Path key, java.time.Duration checkEvery) {
        public Tls {
            checkEvery = checkEvery == null ? java.time.Duration.ofMinutes(1) : checkEvery;
        }
    }
}
