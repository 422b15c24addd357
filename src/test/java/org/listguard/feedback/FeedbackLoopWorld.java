package org.listguard.feedback;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.listguard.compose.dkim.DkimKey;
import org.listguard.compose.dkim.DkimSigner;
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

/**
 * A world where feedback-loop reports are really DKIM-signed and really verified: an in-process DNS
 * server ({@link TestDnsServer}) publishing our key ({@code news._domainkey.example.org}, the
 * example config's {@code config/dkim/news.pem}) and a provider's ({@code s1._domainkey.hotmail.com},
 * made per world), and builders of the messages that travel: our signed newsletter, the provider's
 * RFC 5965 report enclosing it, and what an ordinary account at the provider can send.
 * Everything is signed at {@link ProcessFixture#T0} (jDKIM refuses only signatures from the future).
 */
public final class FeedbackLoopWorld implements AutoCloseable {
    public static final String PROVIDER = "hotmail.com";
    public static final String RELAY_IP = "198.51.100.25"; // relays[0].ips of config/listguard.yaml
    private static final String CRLF = "\r\n";

    public final TestDnsServer dns;
    private final DkimSigner ours;
    private final DkimSigner provider;

    public FeedbackLoopWorld(Path dir) throws IOException {
        Clock at = Clock.fixed(ProcessFixture.T0, ZoneOffset.UTC);
        DkimKey our = DkimKey.load(Path.of("config/dkim/news.pem"));
        KeyPair kp = rsa();
        Path pem = Files.writeString(dir.resolve("provider.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(kp.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        DkimKey theirs = DkimKey.load(pem);
        this.ours = new DkimSigner("example.org", "news", our, at);
        this.provider = new DkimSigner(PROVIDER, "s1", theirs, at);
        this.dns = TestDnsServer.start(List.of(zone("example.org", "news", our.dnsRecord()), zone(PROVIDER, "s1", theirs.dnsRecord())));
    }

    /** A DNS client asking the world's server. */
    public DnsClient client() {
        return DnsjavaClient.of(List.of(dns.address()), Duration.ofSeconds(2));
    }

    /** Our newsletter to {@code to} with {@code messageId}, signed with our key (as compose/ does). */
    public byte[] ourMessage(String to, String messageId) {
        String m = "From: Retirees News <news@example.org>" + CRLF + "To: " + to + CRLF + "Subject: November news" + CRLF
                + "Date: Sun, 01 Nov 2026 09:00:00 +0000" + CRLF + "Message-ID: " + messageId + CRLF + "MIME-Version: 1.0" + CRLF
                + "Content-Type: text/plain; charset=UTF-8" + CRLF + CRLF + "Hello, this is the November newsletter." + CRLF;
        return ours.sign(m.getBytes(StandardCharsets.UTF_8));
    }

    /** The feedback-report fields of a well-formed report (RFC 5965 s3.1) about {@code rcpt}, from our relay's IP. */
    public static String fields(String rcpt) {
        return "Feedback-Type: abuse" + CRLF + "User-Agent: Hotmail FBL" + CRLF + "Version: 1" + CRLF
                + "Original-Mail-From: <bounces@example.org>" + CRLF + "Original-Rcpt-To: " + rcpt + CRLF
                + "Arrival-Date: Sun, 01 Nov 2026 09:00:05 +0000" + CRLF + "Source-IP: " + RELAY_IP + CRLF;
    }

    /**
     * An RFC 5965 report ({@code multipart/report; report-type=feedback-report}) with these fields
     * and this enclosed original ({@code message/rfc822}, or {@code text/rfc822-headers} when
     * {@code headersOnly}), signed by the provider.
     */
    public byte[] report(String reportId, String fields, byte[] original, boolean headersOnly) {
        return provider.sign(unsigned("multipart/report; report-type=feedback-report", reportId, fields, original, headersOnly));
    }

    /** What any account at the provider can send: its mail carries the provider's d= too; {@code type} as given. */
    public byte[] signedByProvider(byte[] unsignedMessage) {
        return provider.sign(unsignedMessage);
    }

    /** A report's bytes before the provider signs it (top-level type {@code topType}). */
    public static byte[] unsigned(String topType, String reportId, String fields, byte[] original, boolean headersOnly) {
        String o = new String(original, StandardCharsets.UTF_8);
        if (headersOnly) o = o.substring(0, o.indexOf(CRLF + CRLF) + 2);
        String b = "fbl-boundary-1";
        String m = "From: staff@hotmail.com" + CRLF + "To: fbl@example.org" + CRLF + "Subject: complaint about message from 198.51.100.25"
                + CRLF + "Date: Mon, 02 Nov 2026 10:00:00 +0000" + CRLF + "Message-ID: " + reportId + CRLF + "MIME-Version: 1.0" + CRLF
                + "Content-Type: " + topType + "; boundary=\"" + b + "\"" + CRLF + CRLF
                + "--" + b + CRLF + "Content-Type: text/plain; charset=US-ASCII" + CRLF + CRLF
                + "This is an email abuse report for an email message received from IP 198.51.100.25." + CRLF + CRLF
                + "--" + b + CRLF + "Content-Type: message/feedback-report" + CRLF + CRLF + fields + CRLF
                + "--" + b + CRLF + "Content-Type: " + (headersOnly ? "text/rfc822-headers" : "message/rfc822") + CRLF + CRLF
                + o + CRLF + "--" + b + "--" + CRLF;
        return m.getBytes(StandardCharsets.UTF_8);
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Zone zone(String domain, String selector, String keyRecord) throws IOException {
        Name origin = DnsNames.name(domain);
        List<Record> rs = new ArrayList<>();
        rs.add(new SOARecord(origin, DClass.IN, 300, DnsNames.name("ns." + domain), DnsNames.name("hostmaster." + domain), 1, 3600, 600, 86400, 60));
        rs.add(new NSRecord(origin, DClass.IN, 300, DnsNames.name("ns." + domain)));
        List<String> chunks = new ArrayList<>();
        for (int i = 0; i < keyRecord.length(); i += 255) chunks.add(keyRecord.substring(i, Math.min(keyRecord.length(), i + 255)));
        rs.add(new TXTRecord(DnsNames.name(selector + "._domainkey." + domain), DClass.IN, 300, chunks));
        return new Zone(origin, rs.toArray(Record[]::new));
    }

    @Override
    public void close() {
        dns.close();
    }

    /**
     * One world for a test class: {@code @RegisterExtension static final FeedbackLoopWorld.PerClass WORLD = new FeedbackLoopWorld.PerClass();}
     * (its keys live in a temporary directory removed afterwards).
     */
    public static final class PerClass implements org.junit.jupiter.api.extension.BeforeAllCallback,
            org.junit.jupiter.api.extension.AfterAllCallback {
        private Path dir;
        private FeedbackLoopWorld world;

        public FeedbackLoopWorld world() { return world; }

        @Override
        public void beforeAll(org.junit.jupiter.api.extension.ExtensionContext context) throws IOException {
            dir = Files.createTempDirectory("listguard-fbl");
            world = new FeedbackLoopWorld(dir);
        }

        @Override
        public void afterAll(org.junit.jupiter.api.extension.ExtensionContext context) throws IOException {
            world.close();
            try (var files = Files.walk(dir)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }
}
