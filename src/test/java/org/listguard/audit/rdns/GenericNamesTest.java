package org.listguard.audit.rdns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Address;

class GenericNamesTest {
    final GenericNames g = GenericNames.bundled();

    GenericNames.Score score(String name, String ip) throws Exception {
        InetAddress a = Address.getByAddress(ip);
        return g.score(name, a);
    }

    @Test
    void dashedOctetsWithADynamicTokenAreGeneric() throws Exception {
        GenericNames.Score s = score("dyn-203-0-113-10.pool.isp.example", "203.0.113.10");
        assertTrue(s.generic());
        assertTrue(s.signals().contains("ip-octets (+2)"), s.signals());
    }

    @Test
    void theAddressInHexIsASignal() throws Exception {
        assertTrue(score("cb00710a.cable.isp.example", "203.0.113.10").signals().contains("ip-hex"));
    }

    @Test
    void reversedOctetsAreASignal() throws Exception {
        assertTrue(score("10.113.0.203.broadband.isp.example", "203.0.113.10").signals().contains("ip-octets-reversed"));
    }

    @Test
    void aMailServerNameIsNotGeneric() throws Exception {
        GenericNames.Score s = score("mail.example.org", "203.0.113.10");
        assertFalse(s.generic());
        assertEquals(-2, s.score());
    }

    @Test
    void tokensMatchAsWordsNotInsideOtherWords() throws Exception {
        // "resolver" contains "res", "natural" contains "nat", "poolside" contains "pool": none is a signal
        assertEquals(0, score("resolver.natural.poolside.example", "203.0.113.10").score());
    }

    @Test
    void octetsOfAnotherIpAreNotASignal() throws Exception {
        assertFalse(score("host-198-51-100-7.example", "203.0.113.10").signals().contains("ip-octets"));
    }

    @Test
    void ipv6TargetsSkipOctetSignalsButKeepTokens() throws Exception {
        GenericNames.Score s = score("dsl.customer.isp.example", "2001:db8::5");
        assertTrue(s.generic(), s.signals());
    }
}
