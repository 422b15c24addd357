package org.listguard.unsubscribe.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.listguard.config.Cidr;
import org.xbill.DNS.Address;

/**
 * Who the client of a request is, for the rate limit and the journal's origin. The peer address,
 * unless the peer is one of {@code serve.trusted_proxies}: then X-Forwarded-For is read from the
 * right (each proxy appends the address it received from) and the client is the last hop that is
 * not a trusted proxy. Anything left of that hop was written by the client and proves nothing.
 * With no trusted proxies the header is ignored: anyone can send it.
 */
final class ClientAddress {
    private final List<Cidr> trusted;

    ClientAddress(List<Cidr> trusted) {
        this.trusted = List.copyOf(trusted);
    }

    String of(String peer, List<String> forwardedFor) {
        InetAddress p = literal(peer);
        if (p == null || !isTrusted(p) || forwardedFor.isEmpty()) return peer;
        String client = peer;
        for (int h = forwardedFor.size() - 1; h >= 0; h--) {
            for (String hop : reversed(forwardedFor.get(h).split(","))) {
                String ip = strip(hop);
                if (ip.isEmpty()) continue;
                InetAddress a = literal(ip);
                if (a == null) return client; // not an address: the hop before it is the last we can vouch for
                client = a.getHostAddress();
                if (!isTrusted(a)) return client;
            }
        }
        return client; // every hop was a proxy of ours: the leftmost
    }

    private boolean isTrusted(InetAddress a) {
        for (Cidr c : trusted) if (c.contains(a)) return true;
        return false;
    }

    private static List<String> reversed(String[] hops) {
        List<String> l = new java.util.ArrayList<>(List.of(hops));
        java.util.Collections.reverse(l);
        return l;
    }

    /** A hop as proxies write it: {@code 192.0.2.1}, {@code 2001:db8::1}, {@code [2001:db8::1]}, or with a port. */
    private static String strip(String hop) {
        String h = hop.strip();
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(1, end);
        }
        if (h.indexOf(':') == h.lastIndexOf(':') && h.indexOf(':') > 0) return h.substring(0, h.indexOf(':')); // IPv4:port
        return h;
    }

    private static InetAddress literal(String s) {
        try {
            return Address.getByAddress(s);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
