package org.listguard.feedback;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Whether a message can be a report, from its headers alone (issue 21: a look reads the bodies of
 * candidates only, so junk costs a header read once). Conservative: any sign the parser
 * ({@link BounceParser}) would read is enough, and headers that cannot be read make a candidate.
 * A candidate, by any of:
 * <ul>
 *   <li>the parser's own header signals ({@link Signals}): a bounce (mailer-daemon or postmaster
 *       sender, X-Failed-Recipients, a failure subject), an ARF report, an RFC 3834 auto-reply;</li>
 *   <li>a report or container type: {@code multipart/report}, {@code message/*}, {@code multipart/mixed}
 *       (a bounce forwarded as an attachment, a JMRP complaint), anything naming delivery-status or feedback-report;</li>
 *   <li>the null reverse-path ({@code Return-Path: <>}, RFC 5321 s4.5.5: DSNs) or any {@code Auto-Submitted} other than {@code no};</li>
 *   <li>a recipient header (To, Cc, Delivered-To, X-Original-To, Envelope-To…) with a {@code +} in the
 *       local part: a VERP token ({@code bounces+TOKEN@}) or a mailto unsubscribe ({@code +u-TOKEN});</li>
 *   <li>a reply to a message ({@code In-Reply-To}, {@code References}): it may be about one of ours
 *       (a list server's loop alert, a receiver's notice quoting our Message-ID);</li>
 *   <li>a feedback or notification sender (Amazon SES/SNS, Microsoft JMRP, abuse/fbl/feedback/complaints senders).</li>
 * </ul>
 * Everything else (ordinary mail to the bare return-path address) is not read further.
 */
public final class ReportCandidate {
    private ReportCandidate() {}

    /** Only this much of a header block is read; a longer one makes a candidate (the full read bounds it). */
    public static final int MAX_HEADER_BYTES = 64 * 1024;

    private static final Session SESSION = Session.getInstance(new Properties());
    private static final List<String> REPORT_TYPES = List.of("multipart/report", "multipart/mixed", "message/", "delivery-status",
            "feedback-report", "disposition-notification");
    private static final Pattern NULL_SENDER = Pattern.compile("^\\s*<\\s*>\\s*$");
    private static final Pattern PLUS_ADDRESS = Pattern.compile("[^\\s<>\",;:@]+\\+[^\\s<>\",;:@]*@");
    private static final List<String> FEEDBACK_SENDERS = List.of("amazonses", "sns.amazonaws", "staff@hotmail", "abuse", "fbl",
            "feedback", "complaint", "scomp", "arf@");
    private static final String[] RECIPIENT_HEADERS = {"To", "Cc", "Delivered-To", "X-Original-To", "Envelope-To", "X-Envelope-To",
            "X-Delivered-To", "X-Rcpt-To", "X-Original-Recipient"};

    /** Empty when the message can be a report (read it); else why it cannot, for the note. */
    public static Optional<String> whyNot(byte[] headers) {
        int end = headerEnd(headers);
        if (end < 0) return Optional.empty(); // no end of the header block in sight: read it all
        try {
            MimeMessage msg = headersOnly(headers, end);
            if (Signals.looksLikeBounce(msg) || Signals.isArf(msg) || Signals.isAutoReply(msg)) return Optional.empty();
            String ct = Signals.header(msg, "Content-Type");
            if (ct != null && containsAny(ct, REPORT_TYPES)) return Optional.empty();
            String rp = Signals.header(msg, "Return-Path");
            if (rp != null && NULL_SENDER.matcher(rp).matches()) return Optional.empty();
            String as = Signals.header(msg, "Auto-Submitted");
            if (as != null && !as.trim().toLowerCase(Locale.ROOT).startsWith("no")) return Optional.empty();
            for (String h : RECIPIENT_HEADERS) {
                String v = Signals.header(msg, h);
                if (v != null && v.indexOf('+') >= 0 && PLUS_ADDRESS.matcher(v).find()) return Optional.empty();
            }
            if (Signals.header(msg, "In-Reply-To") != null || Signals.header(msg, "References") != null) return Optional.empty();
            for (String h : new String[] {"From", "Sender", "Return-Path"}) {
                String v = Signals.header(msg, h);
                if (v != null && containsAny(v, FEEDBACK_SENDERS)) return Optional.empty();
            }
            return Optional.of("not a report: its headers show no bounce, complaint, reply or address of ours (body not read)");
        } catch (MessagingException | RuntimeException e) {
            return Optional.empty(); // unreadable headers: the parser decides, and notes why
        }
    }

    private static boolean containsAny(String value, List<String> needles) {
        String v = value.toLowerCase(Locale.ROOT);
        for (String n : needles) {
            if (v.contains(n)) return true;
        }
        return false;
    }

    /**
     * The header block as a message without a body, its lines added one by one (folded lines kept
     * whole): the same headers {@link Signals} reads, without parsing a stream byte by byte.
     */
    private static MimeMessage headersOnly(byte[] data, int end) throws MessagingException {
        MimeMessage msg = new MimeMessage(SESSION);
        String text = new String(data, 0, end, StandardCharsets.ISO_8859_1);
        int from = text.startsWith("From ") ? text.indexOf('\n') + 1 : 0; // an mbox separator line is not a header
        StringBuilder line = null;
        for (int i = from; i < text.length(); ) {
            int nl = text.indexOf('\n', i);
            int stop = nl < 0 ? text.length() : nl;
            String l = text.substring(i, stop > i && text.charAt(stop - 1) == '\r' ? stop - 1 : stop);
            i = stop + 1;
            if (l.isEmpty()) break;
            if ((l.charAt(0) == ' ' || l.charAt(0) == '\t') && line != null) {
                line.append("\r\n").append(l);
                continue;
            }
            if (line != null) msg.addHeaderLine(line.toString());
            line = new StringBuilder(l);
        }
        if (line != null) msg.addHeaderLine(line.toString());
        return msg;
    }

    /** Where the header block ends (the index after its blank line), or -1 when it does not end within {@link #MAX_HEADER_BYTES}. */
    public static int headerEnd(byte[] data) {
        int limit = Math.min(data.length, MAX_HEADER_BYTES);
        for (int i = 0; i < limit; i++) {
            if (data[i] != '\n') continue;
            if (i + 1 < data.length && data[i + 1] == '\n') return i + 2;
            if (i + 2 < data.length && data[i + 1] == '\r' && data[i + 2] == '\n') return i + 3;
        }
        return -1;
    }
}
