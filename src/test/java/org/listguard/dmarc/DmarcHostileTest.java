package org.listguard.dmarc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** Hostile files, made here: each is set aside with a reason, quickly and without reading what it points at. */
class DmarcHostileTest {
    static final String REPORT = """
            <?xml version="1.0"?>
            <feedback><report_metadata><org_name>google.com</org_name><email>noreply-dmarc-support@google.com</email>
            <report_id>1</report_id><date_range><begin>1700000000</begin><end>1700086399</end></date_range></report_metadata>
            <policy_published><domain>example.org</domain><p>none</p></policy_published>
            <record><row><source_ip>192.0.2.1</source_ip><count>3</count><policy_evaluated><disposition>none</disposition>
            <dkim>pass</dkim><spf>pass</spf></policy_evaluated></row><identifiers><header_from>example.org</header_from></identifiers>
            <auth_results><dkim><domain>example.org</domain><selector>news</selector><result>pass</result></dkim>
            <spf><domain>example.org</domain><result>pass</result></spf></auth_results></record></feedback>
            """;

    static String reason(byte[] xml) {
        return assertInstanceOf(ParseOutcome.SetAside.class, ReportParser.parse(xml)).reason();
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void externalEntityIsRefusedAndNeverRead() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE feedback [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                + REPORT.substring(REPORT.indexOf("<feedback>")).replace("<report_id>1</report_id>", "<report_id>&xxe;</report_id>");
        String why = reason(b(xxe));
        assertTrue(why.contains("DOCTYPE") || why.contains("entity"), why);
        assertTrue(!why.contains("root:"), why);
    }

    @Test
    void billionLaughsIsRefusedAtTheDoctype() {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i <= 9; i++) {
            sb.append("<!ENTITY lol").append(i).append(" \"");
            for (int j = 0; j < 10; j++) sb.append("&lol").append(i == 1 ? "" : String.valueOf(i - 1)).append(';');
            sb.append("\">");
        }
        sb.append("]><feedback><report_metadata><org_name>&lol9;</org_name></report_metadata></feedback>");
        long t0 = System.nanoTime();
        String why = reason(b(sb.toString()));
        assertTrue(why.contains("DOCTYPE") || why.contains("entity"), why);
        assertTrue(System.nanoTime() - t0 < 2_000_000_000L, "took too long: expansion happened");
    }

    @Test
    void wrongNamespaceIsNotAReport() {
        String why = reason(b(REPORT.replace("<feedback>", "<feedback xmlns=\"urn:example:not-dmarc\">")));
        assertTrue(why.contains("namespace 'urn:example:not-dmarc'"), why);
    }

    @Test
    void anotherRootIsNotAReport() {
        assertTrue(reason(b("<html><body>hi</body></html>")).contains("root element is <html>"));
    }

    @Test
    void truncatedXmlIsSetAside() {
        String why = reason(b(REPORT.substring(0, REPORT.length() / 2)));
        assertTrue(why.contains("not well-formed") || why.contains("truncated"), why);
    }

    @Test
    void deepNestingAndHugeTextAreBounded() {
        assertTrue(reason(b("<feedback>" + "<a>".repeat(50) + "</a>".repeat(50) + "</feedback>")).contains("nested deeper"));
        assertTrue(reason(b(REPORT.replace("<report_id>1</report_id>", "<report_id>" + "x".repeat(5000) + "</report_id>")))
                .contains("longer than"));
    }

    @Test
    void aBadCountOrIpSetsTheWholeReportAside() {
        assertTrue(reason(b(REPORT.replace("<count>3</count>", "<count>three</count>"))).contains("count 'three'"));
        assertTrue(reason(b(REPORT.replace("192.0.2.1", "mail.example.com"))).contains("not an IPv4 or IPv6"));
    }

    @Test
    void missingReportIdCannotBeAppliedOnce() {
        assertTrue(reason(b(REPORT.replace("<report_id>1</report_id>", ""))).contains("no report_id"));
    }

