package org.listguard.dmarc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.config.Config;
import org.listguard.feedback.ReportAuthenticator;
import org.listguard.journal.DmarcReports;
import org.listguard.journal.EgressIp;
import org.listguard.journal.Journal;
import org.listguard.journal.JournalFixtures;
import org.listguard.testing.TestConfigs;

/** Reports applied once, trusted only when their reporter signed them, classified by our own DKIM passing. */
class DmarcImportTest {
    static final long DAY = 1_795_000_000L;
    static final String GOOGLE = "noreply-dmarc-support@google.com";
    static final DmarcReportsFixture.Rec RELAY = new DmarcReportsFixture.Rec("198.51.100.25", 40, "example.org/news=pass", "example.org=pass");
    static final DmarcReportsFixture.Rec NEW = new DmarcReportsFixture.Rec("1.2.3.77", 12, "example.org/news=pass", "example.org=pass");
    static final DmarcReportsFixture.Rec FORWARDER = new DmarcReportsFixture.Rec("209.85.220.41", 2, "example.org/news=pass", "example.org=softfail");
    static final DmarcReportsFixture.Rec DKIM_FAIL = new DmarcReportsFixture.Rec("198.51.100.25", 3, "example.org/news=fail", "example.org=pass");
    static final DmarcReportsFixture.Rec SPOOF = new DmarcReportsFixture.Rec("45.9.20.1", 7, null, "example.org=fail");
    static final DmarcReportsFixture.Rec OTHER_SELECTOR = new DmarcReportsFixture.Rec("45.9.20.2", 1, "example.org/old=pass", "example.org=pass");

    @TempDir
    Path dir;
    Journal journal;
    Config config;
    final JournalFixtures.MutableClock clock = new JournalFixtures.MutableClock(Instant.parse("2026-11-20T09:00:00Z"));

    @BeforeEach
    void open() throws IOException {
        config = TestConfigs.load(dir);
        journal = Journal.open(JournalFixtures.sqliteUrl(dir), clock);
    }

    @AfterEach
    void close() {
        journal.close();
    }

    DmarcImport importer(String signedBy) {
        ReportAuthenticator.Signatures s = signedBy == null ? ReportAuthenticator.Signatures.NONE : raw -> List.of(new ReportAuthenticator.Signature(signedBy, "s1"));
        return new DmarcImport(journal, config, s, Unpacker.Limits.DEFAULT);
    }

    static byte[] mail(String xml) {
        return DmarcReportsFixture.message("noreply-dmarc-support@google.com", DmarcReportsFixture.gzip(xml),
                "google.com!example.org!1795000000!1795086399.xml.gz");
    }

    List<String> egress() {
        return journal.downstream().egressIps().stream().map(EgressIp::ip).toList();
    }

    @Test
    void aSignedGoogleReportTeachesTheNewEgressWithItsProvenance() {
        String xml = DmarcReportsFixture.xml("google.com", GOOGLE, "g-1", DAY, RELAY, NEW, FORWARDER, SPOOF);
        var out = assertInstanceOf(DmarcImport.Outcome.Applied.class, importer("google.com").apply("m1", mail(xml), false).get(0));
        assertTrue(out.verified());
        assertEquals("dkim d=google.com", out.verifiedBy());
        assertEquals(List.of("1.2.3.77"), out.learned());
        EgressIp e = journal.downstream().egressIps().get(0);
        assertEquals("dmarc", e.source());
        assertTrue(e.detail().startsWith("a DMARC report from google.com (g-1): 12 message(s)"), e.detail());
    }

