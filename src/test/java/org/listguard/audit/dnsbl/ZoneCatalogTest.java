package org.listguard.audit.dnsbl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.config.ConfigException;
import org.listguard.config.ZoneSpec;

class ZoneCatalogTest {
    @TempDir
    Path dir;

    @Test
    void theBundledCatalogHasNoDeadZonesAndEveryEntryHasADelistingUrl() {
        List<ZoneSpec> zones = ZoneCatalog.bundled().zones();
        assertTrue(zones.size() >= 15, zones.toString());
        for (ZoneSpec z : zones) {
            assertFalse(z.zone().contains("sorbs"), z.zone());
            assertNotNull(z.delistUrl(), z.zone());
            assertTrue(z.type().equals("score") || !z.codes().isEmpty(), z.zone());
        }
    }

    @Test
    void theBundledCatalogKnowsTheSpamhausErrorAnswers() {
        ZoneSpec zen = ZoneCatalog.bundled().find("zen.spamhaus.org").orElseThrow();
        for (String e : List.of("127.255.255.254", "127.255.255.255", "127.255.255.252", "127.255.255.250", "127.255.255.251")) {
            assertNotNull(zen.errors().get(e), e);
        }
        assertEquals("warn", zen.codes().get("127.0.0.10").origin());
    }

    @Test
    void theKeyedZoneIsNamedWithoutItsKeyAndIsOffByDefault() {
        ZoneSpec dqs = ZoneCatalog.bundled().find("zen.dq.spamhaus.net").orElseThrow();
        assertTrue(dqs.keyed());
        assertFalse(dqs.enabled());
        assertEquals("SPAMHAUS_DQS_KEY", dqs.keyEnv());
    }

    @Test
    void aCatalogFileReplacesTheBundledOne() throws IOException {
        Path f = dir.resolve("zones.yaml");
        Files.writeString(f, "zones:\n  - zone: my.example\n    codes: {127.0.0.2: listed}\n    delist_url: https://my.example/\n");
        ZoneCatalog c = ZoneCatalog.load(f);
        assertEquals(1, c.zones().size());
        assertTrue(c.find("zen.spamhaus.org").isEmpty());
    }

    @Test
    void reputationCatalogInConfigReplacesTheBundledCatalogForDefault() throws IOException {
        Path f = dir.resolve("zones.yaml");
        Files.writeString(f, "zones:\n  - zone: my.example\n    codes: {127.0.0.2: listed}\n"
                + "  - zone: off.example\n    enabled: false\n");
        try (ReputationWorld w = new ReputationWorld(dir)) {
            var c = w.config("192.0.2.1", "ips: [192.0.2.2]", "  catalog: " + f + "\n  zones: default");
            assertEquals(List.of("my.example"), ZoneCatalog.selected(c).stream().map(ZoneSpec::zone).toList());
        }
    }

    @Test
    void defaultPlusNamesPlusCustomZonesAreSelectedInOrderWithoutDuplicates() {
        try (ReputationWorld w = new ReputationWorld(dir)) {
            var c = w.config("192.0.2.1", "ips: [192.0.2.2]",
                    "  zones: [default, zen.spamhaus.org, dnsbl-2.uceprotect.net, {zone: my.example}]");
            List<String> names = ZoneCatalog.selected(c).stream().map(ZoneSpec::zone).toList();
            assertEquals("zen.spamhaus.org", names.get(0));
            assertEquals(1, names.stream().filter(n -> n.equals("zen.spamhaus.org")).count());
            assertTrue(names.indexOf("dnsbl-2.uceprotect.net") < names.indexOf("my.example"), names.toString());
            assertFalse(names.contains("b.barracudacentral.org"), names.toString());
        }
    }

    @Test
    void aBrokenCatalogFileIsAConfigErrorWithItsLine() throws IOException {
        Path f = dir.resolve("zones.yaml");
        Files.writeString(f, "zones:\n  - zone: my.example\n    colour: blue\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ZoneCatalog.load(f));
        assertTrue(e.getMessage().contains("colour"), e.getMessage());
        assertEquals(3, e.line());
    }
}
