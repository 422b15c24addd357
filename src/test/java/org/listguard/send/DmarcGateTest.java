package org.listguard.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.audit.AuditReport;
import org.listguard.audit.Finding;
import org.listguard.audit.Status;
import org.listguard.audit.Verdict;
import org.listguard.config.Config;
import org.listguard.config.ConfigLoader;
import org.listguard.dmarc.DmarcImport;
import org.listguard.dmarc.Unpacker;
import org.listguard.feedback.ReportAuthenticator;
import org.listguard.journal.Journal;
import org.listguard.journal.JournalFixtures;
import org.listguard.journal.Outcome;
import org.listguard.list.Recipient;
import org.listguard.testing.TestConfigs;

/** What receivers' DMARC reports make the gate say: egress learned and audited, DKIM failing, SPF failing, reports missing. */
class DmarcGateTest {
    static final String GOOGLE = "noreply-dmarc-support@google.com";
    @TempDir
    Path dir;
    Journal journal;
    final JournalFixtures.MutableClock clock = new JournalFixtures.MutableClock(Instant.parse("2026-11-20T09:00:00Z"));

    @AfterEach
    void close() {
        if (journal != null) journal.close();
    }

    Config config(String from, String selector) throws IOException {
        String yaml = TestConfigs.yaml(dir, "").replace("example.org", from).replace("selector: news", "selector: " + selector);
        Files.writeString(dir.resolve("listguard.yaml"), yaml);
        Config c = new ConfigLoader().parse(dir.resolve("listguard.yaml"), yaml);
        journal = Journal.open(JournalFixtures.sqliteUrl(dir), clock);
        return c;
    }

    List<Finding> gate(Config c, String check) {
        return DmarcGate.findings(journal, c, clock).stream().filter(f -> f.check().equals(check)).toList();
    }

    void apply(Config c, String xml, String signer) {
        byte[] msg = ("From: " + GOOGLE + "\r\nSubject: Report\r\nMIME-Version: 1.0\r\nContent-Type: text/xml; name=\"r.xml\"\r\n"
                + "Content-Disposition: attachment; filename=\"r.xml\"\r\n\r\n" + xml).getBytes(StandardCharsets.UTF_8);
        ReportAuthenticator.Signatures s = signer == null ? ReportAuthenticator.Signatures.NONE : raw -> List.of(new ReportAuthenticator.Signature(signer, "s1"));
        new DmarcImport(journal, c, s, Unpacker.Limits.DEFAULT).apply("mailbox", msg, false);
    }

    static String report(String id, long begin, String... rows) {
        StringBuilder sb = new StringBuilder("<feedback><report_metadata><org_name>google.com</org_name><email>" + GOOGLE + "</email><report_id>" + id
                + "</report_id><date_range><begin>" + begin + "</begin><end>" + (begin + 86399) + "</end></date_range></report_metadata>"
                + "<policy_published><domain>example.org</domain><p>none</p></policy_published>");
        for (String r : rows) {
            String[] f = r.split(" "); // ip count dkimResult spfResult
            sb.append("<record><row><source_ip>").append(f[0]).append("</source_ip><count>").append(f[1]).append("</count><policy_evaluated>")
                    .append("<disposition>none</disposition><dkim>").append(f[2].equals("pass") ? "pass" : "fail").append("</dkim><spf>")
                    .append(f[3]).append("</spf></policy_evaluated></row><identifiers><header_from>example.org</header_from></identifiers>")
                    .append("<auth_results><dkim><domain>example.org</domain><selector>news</selector><result>").append(f[2])
                    .append("</result></dkim><spf><domain>example.org</domain><result>").append(f[3]).append("</result></spf></auth_results></record>");
        }
        return sb.append("</feedback>").toString();
    }

    static final long YESTERDAY = Instant.parse("2026-11-19T00:00:00Z").getEpochSecond();

    /** Done when (issue 24): a real Google report naming a new egress makes the next gate audit that IP. */
    @Test
    void aRealGoogleReportNamingANewEgressMakesTheGateAuditIt() throws IOException {
        Config c = config("foo-bar.io", "krs"); // the domain and selector of the corpus's Google report
        byte[] google;
        try (InputStream in = getClass().getResourceAsStream("/dmarc/corpus/dev/google.xml")) {
            google = in.readAllBytes();
        }
        var out = new DmarcImport(journal, c, ReportAuthenticator.Signatures.NONE, Unpacker.Limits.DEFAULT).apply("google.xml", google, true);
        assertEquals(List.of("1.2.3.4"), ((DmarcImport.Outcome.Applied) out.get(0)).learned());
        assertEquals(List.of("1.2.3.4"), LearnedEgress.unconfigured(journal, c).stream().map(a -> a.getHostAddress()).toList());
        Finding f = gate(c, "dmarc-egress").get(0);
        assertEquals("1.2.3.4", f.target());
        assertEquals(Status.WARN, f.status());
        assertTrue(f.detail().contains("dmarc import --trusted"), f.detail());
    }

    @Test
    void ourDkimFailingForMoreThanTenPercentFailsTheGateWithReporterCountsAndFix() throws IOException {
        Config c = config("example.org", "news");
        apply(c, report("g-1", YESTERDAY, "198.51.100.25 35 pass pass", "198.51.100.25 5 fail pass"), "google.com");
        Finding f = gate(c, "dmarc-dkim").get(0);
        assertEquals(Status.FAIL, f.status());
        assertEquals("google.com", f.target());
        assertEquals("12.5%", f.code());
        assertTrue(f.meaning().contains("not passing for 5 of 40 message(s)"), f.meaning());
        assertTrue(f.remediation().contains("news._domainkey.example.org"), f.remediation());
        AuditReport gated = DmarcGate.apply(AuditReport.of(clock.instant(), List.of()), journal, c, clock);
        assertEquals(Verdict.NO_GO, gated.verdict());
    }

