package org.listguard.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole configuration, immutable and validated at load ({@link ConfigLoader}). Field names
 * are the YAML keys in camelCase (YAML uses snake_case).
 */
public record Config(
        Sender sender,
        List<Relay> relays,
        Dkim dkim,
        DnsSettings dns,
        Reputation reputation,
        Throttle throttle,
        GuardSettings guard,
        Map<String, Campaign> campaigns,
        JournalSettings journal,
        BounceSettings bounces,
        ConfigSource source,
        DmarcSettings dmarc,
        ServeSettings serve) {

    public Config {
        relays = relays == null ? List.of() : List.copyOf(relays);
        dns = dns == null ? DnsSettings.DEFAULT : dns;
        reputation = reputation == null ? Reputation.DEFAULT : reputation;
        throttle = throttle == null ? Throttle.DEFAULT : throttle;
        guard = guard == null ? GuardSettings.DEFAULT : guard;
        campaigns = campaigns == null ? Map.of() : Map.copyOf(campaigns);
        journal = journal == null ? JournalSettings.DEFAULT : journal;
        dmarc = dmarc == null ? DmarcSettings.DEFAULT : dmarc;
        serve = serve == null ? ServeSettings.DEFAULT : serve;
    }

    /** The config without a {@code serve} section (its defaults). */
    public Config(Sender sender, List<Relay> relays, Dkim dkim, DnsSettings dns, Reputation reputation, Throttle throttle,
                  GuardSettings guard, Map<String, Campaign> campaigns, JournalSettings journal, BounceSettings bounces, ConfigSource source,
                  DmarcSettings dmarc) {
        this(sender, relays, dkim, dns, reputation, throttle, guard, campaigns, journal, bounces, source, dmarc, null);
    }

    /** The config without a {@code dmarc} section (its defaults). */
    public Config(Sender sender, List<Relay> relays, Dkim dkim, DnsSettings dns, Reputation reputation, Throttle throttle,
                  GuardSettings guard, Map<String, Campaign> campaigns, JournalSettings journal, BounceSettings bounces, ConfigSource source) {
        this(sender, relays, dkim, dns, reputation, throttle, guard, campaigns, journal, bounces, source, null, null);
    }

    /** DKIM is optional in the file (the audit then reports it missing). */
    public Optional<Dkim> dkimSettings() { return Optional.ofNullable(dkim); }

    public Optional<BounceSettings> bounceSettings() { return Optional.ofNullable(bounces); }

    /**
     * The campaign by name, or an {@link org.listguard.InputException} listing the known names, or
     * the campaign's own configuration error (a broken campaign stops only itself).
     */
    public Campaign campaign(String name) {
        Campaign c = campaigns.get(name);
        if (c == null) {
            throw new ConfigException(source == null ? "<config>" : source.file().toString(), 0, "--campaign " + name,
                    "no such campaign; known: " + String.join(", ", new java.util.TreeSet<>(campaigns.keySet())));
        }
        if (c.problem() != null) throw c.problem();
        return c;
    }

    public Config withSource(ConfigSource file) {
        return new Config(sender, relays, dkim, dns, reputation, throttle, guard, campaigns, journal, bounces, file, dmarc, serve);
    }

    public Config withDns(DnsSettings d) {
        return new Config(sender, relays, dkim, d, reputation, throttle, guard, campaigns, journal, bounces, source, dmarc, serve);
    }

    public Config withJournal(JournalSettings j) {
        return new Config(sender, relays, dkim, dns, reputation, throttle, guard, campaigns, j, bounces, source, dmarc, serve);
    }

    public Config withThrottle(Throttle t) {
        return new Config(sender, relays, dkim, dns, reputation, t, guard, campaigns, journal, bounces, source, dmarc, serve);
    }

    public Config withGuard(GuardSettings g) {
        return new Config(sender, relays, dkim, dns, reputation, throttle, g, campaigns, journal, bounces, source, dmarc, serve);
    }

    public Config withBounces(BounceSettings b) {
        return new Config(sender, relays, dkim, dns, reputation, throttle, guard, campaigns, journal, b, source, dmarc, serve);
    }

    public Config withDmarc(DmarcSettings d) {
        return new Config(sender, relays, dkim, dns, reputation, throttle, guard, campaigns, journal, bounces, source, d, serve);
    }

    public Config withRelays(List<Relay> r) {
        return new Config(sender, r, dkim, dns, reputation, throttle, guard, campaigns, journal, bounces, source, dmarc, serve);
    }
}
