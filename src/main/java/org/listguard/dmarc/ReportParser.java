package org.listguard.dmarc;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads one aggregate report's XML with StAX, as hostile input (LIBRARIES.md "XML from outside"):
 * no DTD (a DOCTYPE sets the report aside, so neither external entities nor entity expansion can
 * happen), no external access, depth, text length and row count bounded. The caller bounds the
 * bytes ({@link Unpacker}).
 *
 * <p>Accepted: the root {@code feedback} without a namespace (RFC 7489 appendix C), in the
 * DMARCbis namespace {@value #NS_BIS}, or in the pre-RFC draft namespace {@value #NS_DRAFT}
 * (still sent by some reporters); elements of any other namespace inside (DMARCbis
 * {@code <extension>} content) are skipped. Tolerated deviations, each seen in reports providers
 * sent (sources in src/test/resources/dmarc/corpus/SOURCES.md) and listed in the outcome:
 * results in any letter case ({@code Pass}, {@code PermError}), {@code hardfail} for {@code fail},
 * empty elements ({@code <domain></domain>}, {@code <human_result/>}), whitespace around values
 * and after the XML declaration (trailing tabs), a missing {@code version}, an {@code org_name}
 * missing (the contact address's domain stands in), a decimal timestamp, anything after the root
 * element (NUL padding from some gateways is never read). Also seen and simply read: {@code <spf>}
 * before {@code <dkim>} in {@code auth_results} and one {@code <record>} per message (OpenDMARC's
 * {@code opendmarc-reports}), DKIM results outside the schema's list ({@code softfail},
 * {@code nxdomain} from OpenDMARC: kept, noted as a deviation, never counted as pass).
 */
public final class ReportParser {
    public static final String NS_BIS = "urn:ietf:params:xml:ns:dmarc-2.0";
    public static final String NS_DRAFT = "http://dmarc.org/dmarc-xml/0.1";
    static final int MAX_DEPTH = 12;
    static final int MAX_TEXT = 2048;
    static final int MAX_ROWS = 200_000;
    static final int MAX_AUTH_RESULTS = 32;
    private static final Set<String> DKIM_RESULTS = Set.of("none", "pass", "fail", "policy", "neutral", "temperror", "permerror");
    private static final Set<String> SPF_RESULTS = Set.of("none", "neutral", "pass", "fail", "softfail", "temperror", "permerror");

    private ReportParser() {}

    /** The report in {@code xml}, or why it was set aside; never throws for bad input. */
    public static ParseOutcome parse(byte[] xml) {
        int start = 0;
        while (start < xml.length && (xml[start] == ' ' || xml[start] == '\t' || xml[start] == '\r' || xml[start] == '\n' || xml[start] == 0)) start++;
        List<String> deviations = new ArrayList<>();
        if (start > 0) deviations.add("whitespace before the XML declaration");
        XMLStreamReader r = null;
        try {
            r = factory().createXMLStreamReader(new ByteArrayInputStream(xml, start, xml.length - start));
            return new Reading(r, deviations).read();
        } catch (XMLStreamException e) {
            String m = e.getMessage() == null ? "unreadable" : e.getMessage().replaceAll("\\s+", " ");
            return new ParseOutcome.SetAside("not well-formed XML: " + (m.length() > 200 ? m.substring(0, 200) + "…" : m));
        } catch (Bad e) {
            return new ParseOutcome.SetAside(e.getMessage());
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException ignored) {
                    // nothing held but the byte array
                }
            }
        }
    }

    private static XMLInputFactory factory() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory(); // the JDK's, never one found on the class path
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        return f;
    }

    /** A report that cannot be used; the message is the reason shown to the operator. */
    private static final class Bad extends RuntimeException {
        Bad(String why) {
            super(why, null, false, false);
        }
    }

    /** One pass over the events; the state of the element being read. */
    private static final class Reading {
        private final XMLStreamReader r;
        private final Set<String> deviations;
        private final Deque<String> path = new ArrayDeque<>();
        private final StringBuilder text = new StringBuilder();
        private String ns;
        private String schema;
        private String org, email, reportId, begin, end, version;
        private String pDomain, p, sp, np, adkim, aspf, pct, testing;
        private final List<AggregateReport.Row> rows = new ArrayList<>();
        private RowBuilder row;
        private String[] auth; // domain, selector|scope, result of the auth result being read

        Reading(XMLStreamReader r, List<String> deviations) {
            this.r = r;
            this.deviations = new LinkedHashSet<>(deviations);
        }

        ParseOutcome read() throws XMLStreamException {
            int skipDepth = 0; // >0 while inside an element of a foreign namespace
            while (r.hasNext()) {
                int ev = r.next();
                switch (ev) {
                    case XMLStreamConstants.DTD -> throw new Bad("a DOCTYPE declaration (DTD) is not allowed in a report (entity expansion, external entities)");
                    case XMLStreamConstants.ENTITY_REFERENCE -> throw new Bad("an entity reference (" + r.getLocalName() + ") is not allowed in a report");
                    case XMLStreamConstants.START_ELEMENT -> {
                        if (skipDepth > 0) {
                            skipDepth++;
                            continue;
                        }
                        if (path.size() >= MAX_DEPTH) throw new Bad("elements nested deeper than " + MAX_DEPTH);
                        String uri = r.getNamespaceURI() == null ? "" : r.getNamespaceURI();
                        if (path.isEmpty()) root(uri);
                        else if (!uri.equals(ns)) {
                            skipDepth = 1;
                            continue;
                        }
                        path.push(r.getLocalName());
                        text.setLength(0);
                        open(key());
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                        if (skipDepth > 0 || path.isEmpty()) continue;
                        if (text.length() + r.getTextLength() > MAX_TEXT) {
                            throw new Bad("the text of <" + path.peek() + "> is longer than " + MAX_TEXT + " characters");
                        }
                        text.append(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        if (skipDepth > 0) {
                            skipDepth--;
                            continue;
                        }
                        close(key(), text.toString().strip());
                        text.setLength(0);
                        path.pop();
                        if (path.isEmpty()) return finish(); // nothing after the root is read
                    }
                    default -> { }
                }
            }
            throw new Bad("the report ends before </feedback> (truncated)");
        }

        private void root(String uri) {
            if (!r.getLocalName().equals("feedback")) {
                throw new Bad("not a DMARC aggregate report: the root element is <" + r.getLocalName() + ">, not <feedback>");
            }
            switch (uri) {
                case "" -> schema = "1.0";
                case NS_BIS -> schema = "2.0";
                case NS_DRAFT -> schema = "draft";
                default -> throw new Bad("not a DMARC aggregate report: <feedback> in the namespace '" + uri
                        + "' (expected none, " + NS_BIS + " or " + NS_DRAFT + ")");
            }
            ns = uri;
        }

        private String key() {
            StringBuilder sb = new StringBuilder();
            var it = path.descendingIterator();
            while (it.hasNext()) {
                if (sb.length() > 0) sb.append('/');
                sb.append(it.next());
            }
            return sb.toString();
        }

        private void open(String k) {
            switch (k) {
                case "feedback/record" -> {
                    if (rows.size() >= MAX_ROWS) throw new Bad("more than " + MAX_ROWS + " records");
                    row = new RowBuilder();
                }
                case "feedback/record/auth_results/dkim", "feedback/record/auth_results/spf" -> {
                    if (row.dkim.size() + row.spf.size() >= MAX_AUTH_RESULTS) throw new Bad("a record with more than " + MAX_AUTH_RESULTS + " auth results");
                    auth = new String[3];
                }
                default -> { }
            }
        }

        private void close(String k, String v) {
            String value = v.isEmpty() ? null : v;
            switch (k) {
                case "feedback/version" -> version = value;
                case "feedback/report_metadata/org_name" -> org = value;
                case "feedback/report_metadata/email" -> email = value;
                case "feedback/report_metadata/report_id" -> reportId = value;
                case "feedback/report_metadata/date_range/begin" -> begin = value;
                case "feedback/report_metadata/date_range/end" -> end = value;
                case "feedback/policy_published/domain" -> pDomain = domain(value);
                case "feedback/policy_published/p" -> p = lower(value);
                case "feedback/policy_published/sp" -> sp = lower(value);
                case "feedback/policy_published/np" -> np = lower(value);
                case "feedback/policy_published/adkim" -> adkim = lower(value);
                case "feedback/policy_published/aspf" -> aspf = lower(value);
                case "feedback/policy_published/pct" -> pct = value;
                case "feedback/policy_published/testing" -> testing = lower(value);
                case "feedback/record/row/source_ip" -> row.ip = value;
                case "feedback/record/row/count" -> row.count = value;
                case "feedback/record/row/policy_evaluated/disposition" -> row.disposition = lower(value);
                case "feedback/record/row/policy_evaluated/dkim" -> row.dkim0 = result(value, Set.of("pass", "fail"), "policy_evaluated/dkim");
                case "feedback/record/row/policy_evaluated/spf" -> row.spf0 = result(value, Set.of("pass", "fail"), "policy_evaluated/spf");
                case "feedback/record/identifiers/header_from" -> row.headerFrom = domain(value);
                case "feedback/record/identifiers/envelope_from" -> row.envelopeFrom = domain(value);
                case "feedback/record/auth_results/dkim/domain", "feedback/record/auth_results/spf/domain" -> auth[0] = domain(value);
                case "feedback/record/auth_results/dkim/selector", "feedback/record/auth_results/spf/scope" -> auth[1] = lower(value);
                case "feedback/record/auth_results/dkim/result" -> auth[2] = result(value, DKIM_RESULTS, "auth_results/dkim/result");
                case "feedback/record/auth_results/spf/result" -> auth[2] = result(value, SPF_RESULTS, "auth_results/spf/result");
                case "feedback/record/auth_results/dkim" -> row.dkim.add(new AggregateReport.DkimResult(auth[0], auth[1], auth[2]));
                case "feedback/record/auth_results/spf" -> row.spf.add(new AggregateReport.SpfResult(auth[0], auth[1], auth[2]));
                case "feedback/record" -> rows.add(row.build(rows.size() + 1));
                default -> { }
            }
        }

        private ParseOutcome finish() {
            if (version == null && !"draft".equals(schema)) deviations.add("no <version>");
            if (reportId == null) throw new Bad("no report_id: the report cannot be told apart from others, so it is not applied");
            if (reportId.length() > 400) throw new Bad("a report_id longer than 400 characters");
            if (org == null) {
                String d = Reporters.domainOf(email);
                if (d == null) throw new Bad("neither org_name nor a contact email: the reporter is unknown");
                org = d;
                deviations.add("no org_name (the contact address's domain stands in)");
            }
            if (begin == null || end == null) throw new Bad("no date_range begin/end");
            Instant b = epoch(begin, "begin");
            Instant e = epoch(end, "end");
            if (e.isBefore(b)) throw new Bad("date_range ends (" + e + ") before it begins (" + b + ")");
            if (rows.isEmpty()) deviations.add("no records");
            return new ParseOutcome.Parsed(new AggregateReport(org, email, reportId, b, e, schema,
                    new AggregateReport.Policy(pDomain, p, sp, np, adkim, aspf, pct, testing), rows), List.copyOf(deviations));
        }

        private Instant epoch(String s, String which) {
            String v = s;
            int dot = v.indexOf('.');
            if (dot > 0 && v.substring(dot + 1).matches("0*")) {
                v = v.substring(0, dot);
                deviations.add("a decimal timestamp in date_range");
            }
            if (!v.matches("\\d{1,11}")) throw new Bad("date_range " + which + " is not seconds since 1970: '" + clip(s) + "'");
            return Instant.ofEpochSecond(Long.parseLong(v));
        }

        private String result(String v, Set<String> allowed, String where) {
            if (v == null) return null;
            String l = lower(v);
            if (!l.equals(v)) deviations.add("results not in lower case (" + clip(v) + ")");
            if (l.equals("hardfail")) {
                deviations.add("'hardfail' for fail");
                return "fail";
            }
            if (!allowed.contains(l)) deviations.add("an unknown " + where + " '" + clip(l) + "'");
            return l;
        }

        private String domain(String v) {
            if (v == null) return null;
            String d = lower(v);
            return d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
        }

        private static String lower(String v) {
            return v == null ? null : v.toLowerCase(java.util.Locale.ROOT);
        }
    }

    static String clip(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }

    /** A record being read. */
    private static final class RowBuilder {
        String ip, count, disposition, dkim0, spf0, headerFrom, envelopeFrom;
        final List<AggregateReport.DkimResult> dkim = new ArrayList<>();
        final List<AggregateReport.SpfResult> spf = new ArrayList<>();

        AggregateReport.Row build(int n) {
            if (ip == null) throw new Bad("record " + n + " has no source_ip");
            String canonical = SourceIps.canonical(ip);
            if (canonical == null) throw new Bad("record " + n + ": source_ip '" + clip(ip) + "' is not an IPv4 or IPv6 address");
            if (count == null || !count.matches("\\d{1,12}")) {
                throw new Bad("record " + n + ": count '" + (count == null ? "" : clip(count)) + "' is not a whole number");
            }
            return new AggregateReport.Row(canonical, Long.parseLong(count), disposition, dkim0, spf0, headerFrom, envelopeFrom, dkim, spf);
        }
    }
}
