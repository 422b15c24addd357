package org.listguard.dmarc;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.xbill.DNS.Address;

/** IP literals from reports, parsed without any lookup. */
final class SourceIps {
    private SourceIps() {}

    /** The address in its canonical text form (IPv4-mapped IPv6 as IPv4), or null when {@code s} is not an IP literal. */
    static String canonical(String s) {
        String v = s.strip();
        if (v.startsWith("[") && v.endsWith("]")) v = v.substring(1, v.length() - 1);
        if (v.isEmpty() || v.length() > 45 || !v.matches("[0-9A-Fa-f:.]+")) return null;
        try {
            InetAddress a = Address.getByAddress(v); // a literal only: dnsjava never resolves here
            return a.getHostAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
