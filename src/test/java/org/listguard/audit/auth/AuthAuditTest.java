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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.audit.Audit;
import org.listguard.audit.AuditReport;
import org.listguard.audit.Status;
import org.listguard.audit.Verdict;
import org.listguard.config.Config;
import org.listguard.dns.DnsNames;
import org.listguard.dns.DnsjavaClient;
import org.listguard.testing.TestDnsServer;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Zone;

/** The four DNS checks together, as the audit runs them: all at once, one verdict. */
class AuthAuditTest {
    static final KeyPair KEY = Fixtures.rsa(2048);

    @TempDir
    Path dir;

    static Zone goodTest() throws Exception {
        String o = "good.test";
        List<Record> rs = new ArrayList<>();
        rs.add(new SOARecord(DnsNames.name(o), DClass.IN, 300, DnsNames.name("ns.good.test"), DnsNames.name("h.good.test"), 1, 3600, 600, 86400, 60));
        rs.add(new NSRecord(DnsNames.name(o), DClass.IN, 300, DnsNames.name("ns.good.test")));
        rs.add(new TXTRecord(DnsNames.name(o), DClass.IN, 300, "v=spf1 ip4:198.51.100.25 -all"));
        rs.add(new MXRecord(DnsNames.name(o), DClass.IN, 300, 10, DnsNames.name("mx.good.test")));
        rs.add(new ARecord(DnsNames.name("mx.good.test"), DClass.IN, 300, java.net.InetAddress.getByName("192.0.2.25")));
        rs.add(new TXTRecord(DnsNames.name("_dmarc.good.test"), DClass.IN, 300, "v=DMARC1; p=quarantine; rua=mailto:dmarc@good.test"));
        String key = "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(KEY.getPublic().getEncoded());
        rs.add(new TXTRecord(DnsNames.name("news._domainkey.good.test"), DClass.IN, 300, List.of(key.substring(0, 200), key.substring(200))));
        return new Zone(DnsNames.name(o), rs.toArray(Record[]::new));
    }

    AuditReport audit(TestDnsServer server) throws Exception {
        Path pem = Fixtures.writePkcs8(dir.resolve("news.pem"), KEY);
        Config c = Fixtures.config(dir, "news@good.test", "bounces@good.test", RELAY, Fixtures.dkim("good.test", "news", pem));
        Audit a = new Audit(List.of(new SpfCheck(), new DkimCheck(), new DmarcCheck(), new MxCheck()));
        return a.run(Fixtures.context(c, DnsjavaClient.of(List.of(server.address()), Duration.ofMillis(300))));
    }

    @Test
    void aWellConfiguredDomainIsGo() throws Exception {
        try (TestDnsServer server = TestDnsServer.start(List.of(goodTest()))) {
            AuditReport r = audit(server);
            assertEquals(Verdict.GO, r.verdict(), r.findings().toString());
            assertEquals(0, r.count(Status.WARN), r.findings().toString());
        }
    }

    @Test
    void aDeadResolverMakesEveryCheckUnknownAndNonePass() throws Exception {
        try (TestDnsServer server = TestDnsServer.start(List.of(goodTest()))) {
            server.drop("good.test");
            AuditReport r = audit(server);
            assertEquals(Verdict.UNKNOWN, r.verdict(), r.findings().toString());
            assertEquals(0, r.count(Status.PASS), r.findings().toString());
            for (String check : List.of("spf", "dkim", "dmarc", "mx")) {
                assertTrue(r.findings().stream().anyMatch(f -> f.check().equals(check)), check + " said nothing: " + r.findings());
            }
        }
    }
}
