package org.listguard.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.listguard.testing.TestDnsServer;
import org.xbill.DNS.Type;

class DnsjavaClientTest {
    static TestDnsServer server;
    static DnsClient dns;

    @BeforeAll
    static void start() throws Exception {
        server = TestDnsServer.start(Path.of("src/test/resources/dns/base"));
        server.refuse("refused.example.org").servfail("broken.example.org").drop("silent.example.org");
        dns = DnsjavaClient.of(List.of(server.address()), Duration.ofMillis(300));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void recordsAreValuesWithTtl() {
        DnsAnswer a = dns.query("example.org", Type.A).join();
        DnsAnswer.Records r = assertInstanceOf(DnsAnswer.Records.class, a);
        assertEquals("192.0.2.1", r.addresses().get(0).getHostAddress());
        assertEquals(300, r.ttlSeconds());
    }

    @Test
    void cnameChainsAreFollowed() {
        DnsAnswer a = dns.query("alias.example.org", Type.A).join();
        assertEquals("192.0.2.1", assertInstanceOf(DnsAnswer.Records.class, a).addresses().get(0).getHostAddress());
    }

    @Test
    void missingNameIsNxDomainAndMissingTypeIsNoData() {
        assertInstanceOf(DnsAnswer.NxDomain.class, dns.query("nope.example.org", Type.A).join());
        assertInstanceOf(DnsAnswer.NoData.class, dns.query("example.org", Type.MX).join());
    }

    @Test
    void refusedServfailAndTimeoutAreFailuresNeverNxDomain() {
        assertEquals(DnsAnswer.Failure.Kind.REFUSED,
                assertInstanceOf(DnsAnswer.Failure.class, dns.query("x.refused.example.org", Type.A).join()).kind());
        assertEquals(DnsAnswer.Failure.Kind.SERVFAIL,
                assertInstanceOf(DnsAnswer.Failure.class, dns.query("broken.example.org", Type.A).join()).kind());
        assertEquals(DnsAnswer.Failure.Kind.TIMEOUT,
                assertInstanceOf(DnsAnswer.Failure.class, dns.query("silent.example.org", Type.A).join()).kind());
    }

    @Test
    void longTxtRecordsAreJoined() {
        assertEquals("v=spf1 ip4:198.51.100.25 -all",
                assertInstanceOf(DnsAnswer.Records.class, dns.query("example.org", Type.TXT).join()).texts().get(0));
    }
}
