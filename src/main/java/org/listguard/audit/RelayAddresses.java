package org.listguard.audit;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.listguard.config.Relay;
import org.listguard.dns.DnsAnswer;
import org.listguard.dns.DnsClient;
import org.xbill.DNS.Type;

/** The egress IPs of a relay to audit: {@code relays[].ips}, or the host's A/AAAA records. */
public final class RelayAddresses {
    private RelayAddresses() {}

    /**
     * @param ips     the addresses (empty when the lookup failed or found none)
     * @param failure when the host could not be resolved: why, for an {@code unknown} finding
     */
    public record Resolved(Relay relay, List<InetAddress> ips, String failure) {
        public boolean failed() { return failure != null; }
    }

    public static CompletableFuture<Resolved> of(Relay relay, DnsClient dns) {
        if (!relay.ips().isEmpty()) return CompletableFuture.completedFuture(new Resolved(relay, relay.ips(), null));
        try {
            InetAddress literal = org.xbill.DNS.Address.getByAddress(relay.host());
            return CompletableFuture.completedFuture(new Resolved(relay, List.of(literal), null));
        } catch (java.net.UnknownHostException notLiteral) {
            // a host name: resolve it below
        }
        CompletableFuture<DnsAnswer> a = dns.query(relay.host(), Type.A);
        CompletableFuture<DnsAnswer> aaaa = dns.query(relay.host(), Type.AAAA);
        return a.thenCombine(aaaa, (r4, r6) -> {
            List<InetAddress> ips = new ArrayList<>();
            if (r4 instanceof DnsAnswer.Records r) ips.addAll(r.addresses());
            if (r6 instanceof DnsAnswer.Records r) ips.addAll(r.addresses());
            if (r4.isFailure()) return new Resolved(relay, ips, "A lookup of " + relay.host() + " failed: " + r4);
            if (ips.isEmpty()) {
                return new Resolved(relay, ips, relay.host() + " has no A/AAAA record (" + r4.describe()
                        + "); set relays[].ips to the relay's egress IPs");
            }
            return new Resolved(relay, ips, null);
        });
    }
}