    @Test
    void everyRowIsClassifiedByOurDkimAndTheKnownEgress() {
        String xml = DmarcReportsFixture.xml("google.com", GOOGLE, "g-2", DAY, RELAY, NEW, FORWARDER, DKIM_FAIL, SPOOF, OTHER_SELECTOR);
        var out = assertInstanceOf(DmarcImport.Outcome.Applied.class, importer("google.com").apply("m1", mail(xml), false).get(0));
        assertEquals(Map.of(RowClass.RELAY, 40L, RowClass.NEW_EGRESS, 12L, RowClass.FORWARDER, 2L, RowClass.DKIM_FAIL, 3L,
                RowClass.NOT_US, 8L), out.byClass());
        List<String> classes = journal.dmarcReports().endingSince(Instant.EPOCH).get(0).rows().stream().map(DmarcReports.Row::rowClass).toList();
        assertEquals(List.of("relay", "new-egress", "forwarder", "dkim-fail", "not-us", "not-us"), classes);
    }

    @Test
    void anUnsignedReportIsKeptUnverifiedAndTeachesNothing() {
        String xml = DmarcReportsFixture.xml("google.com", GOOGLE, "g-3", DAY, NEW);
        var out = assertInstanceOf(DmarcImport.Outcome.Applied.class, importer(null).apply("m1", mail(xml), false).get(0));
        assertFalse(out.verified());
        assertEquals(List.of(), egress());
        assertFalse(journal.dmarcReports().endingSince(Instant.EPOCH).get(0).verified());
    }

    @Test
    void aSignatureOfAnotherDomainDoesNotSpeakForTheReporter() {
        String xml = DmarcReportsFixture.xml("google.com", GOOGLE, "g-4", DAY, NEW);
        var out = assertInstanceOf(DmarcImport.Outcome.Applied.class, importer("evil.example").apply("m1", mail(xml), false).get(0));
        assertFalse(out.verified());
        assertEquals(List.of(), egress());
    }

    @Test
    void aChildDomainsSignatureDoesNotSpeakForItsParent() {
        String xml = DmarcReportsFixture.xml("google.com", GOOGLE, "g-5", DAY, NEW);
        assertFalse(((DmarcImport.Outcome.Applied) importer("evil.google.com").apply("m1", mail(xml), false).get(0)).verified());
    }

    @Test
    void aParentDomainSignsForItsReportingSubdomain() {
        String xml = DmarcReportsFixture.xml("GMX", "noreply-dmarc@sicher.gmx.net", "x-1", DAY, NEW);
        var out = (DmarcImport.Outcome.Applied) importer("gmx.net").apply("m1", mail(xml), false).get(0);
        assertTrue(out.verified());
        assertEquals(List.of("1.2.3.77"), out.learned());
    }

    /** A report signed by its own small domain is verified (kept, counted) but teaches no egress: anyone can own a domain. */
    @Test
    void aReporterListguardDoesNotKnowTeachesNoEgress() {
        String xml = DmarcReportsFixture.xml("mx.small.example", "dmarc@small.example", "s-1", DAY, NEW);
        var out = (DmarcImport.Outcome.Applied) importer("small.example").apply("m1", mail(xml), false).get(0);
        assertTrue(out.verified());
        assertEquals(List.of("1.2.3.77"), out.notLearned());
        assertEquals(List.of(), egress());
    }

    @Test
    void aPublicSuffixNeverSignsForAReporterBelowIt() {
        String xml = DmarcReportsFixture.xml("Reporter", "dmarc@reports.example.co.uk", "x-2", DAY, NEW);
        assertFalse(((DmarcImport.Outcome.Applied) importer("co.uk").apply("m1", mail(xml), false).get(0)).verified());
        String xml2 = DmarcReportsFixture.xml("Reporter", "dmarc@reports.example.co.uk", "x-3", DAY, NEW);
        assertTrue(((DmarcImport.Outcome.Applied) importer("example.co.uk").apply("m1", mail(xml2), false).get(0)).verified());
    }

