package org.listguard.audit;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.listguard.audit.relay.RelayProbe;
import org.listguard.config.Campaign;
import org.listguard.config.Config;
import org.listguard.dns.DnsClient;

/**
 * What every check may use: the config, the DNS client, the SMTP probe, the clock, the
 * environment (secrets by reference) and, when auditing for a campaign, the campaign.
 */
public record AuditContext(Config config, DnsClient dns, RelayProbe relayProbe, Clock clock,
                           Map<String, String> env, Optional<Campaign> campaign) {
    public AuditContext {
        env = Map.copyOf(env);
    }
}
