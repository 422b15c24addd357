package org.listguard.feedback;

import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.LinkedHashSet;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.listguard.reply.Action;
import org.listguard.reply.Classification;

/**
 * RFC 5965 feedback reports (ARF): every Original-Rcpt-To is a complainant (§3.2); when the
 * report names none, the returned original's To (the redacted or VERP-encoded recipient), or the
 * provider's own recipient header (Microsoft JMRP X-HmXmrOriginalRecipient). The feedback type
 * decides the action ({@link #ofType}) and is kept in the diagnostic.
 */
final class ArfReader {
    private ArfReader() {}

    static List<BounceRecord> read(MimeMessage report, MessageParts parts, MatchKeys keys) throws jakarta.mail.MessagingException {
        Set<String> rcpts = new LinkedHashSet<>();
        String type = null;
        String host = null;
        for (String body : parts.feedbackReport) {
            DsnFields f = DsnFields.parse(body);
            // Original-Rcpt-To may repeat; DsnFields keeps the first, so read the lines directly
            for (String line : body.split("\r?\n")) {
                String l = line.toLowerCase(Locale.ROOT);
                if (l.startsWith("original-rcpt-to:") || l.startsWith("removal-recipient:")) {
                    rcpts.addAll(TextScanner.addresses(line));
                }
            }
            Map<String, String> m = f.message;
            if (type == null) type = m.get("feedback-type");
            if (host == null) host = m.get("reporting-mta") == null ? m.get("source-ip") : DsnFields.value(m.get("reporting-mta"));
        }
        InternetHeaders orig = parts.original;
        if (rcpts.isEmpty() && orig != null) {
            for (String h : new String[] {"X-HmXmrOriginalRecipient", "X-Original-To", "To"}) {
                String[] v = orig.getHeader(h);
                if (v != null) rcpts.addAll(TextScanner.addresses(String.join(",", v)));
                if (!rcpts.isEmpty()) break;
            }
        }
        if (rcpts.isEmpty()) {
            String[] v = report.getHeader("X-HmXmrOriginalRecipient");
            if (v != null) rcpts.addAll(TextScanner.addresses(v[0]));
        }
        if (rcpts.isEmpty()) rcpts.add(null); // still a complaint: the VERP token or Message-ID may match it
        List<BounceRecord> out = new ArrayList<>();
        String diag = "feedback-type: " + (type == null ? "abuse" : type.trim());
        Classification c = ofType(type);
        for (String r : rcpts) {
            out.add(new BounceRecord("arf", r, null, null, 0, diag, host, c.reason(), c.action(),
                    c.rule(), keys.verpToken(), keys.originalMessageId()));
        }
        return out;
    }

    /**
     * What a feedback type means for the member:
     * <ul>
     *   <li>abuse, fraud, virus, other (RFC 5965 s7.3), or none given: a complaint;</li>
     *   <li>opt-out: the member asked to be removed through the feedback channel (RFC 6650, the ARF
     *       applicability statement, treats such reports as removal requests): an unsubscribe,
     *       suppressed but not counted toward the complaint rate;</li>
     *   <li>not-spam (RFC 6430): the member says the mail is wanted: nothing to do;</li>
     *   <li>auth-failure (RFC 6591): our mail failed SPF/DKIM at the receiver: the sender's
     *       configuration, never the member's.</li>
     * </ul>
     */
    static Classification ofType(String type) {
        String t = type == null ? "abuse" : type.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (t) {
            case "opt-out", "optout", "unsubscribe" -> new Classification("unsubscribe", Action.UNSUBSCRIBE, "rfc6650-opt-out");
            case "not-spam", "notspam" -> new Classification("feedback", Action.NONE, "rfc6430-not-spam");
            case "auth-failure" -> new Classification("authfailure", Action.SENDER, "rfc6591-auth-failure");
            default -> new Classification("feedback", Action.COMPLAINT, "rfc5965-arf");
        };
    }
}
