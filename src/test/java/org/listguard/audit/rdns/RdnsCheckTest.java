package org.listguard.audit.rdns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.listguard.audit.dnsbl.ReputationWorld.only;
import static org.listguard.audit.dnsbl.ReputationWorld.run;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.audit.Finding;
import org.listguard.audit.Role;
import org.listguard.audit.Status;
import org.listguard.audit.dnsbl.ReputationWorld;

class RdnsCheckTest {
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

    /** The findings for the relay IP, with the origin set to a clean host. */
    List<Finding> relay(String ip) {
        List<Finding> fs = run(new RdnsCheck(), world.context(world.config("192.0.2.60", "ips: [" + ip + "]", "  zones: default")));
        return fs.stream().filter(f -> f.role() == Role.RELAY).toList();
    }

    List<Finding> origin(String ip) {
        List<Finding> fs = run(new RdnsCheck(), world.context(world.config(ip, "ips: [192.0.2.60]", "  zones: default")));
        return fs.stream().filter(f -> f.role() == Role.ORIGIN).toList();
    }

    static Finding check(List<Finding> fs, String name) {
        return only(fs, f -> f.check().equals(name));
    }

    @Test
    void aMeaningfulForwardConfirmedPtrPassesAllThree() {
        List<Finding> fs = relay("192.0.2.60");
        assertEquals(Status.PASS, check(fs, "rdns").status());
        assertEquals("mail.example.net", check(fs, "rdns").code());
        assertEquals(Status.PASS, check(fs, "fcrdns").status());
        Finding g = check(fs, "rdns-generic");
        assertEquals(Status.PASS, g.status());
        assertTrue(g.detail().contains("mail-server"), g.detail());
    }

    @Test
    void aGenericPtrOnARelayFailsWithScoreAndSignals() {
        Finding g = check(relay("192.0.2.61"), "rdns-generic");
        assertEquals(Status.FAIL, g.status());
        assertTrue(g.detail().contains("ip-octets") && g.detail().contains("dynamic") && g.detail().contains("pool"), g.detail());
        assertTrue(g.detail().contains("score "), g.detail());
        assertTrue(g.detail().contains("Cloudmark"), g.detail());
    }

    @Test
    void aGenericPtrOnTheOriginWarnsAndSaysReceivedParsersSeeIt() {
        Finding g = check(origin("192.0.2.61"), "rdns-generic");
        assertEquals(Status.WARN, g.status());
        assertTrue(g.detail().contains("Received:"), g.detail());
    }

    @Test
    void aPtrWhoseNameResolvesElsewhereFailsFcrdnsOnARelay() {
        List<Finding> fs = relay("192.0.2.62");
        assertEquals(Status.PASS, check(fs, "rdns").status());
        Finding f = check(fs, "fcrdns");
        assertEquals(Status.FAIL, f.status());
        assertTrue(f.detail().contains("192.0.2.60"), f.detail());
    }

    @Test
    void aMissingPtrFailsOnARelayAndWarnsOnTheOrigin() {
        assertEquals(Status.FAIL, check(relay("192.0.2.63"), "rdns").status());
        assertEquals(Status.WARN, check(origin("192.0.2.63"), "rdns").status());
    }

    @Test
    void reputationRdnsGenericReplacesTheBundledSignals() throws java.io.IOException {
        Path signals = dir.resolve("generic.yaml");
        java.nio.file.Files.writeString(signals, "threshold: 1\nsignals:\n  - { name: mail-is-suspect, tokens: [mail], weight: 5 }\n");
        List<Finding> fs = run(new RdnsCheck(), world.context(world.config("192.0.2.60", "ips: [192.0.2.60]",
                "  zones: default\n  rdns_generic: " + signals)));
        Finding g = only(fs, f -> f.role() == Role.RELAY && f.check().equals("rdns-generic"));
        assertEquals(Status.FAIL, g.status());
        assertTrue(g.detail().contains("mail-is-suspect"), g.detail());
    }

    @Test
    void aFailedPtrLookupIsUnknown() {
        world.dns.servfail("2.0.192.in-addr.arpa");
        Finding f = check(relay("192.0.2.60"), "rdns");
        assertEquals(Status.UNKNOWN, f.status());
        assertTrue(f.detail().contains("servfail"), f.detail());
    }

    @Test
    void aFailedForwardLookupMakesFcrdnsUnknown() {
        world.dns.drop("example.net");
        assertEquals(Status.UNKNOWN, check(relay("192.0.2.60"), "fcrdns").status());
    }
}
