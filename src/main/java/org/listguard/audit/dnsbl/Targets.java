package org.listguard.audit.dnsbl;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.listguard.audit.AuditContext;
import org.listguard.audit.Finding;
import org.listguard.audit.RelayAddresses;
import org.listguard.audit.Role;
import org.listguard.audit.Status;
import org.listguard.config.Relay;

/**
 * The IPs whose reputation an audit checks: the origin ({@code sender.origin_ip}) and every relay's
 * egress IPs ({@link RelayAddresses}). A relay whose host cannot be resolved is an {@code unknown}
 * finding, not a silent gap. Shared by the DNSBL and rDNS checks.
 */
public final class Targets {
    private Targets() {}

    /** @param who "origin" or "relay NAME", for details */
    public record Target(InetAddress ip, Role role, String who) {
        public String address() { return ip.getHostAddress(); }
    }

    /** @param problems one {@code unknown} finding per relay that could not be resolved */
    public record Resolved(List<Target> targets, List<Finding> problems) {}

    public static CompletableFuture<Resolved> of(AuditContext ctx, String check) {
        List<Target> direct = new ArrayList<>();
        ctx.config().sender().origin().ifPresent(ip -> direct.add(new Target(ip, Role.ORIGIN, "origin")));
        List<CompletableFuture<RelayAddresses.Resolved>> relays = new ArrayList<>();
        for (Relay r : ctx.config().relays()) relays.add(RelayAddresses.of(r, ctx.dns()));
        return CompletableFuture.allOf(relays.toArray(CompletableFuture[]::new)).thenApply(v -> {
            List<Target> out = new ArrayList<>(direct);
            List<Finding> problems = new ArrayList<>();
            for (CompletableFuture<RelayAddresses.Resolved> f : relays) {
                RelayAddresses.Resolved r = f.join();
                for (InetAddress ip : r.ips()) {
                    Target t = new Target(ip, Role.RELAY, "relay " + r.relay().name());
                    if (!out.contains(t)) out.add(t);
                }
                if (r.failed()) {
                    problems.add(Finding.of(check, r.relay().host(), Role.RELAY, Status.UNKNOWN)
                            .withDetail("the egress IPs of relay " + r.relay().name() + " are unknown: " + r.failure())
                            .withRemediation("set relays[].ips to the relay's egress IPs (ask the provider), or fix DNS"));
                }
            }
            return new Resolved(out, problems);
        });
    }
}
