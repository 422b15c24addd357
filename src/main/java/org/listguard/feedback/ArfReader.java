package org.listguard.feedback;

import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.LinkedHashSet;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.listguard.deliver.classify.Action;

/**
 * RFC 5965 feedback reports (ARF): every Original-Rcpt-To is a complainant (§3.2); when the
 * report names none, the returned original's To (the redacted or VERP-encoded recipient), or the
 * provider's own recipient header (Microsoft JMRP X-HmXmrOriginalRecipient). Reason
 * {@code feedback}, action {@code complaint}; the feedback type (abuse, fraud, …) is kept.
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
        for (String r : rcpts) {
            out.add(new BounceRecord("arf", r, null, null, 0, diag, host, "feedback", Action.COMPLAINT,
                    "rfc5965-arf", keys.verpToken(), keys.originalMessageId()));
        }
        return out;
    }
}
