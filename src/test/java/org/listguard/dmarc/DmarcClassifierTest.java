package org.listguard.dmarc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The trust rule, row by row: only our DKIM (our d= and selector) passing makes a row ours. */
class DmarcClassifierTest {
    static final OurMail US = new OurMail("example.org", "example.org", "news", "bounces.example.org", Set.of("198.51.100.25"), Set.of("isp.example"));

    static AggregateReport.Row row(String ip, String from, List<AggregateReport.DkimResult> dkim, AggregateReport.SpfResult... spf) {
        return new AggregateReport.Row(ip, 1, "none", null, null, from, null, dkim, List.of(spf));
    }

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path dir;

    static final List<AggregateReport.DkimResult> OURS = List.of(new AggregateReport.DkimResult("example.org", "news", "pass"));

    @Test
    void spfPassingForTheSmartHostsOwnDomainMakesANewEgress() {
        assertEquals(RowClass.NEW_EGRESS, Classifier.classify(row("198.51.100.9", "example.org", OURS,
                new AggregateReport.SpfResult("mx3.isp.example", "mfrom", "pass")), US));
    }

    @Test
    void spfPassingForASubdomainOfTheEnvelopeCounts() {
        assertEquals(RowClass.NEW_EGRESS, Classifier.classify(row("198.51.100.9", "example.org", OURS,
                new AggregateReport.SpfResult("bounces.example.org", null, "pass")), US));
    }

    @Test
    void aHeloPassIsNotOurEnvelope() {
        assertEquals(RowClass.FORWARDER, Classifier.classify(row("198.51.100.9", "example.org", OURS,
                new AggregateReport.SpfResult("bounces.example.org", "helo", "pass")), US));
    }

    @Test
    void anotherSelectorOrAParentDomainIsNotOurSignature() {
        assertEquals(RowClass.NOT_US, Classifier.classify(row("198.51.100.9", "example.org",
                List.of(new AggregateReport.DkimResult("example.org", "old", "pass")), new AggregateReport.SpfResult("example.org", null, "pass")), US));
        OurMail sub = new OurMail("news.example.org", "news.example.org", "news", "example.org", Set.of(), Set.of());
        assertEquals(RowClass.NOT_US, Classifier.classify(row("198.51.100.9", "news.example.org",
                List.of(new AggregateReport.DkimResult("example.org", "news", "pass"))), sub));
    }

    @Test
    void ourEgressWithAnotherFromDomainIsNotOurs() {
        assertEquals(RowClass.NOT_US, Classifier.classify(row("198.51.100.25", "other.example", List.of()), US));
    }

    @Test
    void ourEgressWithoutOurSignatureIsADkimFailure() {
        assertEquals(RowClass.DKIM_FAIL, Classifier.classify(row("198.51.100.25", "example.org",
                List.of(new AggregateReport.DkimResult("example.org", "news", "fail"))), US));
    }

    @Test
    void aRelayGivenAsAnIpLiteralNamesNoDomain() throws Exception {
        OurMail us = OurMail.of(org.listguard.testing.TestConfigs.load(dir), List.of("192.0.2.9"));
        assertEquals(Set.of(), us.relayDomains()); // relays[0].host is 127.0.0.1
        assertEquals(Set.of("198.51.100.25", "203.0.113.10", "192.0.2.9"), us.knownIps());
    }
}
