package org.listguard.feedback;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Decides whether an ARF report is a feedback loop's own report (DELIVERABILITY.md s9, DESIGN.md
 * invariant 11): something no member can forge, so that it may count toward the complaint gate.
 * Ordinary accounts at a feedback-loop provider send mail with the provider's DKIM {@code d=}, so
 * the signature alone proves nothing. A report is {@link FeedbackLoopProof.Proven} only when all of
 * these hold, checked in this order (cheap first, DNS last):
 * <ol>
 *   <li><b>Shape</b> (RFC 5965 s2): the message is {@code multipart/report; report-type=feedback-report};
 *       its first part is {@code text/*}, the second {@code message/feedback-report}, the third the
 *       complained-about message as {@code message/rfc822} (the full message: see below);</li>
 *   <li><b>Fields</b> (RFC 5965 s3.1): {@code Feedback-Type}, {@code User-Agent} and {@code Version}
 *       present; {@code Source-IP} (s3.2, optional) when present names one of our egress IPs
 *       ({@code relays[].ips} or an egress IP the journal learned): the provider saw the message
 *       arrive from us;</li>
 *   <li>the enclosed original carries a {@code Message-ID};</li>
 *   <li><b>The provider's signature</b>: a DKIM signature of the report that verifies, with
 *       {@code d=} a domain of {@code bounces.feedback_sources} or below it;</li>
 *   <li><b>Our signature</b>: a DKIM signature of the enclosed original with our {@code dkim.domain}
 *       and {@code dkim.selector} that still verifies. Our signer covers {@code Message-ID} and the
 *       body ({@code h=}, {@code bh=}, RFC 6376 s3.5), so the original is a message we sent, unaltered,
 *       and its Message-ID (looked up in the journal) ties the report to that one row. A VERP token
 *       in the original's {@code Return-Path} is written by the receiver, not under our signature:
 *       it does not tie a proven report (it still works as a member's own proof).</li>
 * </ol>
 * Anything else is {@link FeedbackLoopProof.NotProven} with the first missing piece, and the report
 * is at most that one member's own (their token or Message-ID, {@link RecipientMatcher}).
 *
 * <p><b>Headers-only originals</b> ({@code text/rfc822-headers}, allowed by RFC 5965 s2 and
 * RFC 6650 s3.4 for privacy) are not proof: without the body our signature's {@code bh=} cannot be
 * checked, and jDKIM (like RFC 6376 s6.1.3) verifies nothing without it. Such a report is at most
 * a member's report. Both programs below send the full message, so nothing is lost for them.
 *
 * <p><b>Per provider</b> (configure the signing domain in {@code bounces.feedback_sources}):
 * <ul>
 *   <li><b>Yahoo CFL</b> (Yahoo, AOL): ARF, "the full email headers, the original message body";
 *       envelope sender {@code feedback@arf.mail.yahoo.com}; DKIM-signed with {@code d=arf.mail.yahoo.com};
 *       reports only for mail with a DKIM signature enrolled in the program, so our signature is
 *       there by construction (https://senders.yahooinc.com/faqs/,
 *       https://help.yahoo.com/kb/postmaster/yahoo-complaint-feedback-loop-service-faq-sln26007.html:
 *       "the message (with full headers, nothing munged or redacted)"). Checked as above: proven.</li>
 *   <li><b>Microsoft JMRP</b> (Outlook.com, Hotmail): reports from {@code staff@hotmail.com}
 *       (https://learn.emailengine.app/docs/webhooks/messagecomplaint); ARF with the recipient
 *       redacted since 2026 (DELIVERABILITY.md s6). Proven when it has the ARF shape above and our
 *       signature still verifies. The older JMRP form ({@code multipart/mixed} holding only the
 *       message, recipient in {@code X-HmXmrOriginalRecipient}; corpus arf-22) has no
 *       feedback-report part: not proven, a member report. If Microsoft's redaction rewrites a
 *       header we sign ({@code To}), our signature no longer verifies and the report is a member
 *       report too: measure a real report before relying on JMRP for the gate.</li>
 *   <li><b>Comcast</b> and the other Validity Universal Feedback Loop members: "loosely compatible
 *       with ARF", {@code multipart/mixed} instead of {@code multipart/report}, base64 parts
 *       (https://www.postmastery.com/navigating-the-nuances-of-the-comcast-complaint-feedback-loop),
 *       sent from {@code feedbackloop@comcastfbl.senderscore.net} (http://feedback.comcast.net/faq.php).
 *       Not the RFC 5965 shape: not proven, a member report (suppresses that member; counts toward
 *       the gate only with {@code guard.corroborate} members).</li>
 * </ul>
 * A member can still produce one proven report about <i>themselves</i>: pressing "this is spam" at
 * their provider does exactly that, and a forged report about their own message is no more. They
 * cannot produce one about another member: they hold no other member's signed message.
 */
final class FeedbackLoopChecker {
    /** Feedback-loop programs by the configured source domain, for operators' messages (sources in the class comment). */
    private static final Map<String, String> PROGRAMS = Map.of(
            "hotmail.com", "Microsoft JMRP", "outlook.com", "Microsoft JMRP", "live.com", "Microsoft JMRP",
            "yahoo.com", "Yahoo CFL", "arf.mail.yahoo.com", "Yahoo CFL", "aol.com", "Yahoo CFL",
            "comcast.net", "Comcast", "senderscore.net", "Validity UFL");
    /** What is read of a report (a report is a few KB plus the original; the mailbox caps the rest). */
    static final int MAX_BYTES = 4 * 1024 * 1024;
    /**
     * DKIM signatures verified per message at most: each costs a key lookup (bounded by the DNS
     * timeout), so a report stacked with signatures is refused unverified rather than stalling the pass.
     */
    static final int MAX_SIGNATURES = 4;

    private final List<String> sources;
    private final String ownDomain;
    private final String ownSelector;
    private final Set<String> relayIps;
    private final ReportAuthenticator.Signatures signatures;
    private final Session session;

    /**
     * @param sources    {@code bounces.feedback_sources}, lower case
     * @param ownDomain  our {@code dkim.domain}, or null (then nothing is ever proven)
     * @param relayIps   {@code relays[].ips} as literals
     */
    FeedbackLoopChecker(List<String> sources, String ownDomain, String ownSelector, Collection<String> relayIps,
                        ReportAuthenticator.Signatures signatures) {
        this.sources = List.copyOf(sources);
        this.ownDomain = ownDomain == null ? null : ownDomain.toLowerCase(Locale.ROOT);
        this.ownSelector = ownSelector == null ? null : ownSelector.toLowerCase(Locale.ROOT);
        Set<String> ips = new LinkedHashSet<>();
        for (String ip : relayIps) IpLiterals.normal(ip).ifPresent(ips::add);
        this.relayIps = Set.copyOf(ips);
        this.signatures = signatures;
        Properties p = new Properties();
        p.setProperty("mail.mime.parameters.strict", "false");
        p.setProperty("mail.mime.multipart.ignoremissingendboundary", "true");
        this.session = Session.getInstance(p);
    }

    /**
     * @param raw           the report as read from the mailbox
     * @param learnedEgress egress IPs the journal learned from trusted sources (read only when a Source-IP is not a relay's)
     */
    FeedbackLoopProof check(byte[] raw, java.util.function.Supplier<Collection<String>> learnedEgress) {
        if (sources.isEmpty()) return FeedbackLoopProof.NO_SOURCES;
        if (ownDomain == null || ownSelector == null) return new FeedbackLoopProof.NotProven("no dkim section: our signature cannot be checked");
        try {
            return prove(CrLf.normal(raw.length > MAX_BYTES ? java.util.Arrays.copyOf(raw, MAX_BYTES) : raw), learnedEgress);
        } catch (MessagingException | IOException | RuntimeException | StackOverflowError e) { // hostile input never stops a pass
            return new FeedbackLoopProof.NotProven("unreadable report: " + e.getClass().getSimpleName());
        }
    }

    private FeedbackLoopProof prove(byte[] report, java.util.function.Supplier<Collection<String>> learnedEgress)
            throws MessagingException, IOException {
        MimeMessage msg = new MimeMessage(session, new ByteArrayInputStream(report));
        ContentType top = contentType(msg.getContentType());
        if (top == null || !top.match("multipart/report") || !"feedback-report".equalsIgnoreCase(top.getParameter("report-type"))) {
            return new FeedbackLoopProof.NotProven("not multipart/report; report-type=feedback-report (RFC 5965 s2)");
        }
        MimeMultipart mp;
        try (InputStream in = msg.getInputStream()) {
            mp = new MimeMultipart(new ByteArrayDataSource(in.readAllBytes(), msg.getContentType()));
        }
        if (mp.getCount() < 3) return new FeedbackLoopProof.NotProven("fewer than the three parts of RFC 5965 s2");
        if (!is(mp.getBodyPart(0), "text/")) return new FeedbackLoopProof.NotProven("first part is not the human-readable text (RFC 5965 s2)");
        if (!is(mp.getBodyPart(1), "message/feedback-report")) return new FeedbackLoopProof.NotProven("second part is not message/feedback-report (RFC 5965 s2)");
        BodyPart third = mp.getBodyPart(2);
        if (is(third, "text/rfc822-headers")) return new FeedbackLoopProof.NotProven("headers-only original: our signature's body hash cannot be checked");
        if (!is(third, "message/rfc822")) return new FeedbackLoopProof.NotProven("third part is not the original message (RFC 5965 s2)");

        Optional<String> fieldsMissing = fields(MessageParts.text(mp.getBodyPart(1)), learnedEgress);
        if (fieldsMissing.isPresent()) return new FeedbackLoopProof.NotProven(fieldsMissing.get());

        byte[] original;
        try (InputStream in = third.getInputStream()) {
            original = CrLf.normal(in.readNBytes(MAX_BYTES));
        }
        InternetHeaders oh = MessageParts.headers(new ByteArrayInputStream(original));
        String[] mid = oh.getHeader("Message-ID");
        if (mid == null || mid[0].isBlank()) return new FeedbackLoopProof.NotProven("the enclosed original has no Message-ID");

        if (signatures(msg.getHeader("DKIM-Signature")) > MAX_SIGNATURES || signatures(oh.getHeader("DKIM-Signature")) > MAX_SIGNATURES) {
            return new FeedbackLoopProof.NotProven("more than " + MAX_SIGNATURES + " DKIM signatures on one message");
        }
        Optional<String[]> provider = providerSignature(report);
        if (provider.isEmpty()) return new FeedbackLoopProof.NotProven("no verifying DKIM signature of a feedback source (bounces.feedback_sources)");
        boolean ours = signatures.verified(original).stream()
                .anyMatch(s -> ownDomain.equalsIgnoreCase(s.domain()) && ownSelector.equalsIgnoreCase(s.selector()));
        if (!ours) return new FeedbackLoopProof.NotProven("the enclosed original carries no verifying signature of ours (d=" + ownDomain + ", s=" + ownSelector + ")");
        return new FeedbackLoopProof.Proven(provider.get()[0], provider.get()[1], mid[0].trim());
    }

    /** The missing RFC 5965 s3.1 field, or a Source-IP that is not ours; empty when the fields are fine. */
    private Optional<String> fields(String body, java.util.function.Supplier<Collection<String>> learnedEgress) {
        Map<String, String> f = DsnFields.parse(body).message;
        for (String required : List.of("feedback-type", "user-agent", "version")) {
            String v = f.get(required);
            if (v == null || v.isBlank()) return Optional.of("no " + required + " field (RFC 5965 s3.1)");
        }
        String source = f.get("source-ip");
        if (source == null) return Optional.empty();
        Optional<String> ip = IpLiterals.normal(source);
        if (ip.isEmpty()) return Optional.of("Source-IP is not an IP address");
        if (relayIps.contains(ip.get())) return Optional.empty();
        for (String learned : learnedEgress.get()) {
            if (IpLiterals.normal(learned).equals(ip)) return Optional.empty();
        }
        return Optional.of("Source-IP " + ip.get() + " is not one of our egress IPs");
    }

    /** {program, d=} of the first verifying signature whose d= is a feedback source or below one. */
    private Optional<String[]> providerSignature(byte[] report) {
        for (ReportAuthenticator.Signature s : signatures.verified(report)) {
            String d = s.domain().toLowerCase(Locale.ROOT);
            for (String source : sources) {
                if (d.equals(source) || d.endsWith("." + source)) {
                    return Optional.of(new String[] {PROGRAMS.getOrDefault(source, source), d});
                }
            }
        }
        return Optional.empty();
    }

    private static int signatures(String[] headers) {
        return headers == null ? 0 : headers.length;
    }

    private static boolean is(BodyPart part, String type) throws MessagingException {
        ContentType ct = contentType(part.getContentType());
        if (ct == null) return false;
        String base = ct.getBaseType().toLowerCase(Locale.ROOT);
        return type.endsWith("/") ? base.startsWith(type) : base.equals(type);
    }

    private static ContentType contentType(String value) {
        if (value == null) return null;
        try {
            return new ContentType(value);
        } catch (jakarta.mail.internet.ParseException e) {
            return null;
        }
    }
}
