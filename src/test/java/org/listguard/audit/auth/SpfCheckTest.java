package org.listguard.audit.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.listguard.audit.auth.Fixtures.RELAY;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.audit.Finding;
import org.listguard.audit.Role;
import org.listguard.audit.Status;
import org.listguard.dns.DnsClient;
import org.listguard.dns.DnsjavaClient;
import org.listguard.testing.TestDnsServer;

class SpfCheckTest {
    static TestDnsServer server;
    static DnsClient dns;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        server = TestDnsServer.start(Path.of("src/test/resources/dns/auth"));
        server.drop("slow.auth.test").drop("gone.test");
        dns = DnsjavaClient.of(List.of(server.address()), Duration.ofMillis(300));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    List<Finding> spf(String domain) {
        return Fixtures.run(new SpfCheck(), Fixtures.context(Fixtures.config(dir, "news@" + domain, "bounces@" + domain, RELAY, ""), dns));
    }

    static Finding relayResult(List<Finding> fs) {
        return fs.stream().filter(f -> f.role() == Role.RELAY).findFirst().orElseThrow(() -> new AssertionError(fs.toString()));
    }

    static List<Finding> lint(List<Finding> fs) {
        return fs.stream().filter(f -> f.role() == Role.DOMAIN).toList();
    }

    @Test
    void relayIpListedInTheRecordPasses() {
        List<Finding> fs = spf("pass.auth.test");
        Finding f = relayResult(fs);
        assertEquals(Status.PASS, f.status());
        assertEquals("198.51.100.25", f.target());
        assertEquals(Status.PASS, Fixtures.worst(fs), fs.toString());
    }

    @Test
    void relayIpNotListedFailsNamingTheIpAndTheRecord() {
        Finding f = relayResult(spf("fail.auth.test"));
        assertEquals(Status.FAIL, f.status());
        assertEquals("fail", f.code());
        assertTrue(f.detail().contains("198.51.100.25") && f.detail().contains("v=spf1 ip4:192.0.2.99 -all"), f.detail());
    }

    @Test
    void softfailFails() {
        assertEquals(Status.FAIL, relayResult(spf("softfail.auth.test")).status());
    }

    @Test
    void neutralWarns() {
        assertEquals(Status.WARN, relayResult(spf("neutral.auth.test")).status());
    }

    @Test
    void noRecordFailsBecauseBulkSenderRulesRequireSpf() {
        Finding f = relayResult(spf("none.auth.test"));
        assertEquals(Status.FAIL, f.status());
        assertEquals("none", f.code());
    }

    @Test
    void includeOfADomainWithoutSpfIsPermerrorAndFails() {
        Finding f = relayResult(spf("perm.auth.test"));
        assertEquals(Status.FAIL, f.status());
        assertEquals("permerror", f.code());
    }

    @Test
    void unansweredIncludeIsTemperrorAndUnknownNeverPass() {
        Finding f = relayResult(spf("temp.auth.test"));
        assertEquals(Status.UNKNOWN, f.status());
        assertEquals("temperror", f.code());
    }

    @Test
    void unansweredDomainIsUnknown() {
        List<Finding> fs = spf("gone.test");
        assertTrue(fs.stream().allMatch(f -> f.status() == Status.UNKNOWN), fs.toString());
    }

    @Test
    void twoSpfRecordsFail() {
        List<Finding> fs = spf("two.auth.test");
        assertTrue(lint(fs).stream().anyMatch(f -> f.status() == Status.FAIL && f.detail().contains("2 v=spf1 records")), fs.toString());
    }

    @Test
    void plusAllFailsEvenWhenTheRelayPasses() {
        List<Finding> fs = spf("plusall.auth.test");
        assertEquals(Status.PASS, relayResult(fs).status());
        assertTrue(lint(fs).stream().anyMatch(f -> f.status() == Status.FAIL && f.detail().contains("+all")), fs.toString());
    }

    @Test
    void ptrAndTermsAfterAllWarn() {
        List<Finding> l = lint(spf("ptrafter.auth.test"));
        assertTrue(l.stream().anyMatch(f -> f.status() == Status.WARN && f.detail().contains("ptr")), l.toString());
        assertTrue(l.stream().anyMatch(f -> f.status() == Status.WARN && f.detail().contains("after 'all'")), l.toString());
    }

    @Test
    void moreThanTenLookupsAcrossIncludesFail() {
        List<Finding> l = lint(spf("many.auth.test"));
        assertTrue(l.stream().anyMatch(f -> f.status() == Status.FAIL && f.detail().startsWith("16 DNS-querying terms")), l.toString());
    }

    @Test
    void moreThanTwoVoidLookupsFail() {
        List<Finding> l = lint(spf("voids.auth.test"));
        assertTrue(l.stream().anyMatch(f -> f.status() == Status.FAIL && f.detail().startsWith("3 void lookups")), l.toString());
    }

    @Test
    void aCleanRecordLintsAsPassWithItsLookupCount() {
        Finding f = Fixtures.only(lint(spf("pass.auth.test")));
        assertEquals(Status.PASS, f.status());
        assertTrue(f.detail().startsWith("0 DNS-querying terms"), f.detail());
    }

    @Test
    void zoneDnsClientOfTheSandboxGivesTheSameResultWithoutASocket() throws Exception {
        DnsClient zones = new org.listguard.dns.ZoneDnsClient(org.listguard.dns.ZoneAnswerer.fromDirectory(Path.of("src/test/resources/dns/auth")));
        List<Finding> fs = Fixtures.run(new SpfCheck(), Fixtures.context(
                Fixtures.config(dir, "news@pass.auth.test", "bounces@pass.auth.test", RELAY, ""), zones));
        assertEquals(Status.PASS, relayResult(fs).status());
        assertEquals(Status.FAIL, relayResult(Fixtures.run(new SpfCheck(), Fixtures.context(
                Fixtures.config(dir, "news@fail.auth.test", "bounces@fail.auth.test", RELAY, ""), zones))).status());
    }
}
