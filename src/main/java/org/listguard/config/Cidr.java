package org.listguard.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.xbill.DNS.Address;

/**
 * An address block ({@code 10.0.0.0/8}, {@code ::1/128}, or a bare address: all its bits). Parsed
 * without DNS: only IP literals are accepted.
 */
public record Cidr(byte[] network, int bits, String text) {
    /** @throws IllegalArgumentException when {@code s} is not ADDRESS[/BITS] */
    public static Cidr parse(String s) {
        String t = s.strip();
        int slash = t.indexOf('/');
        String addr = slash < 0 ? t : t.substring(0, slash);
        byte[] a;
        try {
            a = Address.getByAddress(addr).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + s + "' is not an address block (ADDRESS/BITS, e.g. 10.0.0.0/8)");
        }
        int bits = a.length * 8;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(t.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + s + "': the prefix length is not a number");
            }
            if (bits < 0 || bits > a.length * 8) throw new IllegalArgumentException("'" + s + "': the prefix length must be 0-" + a.length * 8);
        }
        return new Cidr(a, bits, t);
    }

    /** Whether {@code ip} lies in the block (an IPv4 address never matches an IPv6 block, nor the reverse). */
    public boolean contains(InetAddress ip) {
        byte[] b = ip.getAddress();
        if (b.length != network.length) return false;
        int full = bits / 8;
        for (int i = 0; i < full; i++) if (b[i] != network[i]) return false;
        int rest = bits % 8;
        if (rest == 0) return true;
        int mask = 0xff << (8 - rest) & 0xff;
        return (b[full] & mask) == (network[full] & mask);
    }

    @Override
    public boolean equals(Object o) { return o instanceof Cidr c && c.text.equals(text); }

    @Override
    public int hashCode() { return text.hashCode(); }

    @Override
    public String toString() { return text; }
}
