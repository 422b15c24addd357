package org.listguard.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.InputException;
import org.listguard.dns.DnsAnswer;
import org.listguard.dns.ZoneAnswerer;
import org.listguard.dns.ZoneDnsClient;

class ScenariosTest {
    @TempDir
    Path world;

    private Path scenario(String name, String yaml) throws Exception {
        Files.createDirectories(world.resolve("scenarios"));
        return Files.writeString(world.resolve("scenarios").resolve(name + ".yaml"), yaml);
    }

    @Test
    void everyShippedScenarioLoads() {
        List<Scenario> all = new Scenarios(Path.of("config/sandbox")).all();
        assertEquals("clean", all.get(0).name());
        assertTrue(all.size() >= 7, all.toString());
        Scenario rb = new Scenarios(Path.of("config/sandbox")).named("receiver-block");
        assertEquals(Scenario.Verdict.BOUNCE, rb.receivers().get(0).verdict());
        assertEquals(Duration.ofSeconds(30), rb.receivers().get(0).after());
    }

    @Test
    void aBadFieldIsNamedWithItsFileAndLine() throws Exception {
        Path f = scenario("broken", "summary: a world\nrelay:\n  - command: rcpt\n    reply: \"hello\"\n");
        InputException e = assertThrows(InputException.class, () -> new Scenarios(world).named("broken"));
        assertEquals(f.toString(), e.file());
        assertEquals("relay[0].reply", e.field());
        assertEquals(4, e.line());
    }

    @Test
    void anUnknownKeyIsAnErrorNotIgnored() throws Exception {
        scenario("typo", "summary: a world\nreceivers:\n  - match: \"*\"\n    verdit: bounce\n");
        InputException e = assertThrows(InputException.class, () -> new Scenarios(world).named("typo"));
        assertEquals(4, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains("verdit"), e.getMessage());
    }

    @Test
    void aBounceWithoutTheReceiversReplyIsRefused() throws Exception {
        scenario("mute", "summary: a world\nreceivers:\n  - match: \"*@example.net\"\n    verdict: bounce\n");
        InputException e = assertThrows(InputException.class, () -> new Scenarios(world).named("mute"));
        assertEquals("receivers[0].reply", e.field());
    }

    private static List<String> a(ZoneDnsClient dns, String name) throws Exception {
        return ((DnsAnswer.Records) dns.query(name, org.xbill.DNS.Type.A).get()).records().stream()
                .map(r -> r.rdataToString()).toList();
    }

    @Test
    void scenarioRecordsJoinTheWorldAndMakeNewZonesWhereNeeded() throws Exception {
        Files.writeString(world.resolve("zen.spamhaus.org.zone"), "$ORIGIN zen.spamhaus.org.\n$TTL 300\n"
                + "@ IN SOA ns hostmaster 1 3600 600 86400 60\n@ IN NS ns\n2.0.0.127 IN A 127.0.0.2\n");
        ZoneAnswerer zones = ZoneAnswerer.fromDirectory(world).with(Map.of(
                "zen.spamhaus.org", List.of("25.100.51.198 A 127.0.0.2"),
                "rbl.example.net", List.of("25.100.51.198 A 127.0.0.3")));
        ZoneDnsClient dns = new ZoneDnsClient(zones);
        assertEquals(List.of("127.0.0.2"), a(dns, "25.100.51.198.zen.spamhaus.org"));
        assertEquals(List.of("127.0.0.3"), a(dns, "25.100.51.198.rbl.example.net"));
        assertTrue(dns.query("2.0.0.127.zen.spamhaus.org", org.xbill.DNS.Type.A).get() instanceof DnsAnswer.Records,
                "the world's own records stay");
    }
}