    @Test
    void truncatedGzipIsSetAside() throws IOException {
        byte[] gz = gzip(b(REPORT));
        byte[] cut = Arrays.copyOf(gz, gz.length - 12);
        Unpacker.Result.Refused r = assertInstanceOf(Unpacker.Result.Refused.class, Unpacker.unpack(cut, Unpacker.Limits.DEFAULT));
        assertTrue(r.reason().contains("truncated"), r.reason());
    }

    /** A zip of one 1 GiB entry of zeros (about 1 MB compressed), made here: refused at the cap, never expanded whole. */
    @Test
    void zipBombOfOneGigabyteIsRefusedAtTheCap() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            z.setLevel(Deflater.BEST_COMPRESSION);
            z.putNextEntry(new ZipEntry("google.com!example.org!1!2.xml"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 1024; i++) z.write(zeros);
            z.closeEntry();
        }
        byte[] bomb = bytes.toByteArray();
        assertTrue(bomb.length < 2 << 20, "bomb is " + bomb.length);
        long t0 = System.nanoTime();
        Unpacker.Result.Refused r = assertInstanceOf(Unpacker.Result.Refused.class, Unpacker.unpack(bomb, Unpacker.Limits.DEFAULT));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(r.reason().contains("compression bomb"), r.reason());
        System.out.println("zip bomb of " + bomb.length + " bytes (1 GiB inside) refused in " + ms + " ms: " + r.reason());
    }

    @Test
    void gzipPastTheRatioIsRefusedEvenUnderTheSizeCap() throws IOException {
        byte[] gz = gzip(new byte[8 << 20]);
        Unpacker.Result.Refused r = assertInstanceOf(Unpacker.Result.Refused.class, Unpacker.unpack(gz, Unpacker.Limits.DEFAULT));
        assertTrue(r.reason().contains("400:1"), r.reason());
    }

    /** Measured: 10,000 near-identical rows gzip 110:1, more than real reports; not a bomb. */
    @Test
    void aLargeRegularReportIsNotMistakenForABomb() throws IOException {
        String record = REPORT.substring(REPORT.indexOf("<record>"), REPORT.indexOf("</feedback>"));
        StringBuilder sb = new StringBuilder(REPORT.substring(0, REPORT.indexOf("<record>")));
        for (int i = 0; i < 10_000; i++) sb.append(record.replace("192.0.2.1", "10.0." + (i >> 8) + "." + (i & 255))).append('\n');
        sb.append("</feedback>");
        Unpacker.Result.Xml x = assertInstanceOf(Unpacker.Result.Xml.class, Unpacker.unpack(gzip(b(sb.toString())), Unpacker.Limits.DEFAULT));
        assertEquals(10_000, assertInstanceOf(ParseOutcome.Parsed.class, ReportParser.parse(x.xml())).report().rows().size());
    }

    @Test
    void tooLargeAttachmentIsNotRead() {
        Unpacker.Result.Refused r = assertInstanceOf(Unpacker.Result.Refused.class,
                Unpacker.unpack(new byte[2048], new Unpacker.Limits(1024, 4096, 100)));
        assertTrue(r.reason().contains("over the 1024-byte limit"), r.reason());
    }

    @Test
    void gzipAndZipOfARealReportUnpack() throws IOException {
        Unpacker.Result.Xml x = assertInstanceOf(Unpacker.Result.Xml.class, Unpacker.unpack(gzip(b(REPORT)), Unpacker.Limits.DEFAULT));
        assertEquals("gzip", x.packing());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            z.putNextEntry(new ZipEntry("enterprise.protection.outlook.com!example.org!1!2.xml"));
            z.write(b(REPORT));
        }
        Unpacker.Result.Xml y = assertInstanceOf(Unpacker.Result.Xml.class, Unpacker.unpack(bytes.toByteArray(), Unpacker.Limits.DEFAULT));
        assertInstanceOf(ParseOutcome.Parsed.class, ReportParser.parse(y.xml()));
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(out)) {
            g.write(data);
        }
        return out.toByteArray();
    }
}
