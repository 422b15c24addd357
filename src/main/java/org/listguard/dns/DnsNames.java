package org.listguard.dns;

import java.net.Inet4Address;
import java.net.InetAddress;
import org.xbill.DNS.Name;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.TextParseException;

/** Names built for queries: reversed IPs (RFC 5782 §2.1, §2.4), absolute names. */
public final class DnsNames {
    private DnsNames() {}

    /** An absolute name; a bad one is an {@link IllegalArgumentException} naming it. */
    public static Name name(String s) {
        try {
            return Name.fromString(s.endsWith(".") ? s : s + ".");
        } catch (TextParseException e) {
            throw new IllegalArgumentException("'" + s + "' is not a valid DNS name: " + e.getMessage(), e);
        }
    }

    /** {@code d.c.b.a.zone.} for IPv4, reversed nibbles for IPv6. */
    public static Name reversed(InetAddress ip, String zone) {
        String rev = ReverseMap.fromAddress(ip).toString();
        String suffix = ip instanceof Inet4Address ? "in-addr.arpa." : "ip6.arpa.";
        return name(rev.substring(0, rev.length() - suffix.length()) + zone);
    }

    /** The PTR query name ({@code ….in-addr.arpa.}). */
    public static Name ptr(InetAddress ip) {
        return ReverseMap.fromAddress(ip);
    }

    /** Without a trailing dot, lower-cased. */
    public static String strip(String name) {
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        return n.toLowerCase(java.util.Locale.ROOT);
    }
}
