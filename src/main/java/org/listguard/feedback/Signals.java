package org.listguard.feedback;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What kind of report a message is, read from its headers: a bounce (from a mailer-daemon,
 * X-Failed-Recipients, a failure subject), an ARF or JMRP complaint, an RFC 3834 auto-reply
 * (Auto-Submitted: auto-replied, §5), a bounce forwarded as an attachment; and which addresses
 * in it belong to the original sender and so are never failed recipients.
 */
final class Signals {
    private Signals() {}

    private static final Pattern AUTO_SUBJECT = Pattern.compile(
            "(?i)out of (?:the )?office|auto(?:matic)?[- ]?(?:reply|response|antwort)|^auto:|vacation|away (?:from|until)|abwesen|absence|i am away|on leave|r[ée]ponse automatique");
    private static final Pattern BOUNCE_SUBJECT = Pattern.compile(
            "(?i)undeliver|returned mail|error sending|delivery error|not (?:be )?delivered|couldn.t be delivered|failure|delivery (?:status|fail|notification|has failed|problem)|failure notice|mail delivery|non[- ]?delivery|could not be delivered|rejected|failed|returned to sender|nicht zustellbar|unzustellbar");

    /** The To: of an original message returned inline (no MIME), after the copy marker. */
    private static final Pattern INLINE_TO = Pattern.compile("(?im)^To:[ \\t]*(.+)$");
    static boolean isArf(MimeMessage msg) throws MessagingException {
        String ct = msg.getContentType();
        return ct != null && ct.toLowerCase(Locale.ROOT).contains("feedback-report");
    }

    static boolean attachedIsBounce(MessageParts parts) {
        var h = parts.original;
        String from = h.getHeader("From") == null ? "" : String.join(",", h.getHeader("From")).toLowerCase(Locale.ROOT);
        String ct = h.getHeader("Content-Type") == null ? "" : String.join(",", h.getHeader("Content-Type")).toLowerCase(Locale.ROOT);
        return from.contains("mailer-daemon") || from.contains("postmaster") || ct.contains("report-type=delivery-status");
    }

    /** Microsoft JMRP: the complained-about message alone, its recipient in X-HmXmrOriginalRecipient. */
    static boolean isJmrp(MessageParts parts) {
        return parts.original != null && parts.original.getHeader("X-HmXmrOriginalRecipient") != null;
    }

    static boolean isAutoReply(MimeMessage msg) throws MessagingException {
        String as = header(msg, "Auto-Submitted");
        String subject = msg.getSubject() == null ? "" : msg.getSubject();
        boolean auto = (as != null && as.toLowerCase(Locale.ROOT).contains("auto-replied"))
                || header(msg, "X-Autoreply") != null || header(msg, "X-Autorespond") != null
                || "auto_reply".equalsIgnoreCase(String.valueOf(header(msg, "Precedence")));
        return auto || AUTO_SUBJECT.matcher(subject).find();
    }

    static boolean looksLikeBounce(MimeMessage msg) throws MessagingException {
        String from = header(msg, "From");
        String subject = msg.getSubject() == null ? "" : msg.getSubject();
        return header(msg, "X-Failed-Recipients") != null || BOUNCE_SUBJECT.matcher(subject).find()
                || (from != null && from.toLowerCase(Locale.ROOT).matches("(?s).*(mailer-daemon|postmaster|mail delivery).*"));
    }

    /** X-Failed-Recipients (Exim), else the returned original's To. */
    static List<String> failedRecipients(MimeMessage msg, MessageParts parts, String inlineCopy) throws MessagingException {
        String xf = header(msg, "X-Failed-Recipients");
        if (xf != null) return TextScanner.addresses(xf);
        if (parts.original != null && parts.original.getHeader("To") != null) {
            return TextScanner.addresses(String.join(",", parts.original.getHeader("To")));
        }
        java.util.regex.Matcher to = INLINE_TO.matcher(inlineCopy);
        return to.find() ? TextScanner.addresses(to.group(1)) : List.of();
    }

    /** The addresses that are the original sender's, never a failed recipient. */
    static Set<String> senders(MimeMessage msg, MessageParts parts) throws MessagingException {
        Set<String> s = new HashSet<>();
        for (String h : new String[] {"To", "Return-Path", "From"}) {
            String v = header(msg, h);
            if (v != null) s.addAll(TextScanner.addresses(v));
        }
        if (parts.original != null) {
            for (String h : new String[] {"From", "Return-Path", "Sender"}) {
                String[] v = parts.original.getHeader(h);
                if (v != null) s.addAll(TextScanner.addresses(String.join(",", v)));
            }
        }
        return s;
    }

    static String header(MimeMessage msg, String name) throws MessagingException {
        String v = msg.getHeader(name, ",");
        return v == null ? null : v;
    }
}
