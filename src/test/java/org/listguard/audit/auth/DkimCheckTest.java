package org.listguard.audit.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.listguard.audit.auth.Fixtures.RELAY;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.audit.Finding;
import org.listguard.audit.Status;
import org.listguard.dns.DnsClient;
import org.listguard.dns.DnsNames;
import org.listguard.dns.DnsjavaClient;
import org.listguard.testing.TestDnsServer;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Zone;

class DkimCheckTest {
    static final KeyPair GOOD = Fixtures.rsa(2048);
    static final KeyPair OTHER = Fixtures.rsa(2048);
    static final KeyPair WEAK = Fixtures.rsa(1024);
    static final KeyPair TINY = Fixtures.rsa(512);
    static TestDnsServer server;
    static DnsClient dns;

    @TempDir
    Path dir;

    /** dkim.test publishes: good = GOOD, mismatch = OTHER, weak = WEAK, tiny = TINY, revoked = empty p=. */
    @BeforeAll
    static void start() throws Exception {
        Name origin = DnsNames.name("dkim.test");
        List<Record> rs = new ArrayList<>();
        rs.add(new SOARecord(origin, DClass.IN, 300, DnsNames.name("ns.dkim.test"), DnsNames.name("hostmaster.dkim.test"), 1, 3600, 600, 86400, 60));
        rs.add(new NSRecord(origin, DClass.IN, 300, DnsNames.name("ns.dkim.test")));
        rs.add(key("good", GOOD));
        rs.add(key("mismatch", OTHER));
        rs.add(key("weak", WEAK));
        rs.add(key("tiny", TINY));
        rs.add(new TXTRecord(DnsNames.name("revoked._domainkey.dkim.test"), DClass.IN, 300, "v=DKIM1; k=rsa; p="));
        server = TestDnsServer.start(List.of(new Zone(origin, rs.toArray(Record[]::new))));
        server.drop("slow._domainkey.dkim.test");
        dns = DnsjavaClient.of(List.of(server.address()), Duration.ofMillis(300));
    }

    static Record key(String selector, KeyPair kp) {
        String rec = "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(kp.getPublic().getEncoded());
        List<String> chunks = new ArrayList<>();
        for (int i = 0; i < rec.length(); i += 255) chunks.add(rec.substring(i, Math.min(rec.length(), i + 255)));
        return new TXTRecord(DnsNames.name(selector + "._domainkey.dkim.test"), DClass.IN, 300, chunks);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    List<Finding> dkim(String selector, KeyPair configured) throws Exception {
        Path pem = Fixtures.writePkcs8(dir.resolve("dkim.pem"), configured);
        return Fixtures.run(new DkimCheck(), Fixtures.context(
                Fixtures.config(dir, "news@dkim.test", "bounces@dkim.test", RELAY, Fixtures.dkim("dkim.test", selector, pem)), dns));
    }

    @Test
    void publishedPublicHalfOfTheConfiguredKeyVerifiesAndPasses() throws Exception {
        List<Finding> fs = dkim("good", GOOD);
        assertEquals(2, fs.size(), fs.toString());
        assertTrue(fs.stream().allMatch(f -> f.status() == Status.PASS), fs.toString());
        assertTrue(fs.stream().anyMatch(f -> "pass".equals(f.code())), fs.toString());
    }

    @Test
    void publishedKeyOfAnotherPrivateKeyIsAMismatch() throws Exception {
        Finding f = Fixtures.only(dkim("mismatch", GOOD));
        assertEquals(Status.FAIL, f.status());
        assertTrue(f.detail().startsWith("key mismatch: the published key is not the public half of private_key"), f.detail());
    }

    @Test
    void missingKeyRecordFailsAndShowsTheRecordToPublish() throws Exception {
        Finding f = Fixtures.only(dkim("absent", GOOD));
        assertEquals(Status.FAIL, f.status());
        assertTrue(f.remediation().contains("absent._domainkey.dkim.test") && f.remediation().contains("p="), f.remediation());
    }

    @Test
    void unansweredKeyLookupIsUnknown() throws Exception {
        assertEquals(Status.UNKNOWN, Fixtures.only(dkim("slow", GOOD)).status());
    }

    @Test
    void revokedKeyFails() throws Exception {
        Finding f = Fixtures.only(dkim("revoked", GOOD));
        assertEquals(Status.FAIL, f.status());
        assertTrue(f.detail().contains("revoked"), f.detail());
    }

    @Test
    void keyOf1024BitsWarns() throws Exception {
        List<Finding> fs = dkim("weak", WEAK);
        assertTrue(fs.stream().anyMatch(f -> f.status() == Status.WARN && "rsa 1024".equals(f.code())), fs.toString());
    }

    @Test
    void keyUnder1024BitsFails() throws Exception {
        List<Finding> fs = dkim("tiny", TINY);
        assertTrue(fs.stream().anyMatch(f -> f.status() == Status.FAIL && "rsa 512".equals(f.code())), fs.toString());
    }

    @Test
    void noDkimConfigFails() {
        Finding f = Fixtures.only(Fixtures.run(new DkimCheck(), Fixtures.context(
                Fixtures.config(dir, "news@dkim.test", "bounces@dkim.test", RELAY, ""), dns)));
        assertEquals(Status.FAIL, f.status());
    }
}
