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

    private final java.util.Map<String, Boolean> confirmed = new java.util.HashMap<>();

    /**
     * Whether {@code zone} itself lists {@code ip} (RFC 5782 s2.1: an A record under the reversed
     * IP), asked once per IP and zone. An answer in 127.255.255.0/24 or ending in .255 is a list's
     * error code (DELIVERABILITY.md s1), never a listing; no answer or a failed lookup is "not
     * confirmed": the refusal then counts like any other, it does not pause the run by itself.
     */
    boolean confirms(String ip, String zone) {
        if (dns == null || ip == null || zone == null) return false;
        return confirmed.computeIfAbsent(ip + "|" + zone.toLowerCase(java.util.Locale.ROOT), k -> lookup(ip, zone));
    }

    private boolean lookup(String ip, String zone) {
        InetAddress addr;
        try {
            addr = InetAddress.getByName(ip); // a literal: never a lookup
        } catch (UnknownHostException e) {
            return false;
        }
        DnsAnswer a;
        try {
            a = dns.query(DnsNames.reversed(addr, zone), Type.A).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return false;
        }
        if (!(a instanceof DnsAnswer.Records r)) return false;
        for (org.xbill.DNS.Record rec : r.records()) {
            if (!(rec instanceof org.xbill.DNS.ARecord ar)) continue;
            byte[] b = ar.getAddress().getAddress();
            boolean error = (b[1] & 0xff) == 255 && (b[2] & 0xff) == 255 || (b[3] & 0xff) == 255;
            if ((b[0] & 0xff) == 127 && !error && !((b[1] | b[2]) == 0 && b[3] == 1)) return true;
        }
        return false;
    }
}
