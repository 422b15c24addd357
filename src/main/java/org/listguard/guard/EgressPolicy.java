package org.listguard.guard;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.listguard.config.Threshold;

/**
 * Which IPs named in reports become the relay's learned egress (DELIVERABILITY.md s5, s9): the gate
 * audits a learned IP on every list before every run, so learning one is a gate-level change. An
 * IP is learned from a source a member cannot forge (our seed's {@code Received:} line, a verified
 * DMARC report) at once, and from members' DSNs only when {@code guard.corroborate} distinct
 * members named it within the window; never when it is not a public unicast address (loopback,
 * private, shared, link-local, documentation, benchmarking, reserved, multicast, RFC 5782's test
 * entries in 127/8): no smart host's mail reaches a receiver from one of those.
 */
public final class EgressPolicy {
    private static final Pattern LITERAL = Pattern.compile("[0-9]{1,3}(?:\\.[0-9]{1,3}){3}|[0-9a-fA-F:.]{2,45}");

    private final int corroborate;
    private final Duration window;
    private final Map<String, SlidingWindow> named = new HashMap<>();

    EgressPolicy(int corroborate, Duration window) {
        this.corroborate = corroborate;
        this.window = window;
    }

    Decision named(RunEvent.EgressNamed n, Instant now) {
        String ip = canonical(n.ip());
        if (ip == null) return Decision.CONTINUE;
        Provenance by = n.provenance();
        if (by.unforgeable()) return new Decision.LearnEgress(ip, by.kind(), n.text(), 1);
        SlidingWindow w = named.computeIfAbsent(ip, k -> new SlidingWindow(new Threshold(corroborate, window), corroborate));
        if (!w.add(now, ProviderPolicy.witness(by), false, null)) return Decision.CONTINUE;
        int witnesses = w.distinct();
        w.clear();
        return new Decision.LearnEgress(ip, "dsn-corroborated", n.text(), witnesses);
    }

    /**
     * How an IP must have been learned for the gate to audit it: our seed's Received: line, the
     * DSNs of {@code guard.corroborate} distinct members, a verified DMARC report. Rows learned
     * before that rule (source {@code dsn}, one report each) are listed, never audited.
     */
    public static final java.util.Set<String> TRUSTED_SOURCES = java.util.Set.of("seed", "dsn-corroborated", "dmarc");

    /** Whether the gate audits an IP learned from {@code source}. */
    public static boolean audited(String source, String ip) {
        return TRUSTED_SOURCES.contains(source) && routable(ip);
    }

    /** Whether {@code ip} is an IP literal that can be a smart host's egress on the internet (see the class comment). */
    public static boolean routable(String ip) {
        return canonical(ip) != null;
    }

    /** The literal in canonical form, or null when it is not a literal or not a public unicast address. */
    static String canonical(String ip) {
        if (ip == null || !LITERAL.matcher(ip).matches()) return null;
        InetAddress a;
        try {
            a = InetAddress.getByName(ip); // a literal (checked above): never a lookup
        } catch (UnknownHostException e) {
            return null;
        }
        if (a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress() || a.isMulticastAddress()) {
            return null;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address && special4(b)) return null;
        if (a instanceof Inet6Address && special6(b)) return null;
        return a.getHostAddress().toLowerCase(Locale.ROOT);
    }

    /** RFC 6890's IPv4 special-purpose blocks that are not covered by InetAddress's own tests. */
    private static boolean special4(byte[] b) {
        int o0 = b[0] & 0xff, o1 = b[1] & 0xff, o2 = b[2] & 0xff;
        return o0 == 0                                   // "this network" (RFC 791)
                || (o0 == 100 && o1 >= 64 && o1 <= 127)  // shared address space (RFC 6598)
                || (o0 == 192 && o1 == 0 && o2 == 0)     // IETF protocol assignments (RFC 6890)
                || (o0 == 192 && o1 == 0 && o2 == 2)     // TEST-NET-1 (RFC 5737)
                || (o0 == 198 && o1 == 51 && o2 == 100)  // TEST-NET-2 (RFC 5737)
                || (o0 == 203 && o1 == 0 && o2 == 113)   // TEST-NET-3 (RFC 5737)
                || (o0 == 198 && (o1 == 18 || o1 == 19)) // benchmarking (RFC 2544)
                || o0 >= 240;                            // reserved (RFC 1112) and broadcast
    }

    private static boolean special6(byte[] b) {
        int w0 = ((b[0] & 0xff) << 8) | (b[1] & 0xff), w1 = ((b[2] & 0xff) << 8) | (b[3] & 0xff);
        return (b[0] & 0xfe) == 0xfc                     // unique local (RFC 4193)
                || (w0 == 0x2001 && w1 == 0x0db8)        // documentation (RFC 3849)
                || (w0 == 0x2001 && w1 < 0x0200)         // IETF protocol assignments (RFC 2928), TEREDO included
                || w0 == 0x0100                          // discard-only (RFC 6666)
                || (b[0] & 0xe0) != 0x20;                // outside 2000::/3, the global unicast space
    }
}
