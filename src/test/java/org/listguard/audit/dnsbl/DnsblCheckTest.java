package org.listguard.audit.dnsbl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.listguard.audit.dnsbl.ReputationWorld.only;
import static org.listguard.audit.dnsbl.ReputationWorld.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.listguard.audit.Finding;
import org.listguard.audit.Role;
import org.listguard.audit.Status;
import org.listguard.config.Config;
import org.listguard.config.ConfigException;

class DnsblCheckTest {
    static final String ZEN = "  zones: [zen.spamhaus.org]";
    static final String CLEAN_RELAY = "ips: [192.0.2.100]";

    @TempDir
    Path dir;

    ReputationWorld world;

    @BeforeEach
    void start() {
        world = new ReputationWorld(dir);
    }

    @AfterEach
    void stop() {
        world.close();
    }

    List<Finding> audit(String origin, String relayLine, String reputation) {
        return run(new DnsblCheck(), world.context(world.config(origin, relayLine, reputation)));
    }

    static Finding on(List<Finding> fs, String ip) {
        return only(fs, f -> ip.equals(f.target()) && f.check().equals("dnsbl"));
    }

    @Test
    void sblOnTheOriginFailsWithTheTxtReasonAndTheDelistingUrl() {
        Finding f = on(audit("192.0.2.2", CLEAN_RELAY, ZEN), "192.0.2.2");
        assertEquals(Status.FAIL, f.status());
        assertEquals(Role.ORIGIN, f.role());
        assertEquals("127.0.0.2", f.code());
        assertTrue(f.meaning().startsWith("SBL"), f.meaning());
        assertTrue(f.detail().contains("SBL123456"), f.detail());
        assertEquals("https://check.spamhaus.org/results/?query=192.0.2.2", f.url());
        assertTrue(f.remediation() != null && !f.remediation().isBlank());
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.0.2.3", "192.0.2.4", "192.0.2.9"})
    void cssXblAndDropOnTheOriginFail(String ip) {
        Finding f = on(audit(ip, CLEAN_RELAY, ZEN), ip);
        assertEquals(Status.FAIL, f.status());
        assertEquals("127.0.0." + ip.substring(ip.lastIndexOf('.') + 1), f.code());
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.0.2.10", "192.0.2.11"})
    void pblOnTheOriginWarnsAndExplainsAuthenticatedSmartHostRelaying(String ip) {
        Finding f = on(audit(ip, CLEAN_RELAY, ZEN), ip);
        assertEquals(Status.WARN, f.status());
        assertTrue(f.meaning().startsWith("PBL"), f.meaning());
        assertTrue(f.detail().contains("authenticated smart host"), f.detail());
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.0.2.2", "192.0.2.3", "192.0.2.4", "192.0.2.9", "192.0.2.10", "192.0.2.11"})
    void everyZenCodeFamilyOnARelayFails(String ip) {
        Finding f = on(audit("192.0.2.100", "ips: [" + ip + "]", ZEN), ip);
        assertEquals(Role.RELAY, f.role());
        assertEquals(Status.FAIL, f.status());
    }

    @Test
    void anIpListedTwiceGetsOneFindingPerCode() {
        List<Finding> fs = audit("192.0.2.12", CLEAN_RELAY, ZEN).stream().filter(f -> "192.0.2.12".equals(f.target())).toList();
        assertEquals(2, fs.size(), fs.toString());
        assertEquals(Status.FAIL, only(fs, f -> "127.0.0.2".equals(f.code())).status());
        assertEquals(Status.WARN, only(fs, f -> "127.0.0.11".equals(f.code())).status());
    }

    @Test
    void cleanIpsPass() {
        List<Finding> fs = audit("192.0.2.101", CLEAN_RELAY, ZEN);
        assertEquals(Status.PASS, on(fs, "192.0.2.101").status());
        assertEquals(Status.PASS, on(fs, "192.0.2.100").status());
    }

    @Test
    void thePublicResolverErrorAnswerIsUnknownWithTheReasonAndTheFix() {
        Finding f = on(audit("192.0.2.254", CLEAN_RELAY, ZEN), "192.0.2.254");
        assertEquals(Status.UNKNOWN, f.status());
        assertEquals("127.255.255.254", f.code());
        assertTrue(f.meaning().contains("public"), f.meaning());
        assertTrue(f.remediation().contains("own recursive resolver") && f.remediation().contains("DQS"), f.remediation());
    }

    @Test
    void anUnrecognisedCodeInside127IsStillAListing() {
        Finding f = on(audit("192.0.2.100", "ips: [192.0.2.99]", ZEN), "192.0.2.99");
        assertEquals(Status.FAIL, f.status());
        assertTrue(f.meaning().contains("still a listing"), f.meaning());
    }

    @Test
    void anAnswerOutside127IsUnknown() {
        Finding f = on(audit("192.0.2.77", CLEAN_RELAY, ZEN), "192.0.2.77");
        assertEquals(Status.UNKNOWN, f.status());
        assertEquals("10.0.0.1", f.code());
    }

    @Test
    void aZoneThatTimesOutIsUnknownAndSaysRblcheckWouldCallItClean() {
        world.dns.drop("slow.example");
        Finding f = on(audit("192.0.2.101", CLEAN_RELAY, "  zones:\n    - {zone: slow.example, codes: {127.0.0.2: listed}}"),
                "192.0.2.101");
        assertEquals(Status.UNKNOWN, f.status());
        assertTrue(f.detail().contains("timeout") && f.detail().contains("rblcheck"), f.detail());
    }

    @Test
    void aZoneThatRefusesIsUnknown() {
        world.dns.refuse("zen.spamhaus.org");
        Finding f = on(audit("192.0.2.101", CLEAN_RELAY, ZEN), "192.0.2.101");
        assertEquals(Status.UNKNOWN, f.status());
        assertTrue(f.detail().contains("refused") && f.detail().contains("not listed"), f.detail());
    }

    @Test
    void aZoneThatLists127001IsNotTrustedAndGetsOneZoneHealthFinding() {
        List<Finding> fs = audit("192.0.2.101", CLEAN_RELAY, "  zones:\n    - {zone: world.example}");
        assertEquals(Status.UNKNOWN, on(fs, "192.0.2.101").status());
        assertEquals(Status.UNKNOWN, on(fs, "192.0.2.100").status());
        Finding h = only(fs, f -> f.check().equals("zone-health"));
        assertTrue(h.detail().contains("lists 127.0.0.1"), h.detail());
        assertTrue(h.detail().contains("listing the world"), h.detail());
    }

    @Test
    void aZoneThatDoesNotListItsTestEntryIsNotTrusted() {
        List<Finding> fs = audit("192.0.2.101", CLEAN_RELAY, "  zones:\n    - {zone: rep.mailspike.net}");
        assertEquals(Status.UNKNOWN, on(fs, "192.0.2.101").status());
        assertTrue(only(fs, f -> f.check().equals("zone-health")).detail().contains("does not list its test entry 127.0.0.2"));
    }

    @Test
    void aZoneWithoutADocumentedTestEntryIsProbedOnlyFor127001() {
        List<Finding> fs = audit("192.0.2.101", CLEAN_RELAY, "  zones:\n    - {zone: rep.mailspike.net, probe_listed: none}");
        assertEquals(Status.PASS, on(fs, "192.0.2.101").status());
        List<Finding> world = audit("192.0.2.101", CLEAN_RELAY, "  zones:\n    - {zone: world.example, probe_listed: none}");
        assertEquals(Status.UNKNOWN, on(world, "192.0.2.101").status());
    }

    @Test
    void anIpv6OriginIsLookedUpByReversedNibbles() {
        Finding f = on(audit("2001:db8::2", CLEAN_RELAY, ZEN), "2001:db8:0:0:0:0:0:2");
        assertEquals(Status.FAIL, f.status());
        assertEquals("127.0.0.2", f.code());
    }

    @Test
    void uceprotectLevel2SaysTheListingIsOfTheNeighbourhood() {
        List<Finding> fs = audit("192.0.2.20", "ips: [192.0.2.20]", "  zones: [dnsbl-2.uceprotect.net]");
        Finding relay = only(fs, f -> f.role() == Role.RELAY && "dnsbl".equals(f.check()));
        Finding origin = only(fs, f -> f.role() == Role.ORIGIN && "dnsbl".equals(f.check()));
        assertEquals(Status.FAIL, relay.status());
        assertEquals(Status.WARN, origin.status());
        assertTrue(relay.detail().contains("neighbourhood"), relay.detail());
    }

    @Test
    void unknownZoneNameIsAConfigErrorNamingTheKeyAndLine() {
        Config c = world.config("192.0.2.101", CLEAN_RELAY, "  zones: [zen.spamhaus.org, no.such.zone]");
        ConfigException e = assertThrows(ConfigException.class, () -> new DnsblCheck().run(world.context(c)));
        assertEquals("reputation.zones[1]", e.field());
        assertTrue(e.line() > 0);
        assertTrue(e.problem().contains("no.such.zone"), e.problem());
    }

    @Test
    void anUnknownZoneNameStopsTheWholeAuditAsBadConfigNotAsAnUnknownFinding() {
        Config c = world.config("192.0.2.101", CLEAN_RELAY, "  zones: [no.such.zone]");
        var audit = new org.listguard.audit.Audit(List.of(new DnsblCheck()));
        assertThrows(ConfigException.class, () -> audit.run(world.context(c)));
    }

    @Test
    void anIpv6TargetWithNoIpv6ZoneIsReportedUnchecked() {
        Finding f = only(audit("2001:db8::2", CLEAN_RELAY, "  zones: [dnsbl-2.uceprotect.net]"), x -> x.role() == Role.ORIGIN);
        assertEquals(Status.WARN, f.status());
        assertTrue(f.meaning().contains("IPv6"), f.meaning());
    }

    @Test
    void aKeyedZoneWithoutItsKeyIsUnknown() {
        Finding f = on(audit("192.0.2.2", CLEAN_RELAY, "  zones: [zen.dq.spamhaus.net]"), "192.0.2.2");
        assertEquals(Status.UNKNOWN, f.status());
        assertTrue(f.detail().contains("SPAMHAUS_DQS_KEY"), f.detail());
    }

    @Test
    void aKeyedZoneIsQueriedWithTheKeyWhichNeverAppearsInFindings() {
        Config c = world.config("192.0.2.2", CLEAN_RELAY, "  zones: [zen.dq.spamhaus.net]");
        List<Finding> fs = run(new DnsblCheck(), world.context(c, Map.of("SPAMHAUS_DQS_KEY", "k3y")));
        assertEquals(Status.FAIL, on(fs, "192.0.2.2").status());
        assertFalse(fs.toString().contains("k3y"), fs.toString());
    }

    @Test
    void aRelayWhoseHostCannotBeResolvedIsUnknown() {
        Finding f = only(audit("192.0.2.101", "tls: starttls", ZEN), x -> x.role() == Role.RELAY);
        assertEquals(Status.UNKNOWN, f.status());
        assertEquals("smtp.isp.example", f.target());
    }

    @Test
    void selectingOnlyDomainZonesIsReportedAsNoIpChecked() {
        Finding f = only(audit("192.0.2.101", CLEAN_RELAY, "  zones: [dbl.spamhaus.org]"), x -> x.check().equals("dnsbl"));
        assertEquals(Status.WARN, f.status());
        assertTrue(f.meaning().contains("no IP reputation zone"), f.meaning());
    }

    @Test
    void withoutAnOriginIpTheOriginIsReportedUnchecked() {
        Finding f = only(audit(null, CLEAN_RELAY, ZEN), x -> x.role() == Role.ORIGIN);
        assertEquals(Status.WARN, f.status());
        assertTrue(f.remediation().contains("origin_ip"));
    }
}
