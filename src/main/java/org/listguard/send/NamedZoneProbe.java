package org.listguard.send;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.listguard.audit.dnsbl.ZoneCatalog;
import org.listguard.dns.DnsAnswer;
import org.listguard.dns.DnsClient;
import org.listguard.dns.DnsNames;
import org.xbill.DNS.Type;

/**
 * When a receiver's refusal names a list that is not in the zone catalog, asks that list about
 * the IP it named (RFC 5782 s2.1: the reversed IP under the zone, an A record means listed), once
 * per IP and zone: the operator learns of a list the gate does not watch. The answer is reported,
 * never decided on (the guard already has the receiver's own verdict).
 */
final class NamedZoneProbe {
    private final DnsClient dns;
    private final ZoneCatalog catalog;
    private final Set<String> asked = new HashSet<>();

    NamedZoneProbe(DnsClient dns, ZoneCatalog catalog) {
        this.dns = dns;
        this.catalog = catalog;
    }

    /** "listed (127.0.0.2)", "not listed", "unknown (…)", or null when the zone is catalogued or was already asked. */
    String ask(String ip, String zone) {
        if (dns == null || ip == null || zone == null || !asked.add(ip + "|" + zone)) return null;
        boolean known = catalog.find(zone).isPresent() || catalog.zones().stream().anyMatch(z -> z.zone().equalsIgnoreCase(zone));
        if (known) return null;
        InetAddress addr;
        try {
            addr = InetAddress.getByName(ip); // a literal: never a lookup
        } catch (UnknownHostException e) {
            return null;
        }
        DnsAnswer a;
        try {
            a = dns.query(DnsNames.reversed(addr, zone), Type.A).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown (interrupted)";
        } catch (ExecutionException e) {
            return "unknown (" + e.getCause() + ")";
        }
        if (a instanceof DnsAnswer.Records r) return "listed (" + r + ")";
        if (a instanceof DnsAnswer.NxDomain || a instanceof DnsAnswer.NoData) return "not listed";
        return "unknown (" + a + ")";
    }
}
