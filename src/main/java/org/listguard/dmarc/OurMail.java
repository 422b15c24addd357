package org.listguard.dmarc;

import java.net.InetAddress;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.listguard.config.Config;
import org.listguard.config.Relay;
import org.listguard.domain.RegistrableDomain;

/**
 * What identifies our mail in a report: the From domain, our DKIM domain and selector, the
 * envelope (Return-Path) domain, and the egress IPs we know (relays[].ips, the origin IP, the
 * ones learned from trusted sources), plus the relays' own domains (a smart host that rewrites the
 * envelope passes SPF for its own domain).
 */
public record OurMail(String fromDomain, String dkimDomain, String dkimSelector, String envelopeDomain, Set<String> knownIps,
                      Set<String> relayDomains) {
    public OurMail {
        knownIps = Set.copyOf(knownIps);
        relayDomains = Set.copyOf(relayDomains);
    }

    /** From the config and the egress IPs learned so far. */
    public static OurMail of(Config c, Collection<String> learnedIps) {
        Set<String> ips = new LinkedHashSet<>();
        for (Relay r : c.relays()) r.ips().forEach(ip -> ips.add(ip.getHostAddress()));
        c.sender().origin().map(InetAddress::getHostAddress).ifPresent(ips::add);
        learnedIps.forEach(ips::add);
        Set<String> relayDomains = new LinkedHashSet<>();
        for (Relay r : c.relays()) {
            String h = r.host().toLowerCase(Locale.ROOT);
            if (h.matches("[0-9.]+|.*:.*")) continue; // an IP literal names no domain
            String d = RegistrableDomain.of(h); // smtp.isp.example -> isp.example, mail.isp.co.uk -> isp.co.uk
            if (d.contains(".")) relayDomains.add(d);
        }
        String dkimDomain = c.dkimSettings().map(d -> d.domain().toLowerCase(Locale.ROOT)).orElse(null);
        String selector = c.dkimSettings().map(d -> d.selector().toLowerCase(Locale.ROOT)).orElse(null);
        return new OurMail(c.sender().fromDomain().toLowerCase(Locale.ROOT), dkimDomain, selector,
                c.sender().returnPathDomain().toLowerCase(Locale.ROOT), ips, relayDomains);
    }

    /** Whether {@code d} is {@code ours} or a subdomain of it (relaxed alignment without the PSL: a child only, never a parent). */
    static boolean within(String d, String ours) {
        return d != null && ours != null && (d.equals(ours) || d.endsWith("." + ours));
    }
}
