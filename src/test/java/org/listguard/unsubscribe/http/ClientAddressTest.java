package org.listguard.unsubscribe.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.listguard.config.Cidr;

/** X-Forwarded-For is read only from trusted proxies, and only up to the last hop they did not write. */
class ClientAddressTest {
    final ClientAddress behindTwo = new ClientAddress(List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("2001:db8::/32")));

    @Test
    void anUntrustedPeerIsTheClientWhateverItForwards() {
        assertEquals("198.51.100.7", behindTwo.of("198.51.100.7", List.of("1.2.3.4")));
        assertEquals("127.0.0.1", new ClientAddress(List.of()).of("127.0.0.1", List.of("1.2.3.4")));
    }

    @Test
    void theLastUntrustedHopIsTheClient() {
        assertEquals("203.0.113.9", behindTwo.of("10.0.0.2", List.of("6.6.6.6, 203.0.113.9, 10.1.1.1")));
        assertEquals("203.0.113.9", behindTwo.of("10.0.0.2", List.of("6.6.6.6", "203.0.113.9, 10.1.1.1")), "several header lines are one list");
        assertEquals("2001:db9:0:0:0:0:0:1", behindTwo.of("10.0.0.2", List.of("[2001:db9::1]:443")));
        assertEquals("203.0.113.9", behindTwo.of("10.0.0.2", List.of("203.0.113.9:5555")));
    }

    @Test
    void garbageStopsTheWalkAtTheLastAddressAProxyVouchedFor() {
        assertEquals("10.1.1.1", behindTwo.of("10.0.0.2", List.of("<script>, 10.1.1.1")));
        assertEquals("10.0.0.2", behindTwo.of("10.0.0.2", List.of("unknown")));
    }

    @Test
    void cidrsMatchOnlyTheirOwnFamilyAndPrefix() {
        assertEquals(true, Cidr.parse("192.0.2.128/25").contains(addr("192.0.2.200")));
        assertEquals(false, Cidr.parse("192.0.2.128/25").contains(addr("192.0.2.127")));
        assertEquals(false, Cidr.parse("::/0").contains(addr("192.0.2.1")));
        assertEquals(true, Cidr.parse("0.0.0.0/0").contains(addr("192.0.2.1")));
    }

    static java.net.InetAddress addr(String s) {
        try {
            return org.xbill.DNS.Address.getByAddress(s);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
