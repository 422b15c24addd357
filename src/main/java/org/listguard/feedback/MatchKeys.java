package org.listguard.feedback;

import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What ties a report back to a run: the VERP token of the envelope sender listguard used
 * ({@code bounces+<token>@domain}; the report is addressed to it, so it shows in the report's
 * Delivered-To / X-Original-To / Envelope-To / To, or in the returned original's Return-Path),
 * and the original message's Message-ID. Both are only candidates: {@link RecipientMatcher}
 * decides whether they prove anything (a keyed token that verifies, a Message-ID in the journal).
 */
record MatchKeys(String verpToken, String originalMessageId) {
    private static final Pattern VERP = Pattern.compile("([A-Za-z0-9._-]+)\\+([A-Za-z0-9._=-]+)@[A-Za-z0-9.-]+");
    private static final Pattern SENDER_FIELD = Pattern.compile("(?im)^(?:x-[a-z-]*sender|original-mail-from|return-path):(.*)$");
    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-I[dD]:\\s*(<[^>\\s]+>)");
    private static final String[] REPORT_HEADERS = {"Delivered-To", "X-Original-To", "Envelope-To", "X-Envelope-To", "Original-Recipient", "To", "Return-Path"};

    static MatchKeys of(MimeMessage report, MessageParts parts, String reportText, String dsnText) throws jakarta.mail.MessagingException {
        List<String> candidates = new ArrayList<>();
        for (String h : REPORT_HEADERS) {
            String[] vs = report.getHeader(h);
            if (vs != null) candidates.addAll(List.of(vs));
        }
        InternetHeaders orig = parts.original;
        if (orig != null) {
            String[] rp = orig.getHeader("Return-Path");
            if (rp != null) candidates.addAll(List.of(rp));
        }
        // the envelope sender as the report restates it: DSN "X-Postfix-Sender:"-style fields, ARF
        // Original-Mail-From (RFC 5965 §3.2); never the recipient fields (a member's own "+tag")
        for (String body : new String[] {dsnText, String.join("\n", parts.feedbackReport)}) {
            if (body == null) continue;
            Matcher m = SENDER_FIELD.matcher(body);
            while (m.find()) candidates.add(m.group(1));
        }
        String token = null;
        for (String c : candidates) {
            Matcher m = VERP.matcher(c);
            if (m.find()) {
                token = m.group(2);
                break;
            }
        }
        String mid = null;
        if (orig != null && orig.getHeader("Message-ID") != null) {
            mid = orig.getHeader("Message-ID")[0].trim();
        } else if (reportText != null) {
            String own = report.getMessageID();
            Matcher m = MESSAGE_ID.matcher(reportText);
            while (m.find()) {
                if (!m.group(1).equals(own)) {
                    mid = m.group(1);
                    break;
                }
            }
        }
        return new MatchKeys(token, mid);
    }
}
