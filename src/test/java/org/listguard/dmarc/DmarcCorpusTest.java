package org.listguard.dmarc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reports providers actually sent (src/test/resources/dmarc/corpus/SOURCES.md). The dev part is
 * what the parser was written against, with the values each file holds; the set-aside part was
 * not looked at while writing it and is checked only against what any report must satisfy.
 */
class DmarcCorpusTest {
    static ParseOutcome.Parsed parsed(String name) {
        try (InputStream in = DmarcCorpusTest.class.getResourceAsStream("/dmarc/corpus/" + name)) {
            return assertInstanceOf(ParseOutcome.Parsed.class, ReportParser.parse(in.readAllBytes()), name);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void googleWithoutVersionAndWithNp() {
        ParseOutcome.Parsed p = parsed("dev/google.xml");
        AggregateReport r = p.report();
        assertEquals("google.com", r.org());
        assertEquals("3166094538684628578", r.reportId());
        assertEquals(Instant.ofEpochSecond(1709683200), r.begin());
        assertEquals("1.0", r.schema());
        assertEquals("reject", r.policy().np());
        AggregateReport.Row row = r.rows().get(0);
        assertEquals("1.2.3.4", row.sourceIp());
        assertEquals(new AggregateReport.DkimResult("foo-bar.io", "krs", "pass"), row.dkimResults().get(0));
        assertTrue(p.deviations().contains("no <version>"), p.deviations().toString());
    }

    @Test
    void outlookTwoRecordsForOneIpWithEnvelopeTo() {
        AggregateReport r = parsed("dev/outlook.xml").report();
        assertEquals("Outlook.com", r.org());
        assertEquals(2, r.rows().size());
        assertEquals(3, r.messages());
        assertEquals("mfrom", r.rows().get(1).spfResults().get(0).scope());
    }

    @Test
    void yahooWithTrailingTabsOnEveryLine() {
        AggregateReport r = parsed("dev/yahoo.xml").report();
        assertEquals("1709600619.487850", r.reportId());
        assertEquals("abc", r.rows().get(0).dkimResults().get(0).selector());
    }

    @Test
    void mailRuOnOneLineWithNoDkimResult() {
        AggregateReport.Row row = parsed("dev/mailru.xml").report().rows().get(0);
        assertEquals("reject", row.disposition());
        assertEquals(List.of(), row.dkimResults());
        assertEquals("softfail", row.spfResults().get(0).result());
    }

    @Test
    void aolInTheDraftSchemaWithoutSelector() {
        AggregateReport r = parsed("dev/aol.xml").report();
        assertEquals("1.0", r.schema()); // ns1 is declared but the elements carry no namespace
        assertEquals(null, r.rows().get(0).dkimResults().get(0).selector());
    }

    @Test
    void gmxAndWebDeInTheDmarcBisNamespace() {
        AggregateReport gmx = parsed("dev/gmxnet.xml").report();
        assertEquals("2.0", gmx.schema());
        assertEquals("n", gmx.policy().testing());
        assertEquals("abc123", gmx.rows().get(0).dkimResults().get(0).selector());
        assertEquals("2.0", parsed("dev/webde.xml").report().schema());
    }

    @Test
    void casingHardfailAndEmptyElementsAreNormalised() {
        ParseOutcome.Parsed p = parsed("dev/invalid_casing.xml");
        AggregateReport.Row row = p.report().rows().get(0);
        assertEquals(List.of("none", "neutral", "pass", "fail", "fail", "softfail", "temperror", "permerror"),
                row.spfResults().stream().map(AggregateReport.SpfResult::result).toList());
        assertEquals(new AggregateReport.DkimResult(null, null, "fail"), row.dkimResults().get(0));
        assertTrue(p.deviations().contains("'hardfail' for fail"), p.deviations().toString());
    }

    @Test
    void openDmarcOneRecordPerMessageAndSpfBeforeDkim() {
        AggregateReport r = parsed("dev/opendmarc.xml").report();
        assertEquals("receiver.test", r.org());
        assertTrue(r.reportId().startsWith("example.org:"), r.reportId());
        assertEquals(6, r.rows().size());
        assertEquals(6, r.messages());
        AggregateReport.Row third = r.rows().get(2);
        assertEquals("198.51.100.25", third.sourceIp());
        assertEquals(new AggregateReport.DkimResult("example.org", "news", "fail"), third.dkimResults().get(0));
        assertEquals(List.of(), r.rows().get(5).dkimResults());
        assertEquals("fail", r.rows().get(5).spfResults().get(0).result());
    }

    static Stream<Path> setAside() throws IOException {
        Path dir = Path.of("src/test/resources/dmarc/corpus/set-aside");
        return Files.list(dir).filter(f -> f.toString().endsWith(".xml")).sorted();
    }

    /** Held out: what every report must give, whatever the reporter — rows and message counts as the XML has them. */
    @ParameterizedTest
    @MethodSource("setAside")
    void setAsidePartParsesWithEveryRecordAndCount(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, StandardCharsets.UTF_8);
        ParseOutcome.Parsed p = assertInstanceOf(ParseOutcome.Parsed.class, ReportParser.parse(bytes), file.toString());
        AggregateReport r = p.report();
        Matcher m = Pattern.compile("<count>\\s*(\\d+)\\s*</count>").matcher(text);
        long sum = 0;
        while (m.find()) sum += Long.parseLong(m.group(1));
        assertEquals(text.split("<record>", -1).length - 1, r.rows().size());
        assertEquals(sum, r.messages());
        assertTrue(!r.end().isBefore(r.begin()) && r.reportId() != null && r.org() != null && r.policy().domain() != null);
        // the file name carries reporter!domain!begin!end (RFC 7489 s7.2.1.1)
        String[] parts = file.getFileName().toString().split("!");
        assertEquals(parts[1], r.policy().domain());
        assertEquals(Long.parseLong(parts[2]), r.begin().getEpochSecond());
    }
}
