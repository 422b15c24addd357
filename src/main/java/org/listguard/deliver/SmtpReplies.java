package org.listguard.deliver;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading SMTP replies: reply code, RFC 3463 enhanced status code, the relay's queue id. */
public final class SmtpReplies {
    private SmtpReplies() {}

    /** RFC 3463 §2: class "." subject "." detail; RFC 2034 §3 puts it right after the reply code. */
    private static final Pattern ENHANCED = Pattern.compile("^\\d{3}[ -]([245]\\.\\d{1,3}\\.\\d{1,3})(?=\\s|$)");

    /**
     * How relays name the queue entry in their DATA reply. Postfix: "250 2.0.0 Ok: queued as 4XyZ";
     * Exim: "250 OK id=1rAbCd-000123-Xy"; Sendmail: "250 2.0.0 4AN7x1a2 Message accepted for delivery";
     * Microsoft: "250 2.6.0 <message-id> [InternalId=…] Queued mail for delivery".
     */
    private static final List<Pattern> QUEUE_ID = List.of(
            Pattern.compile("queued as ([A-Za-z0-9._-]+)"),
            Pattern.compile("\\bid=([A-Za-z0-9._-]+)"),
            Pattern.compile("^250[ -](?:2\\.\\d{1,3}\\.\\d{1,3} )?([A-Za-z0-9]{6,}) Message accepted"),
            Pattern.compile("InternalId=([0-9]+)"));

    /** The enhanced status code of the first line ("5.7.1"), or empty. */
    public static Optional<String> enhancedCode(String reply) {
        if (reply == null) return Optional.empty();
        Matcher m = ENHANCED.matcher(reply.strip());
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The queue id the relay gave in its reply to the end of DATA, or empty. */
    public static Optional<String> queueId(String reply) {
        if (reply == null) return Optional.empty();
        for (Pattern p : QUEUE_ID) {
            Matcher m = p.matcher(reply);
            if (m.find()) return Optional.of(m.group(1));
        }
        return Optional.empty();
    }

    /** The three-digit code at the start of a reply, or 0 when there is none. */
    public static int code(String reply) {
        if (reply == null || reply.length() < 3) return 0;
        for (int i = 0; i < 3; i++) if (!Character.isDigit(reply.charAt(i))) return 0;
        return Integer.parseInt(reply.substring(0, 3));
    }

    /** A reply's lines without their trailing line break (multi-line replies, RFC 5321 §4.2.1). */
    public static String normalize(String reply) {
        return reply == null ? "" : reply.replace("\r\n", "\n").strip();
    }
}
