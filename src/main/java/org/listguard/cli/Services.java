package org.listguard.cli;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.listguard.audit.AuditContext;
import org.listguard.audit.relay.RelayProbe;
import org.listguard.config.Campaign;
import org.listguard.config.Config;
import org.listguard.config.HostPort;
import org.listguard.deliver.SmtpRelayProbe;
import org.listguard.dns.DnsClient;
import org.listguard.dns.DnsjavaClient;

/** Builds the network adapters from config: the one place where real peers are chosen. */
public final class Services {
    private Services() {}

    public static DnsClient dns(Config c) {
        List<InetSocketAddress> servers = c.dns().resolvers().stream().map(HostPort::socketAddress).toList();
        return DnsjavaClient.of(servers, c.dns().timeout());
    }

    /** The SMTP probe, announcing {@code sender.helo} when configured. */
    public static RelayProbe relayProbe(Config c) {
        String helo = c.sender().helo();
        return helo == null ? new SmtpRelayProbe() : new SmtpRelayProbe(helo);
    }

    public static AuditContext auditContext(Config c, DnsClient dns, RelayProbe probe, Environment env, Optional<Campaign> campaign) {
        return new AuditContext(c, dns, probe, env.clock(), env.vars(), campaign);
    }
}
