package org.listguard.audit.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.listguard.audit.auth.Fixtures.RELAY;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.audit.Finding;
import org.listguard.audit.Status;
import org.listguard.dns.DnsClient;
import org.listguard.dns.DnsjavaClient;
import org.listguard.testing.TestDnsServer;

class DmarcCheckTest {
    static TestDnsServer server;
    static DnsClient dns;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        server = TestDnsServer.start(Path.of("src/test/resources/dns/auth"));
        server.drop("_dmarc.slow.auth.test");
        dns = DnsjavaClient.of(List.of(server.address()), Duration.ofMillis(300));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    List<Finding> dmarc(String from, String returnPath, String dkimDomain) throws Exception {
        String dkim = "";
        if (dkimDomain != null) {
            Path key = Files.writeString(dir.resolve("k.pem"), "-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----\n");
            dkim = Fixtures.dkim(dkimDomain, "news", key);
        }
        return Fixtures.run(new DmarcCheck(), Fixtures.context(Fixtures.config(dir, from, returnPath, RELAY, dkim), dns));
    }

    static Finding coded(List<Finding> fs, String codePrefix) {
        return fs.stream().filter(f -> f.code() != null && f.code().startsWith(codePrefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no finding coded " + codePrefix + " in " + fs));
    }

    @Test
    void recordAtTheFromDomainReportsPolicyAndPassesWhenAligned() throws Exception {
        List<Finding> fs = dmarc("news@pass.auth.test", "bounces@pass.auth.test", "pass.auth.test");
        assertEquals(Status.PASS, Fixtures.worst(fs), fs.toString());
        Finding policy = coded(fs, "p=reject");
        assertEquals("p=reject sp=quarantine pct=100", policy.code());
        assertEquals("_dmarc.pass.auth.test", policy.source());
        assertEquals("dkim+spf aligned", coded(fs, "dkim+spf").code());
    }

    @Test
    void missingRecordFails() throws Exception {
        Finding f = Fixtures.only(dmarc("news@other.test", "bounces@other.test", "other.test"));
        assertEquals(Status.FAIL, f.status());
        assertTrue(f.remediation().contains("_dmarc.other.test"), f.remediation());
    }

    @Test
    void subdomainFallsBackToTheOrganizationalDomainRecord() throws Exception {
        List<Finding> fs = dmarc("news@sub.neutral.auth.test", "bounces@auth.test", null);
        assertEquals("_dmarc.auth.test", coded(fs, "p=none").source());
        assertEquals("spf aligned", coded(fs, "spf aligned").code());
    }

    @Test
    void noRuaWarns() throws Exception {
        List<Finding> fs = dmarc("news@auth.test", "bounces@auth.test", "auth.test");
        assertEquals(Status.WARN, coded(fs, "no rua").status());
    }

    @Test
    void neitherDkimNorReturnPathAlignedFails() throws Exception {
        List<Finding> fs = dmarc("news@pass.auth.test", "bounces@other.test", "other.test");
        Finding f = coded(fs, "not aligned");
        assertEquals(Status.FAIL, f.status());
        assertTrue(f.detail().contains("other.test"), f.detail());
    }

    @Test
    void strictAlignmentRejectsTheParentDomain() throws Exception {
        List<Finding> fs = dmarc("news@strict.auth.test", "bounces@auth.test", "auth.test");
        assertEquals(Status.FAIL, coded(fs, "not aligned").status());
    }

    @Test
    void relaxedAlignmentAcceptsTheParentDomain() throws Exception {
        List<Finding> fs = dmarc("news@pass.auth.test", "bounces@auth.test", "auth.test");
        assertEquals(Status.PASS, coded(fs, "dkim+spf aligned").status());
    }

    /** RFC 7489 §3.2 on the full Public Suffix List: two registrants under net.nz (or blogspot.com) are not one organization. */
    @Test
    void relaxedAlignmentUsesTheOrganizationalDomainOfThePublicSuffixList() {
        assertTrue(DmarcCheck.aligned("example.net.nz", "mail.example.net.nz", false));
        assertTrue(DmarcCheck.aligned("Bounces.Example.co.uk.", "news.example.co.uk", false));
        assertFalse(DmarcCheck.aligned("attacker.net.nz", "example.net.nz", false), "net.nz is a public suffix, not an organization");
        assertFalse(DmarcCheck.aligned("attacker.blogspot.com", "example.blogspot.com", false), "private-section suffixes count too");
    }

    @Test
    void invalidPolicyFails() throws Exception {
        List<Finding> fs = dmarc("news@badp.auth.test", "bounces@auth.test", "auth.test");
        assertTrue(fs.stream().anyMatch(f -> f.status() == Status.FAIL && f.detail().contains("no valid p=")), fs.toString());
    }

    @Test
    void unansweredLookupIsUnknown() throws Exception {
        assertEquals(Status.UNKNOWN, Fixtures.only(dmarc("news@slow.auth.test", "bounces@auth.test", null)).status());
    }

    @Test
    void twoRecordsMeanNoPolicyAndFail() throws Exception {
        Finding f = Fixtures.only(dmarc("news@twice.auth.test", "bounces@auth.test", null));
        assertEquals(Status.FAIL, f.status());
        assertTrue(f.detail().contains("2 v=DMARC1 records"), f.detail());
    }
}