    @Test
    void aBareFileIsUnverifiedUnlessTheOperatorVouchesForIt() {
        byte[] gz = DmarcReportsFixture.gzip(DmarcReportsFixture.xml("google.com", GOOGLE, "g-6", DAY, NEW));
        assertFalse(((DmarcImport.Outcome.Applied) importer("google.com").apply("f.xml.gz", gz, false).get(0)).verified());
        byte[] gz2 = DmarcReportsFixture.gzip(DmarcReportsFixture.xml("google.com", GOOGLE, "g-7", DAY, NEW));
        var out = (DmarcImport.Outcome.Applied) importer(null).apply("g.xml.gz", gz2, true).get(0);
        assertTrue(out.verified());
        assertEquals(List.of("1.2.3.77"), egress());
        assertTrue(journal.downstream().egressIps().get(0).detail().startsWith("the operator (dmarc import --trusted)"));
    }

    @Test
    void aNewEgressThatIsNotAPublicAddressIsClassedButNeverLearned() {
        DmarcReportsFixture.Rec doc = new DmarcReportsFixture.Rec("203.0.113.9", 5, "example.org/news=pass", "example.org=pass");
        DmarcReportsFixture.Rec loop = new DmarcReportsFixture.Rec("127.0.0.1", 5, "example.org/news=pass", "example.org=pass");
        var out = (DmarcImport.Outcome.Applied) importer("google.com").apply("m", mail(DmarcReportsFixture.xml("google.com", GOOGLE, "g-12", DAY, doc, loop)), false).get(0);
        assertEquals(Map.of(RowClass.NEW_EGRESS, 10L), out.byClass());
        assertEquals(List.of("203.0.113.9", "127.0.0.1"), out.notLearned());
        assertEquals(List.of(), egress());
    }

    @Test
    void theSameReportTwiceIsAppliedOnce() {
        byte[] m = mail(DmarcReportsFixture.xml("google.com", GOOGLE, "g-8", DAY, RELAY));
        assertInstanceOf(DmarcImport.Outcome.Applied.class, importer("google.com").apply("m1", m, false).get(0));
        assertInstanceOf(DmarcImport.Outcome.Duplicate.class, importer("google.com").apply("m1 again", m, false).get(0));
        assertEquals(1, journal.dmarcReports().endingSince(Instant.EPOCH).size());
    }

    @Test
    void aLearnedEgressIsARelayInTheNextReport() {
        importer("google.com").apply("m1", mail(DmarcReportsFixture.xml("google.com", GOOGLE, "g-9", DAY, NEW)), false);
        var out = (DmarcImport.Outcome.Applied) importer("google.com").apply("m2",
                mail(DmarcReportsFixture.xml("google.com", GOOGLE, "g-10", DAY + 86400, NEW)), false).get(0);
        assertEquals(Map.of(RowClass.RELAY, 12L), out.byClass());
        assertEquals(List.of(), out.learned());
    }

    @Test
    void aHostileFileIsSetAsideAndTheOthersStillApply() {
        byte[] xxe = ("<?xml version=\"1.0\"?><!DOCTYPE feedback [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><feedback>&x;</feedback>")
                .getBytes(StandardCharsets.UTF_8);
        DmarcImport imp = importer(null);
        var bad = assertInstanceOf(DmarcImport.Outcome.SetAside.class, imp.apply("xxe.xml", xxe, true).get(0));
        assertTrue(bad.reason().contains("DOCTYPE"), bad.reason());
        assertInstanceOf(DmarcImport.Outcome.Applied.class,
                imp.apply("ok.xml", DmarcReportsFixture.xml("google.com", GOOGLE, "g-11", DAY, RELAY).getBytes(StandardCharsets.UTF_8), true).get(0));
        assertEquals(1, journal.dmarcReports().setAsideSince(Instant.EPOCH).size());
        assertEquals("xxe.xml", journal.dmarcReports().setAsideSince(Instant.EPOCH).get(0).source());
    }

    @Test
    void aMessageWithoutAReportIsLeftAlone() {
        byte[] bounce = "From: MAILER-DAEMON@example.net\r\nSubject: Undelivered\r\nContent-Type: text/plain\r\n\r\nsorry\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        assertInstanceOf(DmarcImport.Outcome.NoReport.class, importer(null).apply("m", bounce, false).get(0));
        assertEquals(0, journal.dmarcReports().setAsideSince(Instant.EPOCH).size());
    }
}
