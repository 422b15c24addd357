package org.listguard.config;

import java.time.Duration;
import java.util.List;

/** @param resolvers host:port of recursive resolvers; empty = the system's */
public record DnsSettings(List<HostPort> resolvers, Duration timeout) {
    public static final DnsSettings DEFAULT = new DnsSettings(List.of(), Defaults.DNS_TIMEOUT);

    public DnsSettings {
        resolvers = resolvers == null ? List.of() : List.copyOf(resolvers);
        timeout = timeout == null ? Defaults.DNS_TIMEOUT : timeout;
    }
}
