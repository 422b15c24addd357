package org.listguard.deliver.sandbox;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The delivery status notification a smart host mails to the envelope sender when a receiver
 * behind it refused a message: RFC 3464 {@code multipart/report} in Postfix's layout (a human
 * part, {@code message/delivery-status} with the receiver's exact reply in Diagnostic-Code and the
 * receiver in Remote-MTA, and the original headers as {@code text/rfc822-headers}, RFC 3462).
 */
final class SandboxDsn {
    private static final Pattern ENHANCED = Pattern.compile("^[245][0-9][0-9][ -]([245]\\.[0-9]{1,3}\\.[0-9]{1,3})\\b");

    private SandboxDsn() {}

    /**
     * @param reportingMta the smart host's name
     * @param envelopeFrom the VERP return path the DSN is addressed to
     * @param recipient    the refused recipient
     * @param original     the message as the smart host accepted it (its header block is quoted)
     */
    static byte[] build(String reportingMta, String queueId, String envelopeFrom, String recipient, SandboxReceivers.Bounce b,
                        byte[] original, ZonedDateTime arrived, ZonedDateTime now, int sequence) {
        String boundary = queueId + "." + sequence + "/" + reportingMta;
        String date = now.format(DateTimeFormatter.RFC_1123_DATE_TIME);
        String reply = b.reply().replace("\r", " ").replace("\n", " ");
        String status = status(reply);
        String human = "host " + b.remoteMta() + " said: " + reply + " (in reply to RCPT TO command)";
        StringBuilder m = new StringBuilder();
        m.append("Return-Path: <>\r\n")
                .append("Received: by ").append(reportingMta).append(" (listguard sandbox)\r\n\tid ").append(queueId)
                .append("; ").append(date).append("\r\n")
                .append("Date: ").append(date).append("\r\n")
                .append("From: MAILER-DAEMON@").append(reportingMta).append(" (Mail Delivery System)\r\n")
                .append("Subject: Undelivered Mail Returned to Sender\r\n")
                .append("To: <").append(envelopeFrom).append(">\r\n")
                .append("Auto-Submitted: auto-replied\r\n")
                .append("Message-Id: <").append(queueId).append('.').append(sequence).append('@').append(reportingMta).append(">\r\n")
                .append("MIME-Version: 1.0\r\n")
                .append("Content-Type: multipart/report; report-type=delivery-status;\r\n\tboundary=\"").append(boundary).append("\"\r\n")
                .append("\r\nThis is a MIME-encapsulated message.\r\n\r\n")
                .append("--").append(boundary).append("\r\n")
                .append("Content-Description: Notification\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n")
                .append("This is the mail system at host ").append(reportingMta).append(".\r\n\r\n")
                .append("I'm sorry to have to inform you that your message could not\r\n")
                .append("be delivered to one or more recipients. It's attached below.\r\n\r\n")
                .append("<").append(recipient).append(">: ").append(human).append("\r\n\r\n")
                .append("--").append(boundary).append("\r\n")
                .append("Content-Description: Delivery report\r\nContent-Type: message/delivery-status\r\n\r\n")
                .append("Reporting-MTA: dns; ").append(reportingMta).append("\r\n")
                .append("X-Postfix-Queue-ID: ").append(queueId).append("\r\n")
                .append("X-Postfix-Sender: rfc822; ").append(envelopeFrom).append("\r\n")
                .append("Arrival-Date: ").append(arrived.format(DateTimeFormatter.RFC_1123_DATE_TIME)).append("\r\n\r\n")
                .append("Final-Recipient: rfc822; ").append(recipient).append("\r\n")
                .append("Original-Recipient: rfc822;").append(recipient).append("\r\n")
                .append("Action: failed\r\n")
                .append("Status: ").append(status).append("\r\n")
                .append("Remote-MTA: dns; ").append(b.remoteMta()).append("\r\n")
                .append("Diagnostic-Code: smtp; ").append(reply).append("\r\n\r\n")
                .append("--").append(boundary).append("\r\n")
                .append("Content-Description: Undelivered Message Headers\r\nContent-Type: text/rfc822-headers\r\n\r\n")
                .append(headers(original))
                .append("\r\n--").append(boundary).append("--\r\n");
        return m.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The reply's enhanced status code (RFC 3463), or the class's generic one. */
    static String status(String reply) {
        Matcher e = ENHANCED.matcher(reply);
        if (e.find()) return e.group(1);
        return reply.charAt(0) + ".0.0";
    }

    /** The header block of a message (up to the first empty line). */
    private static String headers(byte[] message) {
        String s = new String(message, StandardCharsets.UTF_8);
        int end = s.indexOf("\r\n\r\n");
        if (end < 0) end = s.indexOf("\n\n");
        String h = end < 0 ? s : s.substring(0, end);
        return h.endsWith("\r\n") ? h : h + "\r\n";
    }
}
