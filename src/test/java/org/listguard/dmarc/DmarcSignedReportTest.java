package org.listguard.dmarc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.audit.auth.Fixtures;
import org.listguard.compose.dkim.DkimKey;
import org.listguard.compose.dkim.DkimSigner;
import org.listguard.dns.DnsAnswer;
import org.listguard.dns.DnsClient;
import org.listguard.feedback.DkimReportSignatures;
import org.listguard.journal.EgressIp;
import org.listguard.journal.Journal;
import org.listguard.journal.JournalFixtures;
import org.listguard.testing.TestConfigs;
import org.xbill.DNS.DClass;
import org.xbill.DNS.TXTRecord;

/**
 * The real trust path: a report message DKIM-signed (jDKIM) with a key published for the
 * reporter's domain in a fake DNS is verified and teaches the egress; the same message altered
 * on the way, or signed by a key of another domain, teaches nothing.
 */
class DmarcSignedReportTest {
    static final KeyPair KP = Fixtures.rsa(2048);
    @TempDir
    Path dir;

    /** Answers the selector's TXT question with the key only under {@code keyDomain}. */
    static DnsClient publishing(String keyDomain) {
        String rec = "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(KP.getPublic().getEncoded());
        return (name, type) -> CompletableFuture.completedFuture(name.toString().endsWith("._domainkey." + keyDomain + ".")
                ? new DnsAnswer.Records(List.of(new TXTRecord(name, DClass.IN, 60, List.of(rec.substring(0, 255), rec.substring(255)))), 60)
                : new DnsAnswer.NxDomain(60));
    }

    byte[] signedBy(String domain) throws Exception {
        DkimKey k = DkimKey.load(Fixtures.writePkcs8(dir.resolve("k.pem"), KP));
        String xml = DmarcReportsFixture.xml("google.com", "noreply-dmarc-support@google.com", "s-1", 1_795_000_000L,
                new DmarcReportsFixture.Rec("1.2.3.77", 9, "example.org/news=pass", "example.org=pass"));
        byte[] msg = DmarcReportsFixture.message("noreply-dmarc-support@google.com", DmarcReportsFixture.gzip(xml), "google.com!example.org!1!2.xml.gz");
        return new DkimSigner(domain, "20230601", k, Clock.fixed(Instant.parse("2026-11-20T01:00:00Z"), ZoneOffset.UTC)).sign(msg);
    }

    List<String> learn(byte[] message, DnsClient dns) throws Exception {
        try (Journal j = Journal.open(JournalFixtures.sqliteUrl(dir), new JournalFixtures.MutableClock(Instant.parse("2026-11-20T09:00:00Z")))) {
            new DmarcImport(j, TestConfigs.load(dir), new DkimReportSignatures(dns), Unpacker.Limits.DEFAULT).apply("m", message, false);
            return j.downstream().egressIps().stream().map(EgressIp::ip).toList();
        }
    }

    @Test
    void aReportSignedByTheReportersDomainTeachesTheEgress() throws Exception {
        assertEquals(List.of("1.2.3.77"), learn(signedBy("google.com"), publishing("google.com")));
    }

    @Test
    void aReportAlteredAfterSigningTeachesNothing() throws Exception {
        String s = new String(signedBy("google.com"), StandardCharsets.US_ASCII);
        int body = s.indexOf("\r\n\r\n");
        byte[] altered = (s.substring(0, body) + s.substring(body).replaceFirst("aggregate report", "aggregate r3port")).getBytes(StandardCharsets.US_ASCII);
        assertFalse(new String(altered, StandardCharsets.US_ASCII).equals(s));
        assertTrue(learn(altered, publishing("google.com")).isEmpty());
    }

    @Test
    void aValidSignatureOfAnotherDomainTeachesNothing() throws Exception {
        assertTrue(learn(signedBy("reports-relay.example"), publishing("reports-relay.example")).isEmpty());
    }
}