    @Test
    void aReporterListguardDoesNotKnowCanWarnButNotStopTheGate() throws IOException {
        Config c = config("example.org", "news");
        String xml = report("x-1", YESTERDAY, "198.51.100.25 10 pass pass", "198.51.100.25 30 fail pass")
                .replace("<org_name>google.com</org_name><email>" + GOOGLE, "<org_name>mx.small.example</org_name><email>dmarc@small.example");
        apply(c, xml, "small.example");
        Finding f = gate(c, "dmarc-dkim").get(0);
        assertEquals(Status.WARN, f.status());
        assertTrue(f.meaning().contains("not a receiver listguard knows"), f.meaning());
    }

    @Test
    void aFewFailuresOverTheLimitWarn() throws IOException {
        Config c = config("example.org", "news");
        apply(c, report("g-2", YESTERDAY, "198.51.100.25 97 pass pass", "198.51.100.25 3 fail pass"), "google.com");
        assertEquals(Status.WARN, gate(c, "dmarc-dkim").get(0).status());
    }

    @Test
    void anUnverifiedReportChangesNothing() throws IOException {
        Config c = config("example.org", "news");
        apply(c, report("g-3", YESTERDAY, "198.51.100.25 5 fail pass", "198.51.100.99 5 pass pass"), null);
        assertEquals(List.of(), DmarcGate.findings(journal, c, clock));
    }

    @Test
    void reportsOlderThanTheWindowAreNotRead() throws IOException {
        Config c = config("example.org", "news");
        apply(c, report("g-4", YESTERDAY - 10 * 86400, "198.51.100.25 5 fail pass"), "google.com");
        assertEquals(List.of(), gate(c, "dmarc-dkim"));
    }

    @Test
    void ourEgressFailingSpfGivesTheFix() throws IOException {
        Config c = config("example.org", "news");
        apply(c, report("g-5", YESTERDAY, "198.51.100.25 20 pass softfail"), "google.com");
        Finding f = gate(c, "dmarc-spf").get(0);
        assertEquals("198.51.100.25", f.target());
        assertTrue(f.remediation().contains("SPF record of example.org"), f.remediation());
    }

    @Test
    void aProviderThatGotManyMessagesAndSentNoReportIsNamed() throws IOException {
        Config c = config("example.org", "news");
        relayAccepted150AtGmailThreeDaysAgo();
        Finding f = gate(c, "dmarc-coverage").get(0);
        assertEquals("google", f.target());
        assertTrue(f.meaning().contains("accepted 150 message(s)"), f.meaning());
        apply(c, report("g-6", clock.instant().getEpochSecond() - 2 * 86400, "198.51.100.25 150 pass pass"), "google.com");
        assertEquals(List.of(), gate(c, "dmarc-coverage"));
    }

    /** A run whose 150 members at gmail.com the relay accepted, three days ago (no report from Google since). */
    private void relayAccepted150AtGmailThreeDaysAgo() {
        String run = journal.runs().create("monthly", null, false).id();
        journal.recipients().add(run, LongStream.rangeClosed(1, 150).mapToObj(i -> new Recipient(i, "m" + i + "@gmail.com", Map.of())).iterator());
        for (long i = 1; i <= 150; i++) {
            journal.recipients().markSending(run, i, "<" + i + "@example.org>");
            journal.recipients().recordOutcome(run, i, Outcome.accepted(250, "2.0.0", "250 ok", "isp", null, null));
        }
        clock.advance(java.time.Duration.ofDays(3));
    }

    /** org_name is free text: a report signed by another domain that calls itself "google.com" never counts as Google's. */
    @Test
    void aReportThatOnlyCallsItselfGoogleCannotStopTheGate() throws IOException {
        Config c = config("example.org", "news");
        apply(c, report("g-7", YESTERDAY, "198.51.100.25 100 pass pass"), "google.com"); // Google's own, all passing
        String forged = report("x-7", YESTERDAY, "198.51.100.25 900 fail pass") // signed by its own domain, naming itself google.com
                .replace("<email>" + GOOGLE, "<email>dmarc@attacker.example");
        apply(c, forged, "attacker.example");
        List<Finding> dkim = gate(c, "dmarc-dkim");
        Finding google = dkim.stream().filter(f -> f.target().equals("google.com")).findFirst().orElseThrow();
        assertEquals(Status.PASS, google.status(), google.meaning());
        Finding other = dkim.stream().filter(f -> f.target().equals("attacker.example")).findFirst().orElseThrow();
        assertEquals(Status.WARN, other.status(), "a reporter listguard does not know warns but never stops the gate: " + other.meaning());
        assertEquals(Verdict.GO, DmarcGate.apply(AuditReport.of(clock.instant(), List.of()), journal, c, clock).verdict());
    }

    @Test
    void anUnsignedReportDoesNotSilenceTheCoverageWarning() throws IOException {
        Config c = config("example.org", "news");
        relayAccepted150AtGmailThreeDaysAgo();
        apply(c, report("g-8", clock.instant().getEpochSecond() - 2 * 86400, "198.51.100.25 150 pass pass"), null); // not signed
        assertEquals(List.of("google"), gate(c, "dmarc-coverage").stream().map(Finding::target).toList());
    }
}
