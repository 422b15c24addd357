package org.listguard.dmarc;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * The report attachments of a report message (RFC 7489 s7.2.1.1: one report per message, as
 * {@code application/gzip}, {@code application/zip} or XML; reporters also use
 * {@code application/octet-stream}, {@code application/x-zip-compressed} or a report inline as the
 * body). A part is a report when its type or file name says so, or when it starts with gzip,
 * zip or XML bytes. MIME nesting and part count are bounded.
 */
public final class ReportMail {
    static final int MAX_DEPTH = 6;
    static final int MAX_PARTS = 32;

    /** One attachment: its file name (or the part's type) and bytes as decoded from the transfer encoding. */
    public record Attachment(String name, byte[] bytes) {}

    private ReportMail() {}

    /** Whether the bytes look like an RFC 5322 message (a header field first) rather than an attachment. */
    public static boolean looksLikeMessage(byte[] b) {
        int n = Math.min(b.length, 200);
        String head = new String(b, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1);
        return head.matches("(?s)^[A-Za-z][A-Za-z0-9-]{0,76}:[ \t].*") && !head.startsWith("<");
    }

    /** The report attachments, in MIME order; empty when there is none. */
    public static List<Attachment> attachments(byte[] message, long maxBytes) throws MessagingException, IOException {
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(message));
        List<Attachment> out = new ArrayList<>();
        walk(m, 0, out, new int[] {0}, maxBytes);
        return out;
    }

    /** The From header's address of a message, or null. */
    public static String from(byte[] message) {
        try {
            MimeMessage m = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(message));
            var f = m.getFrom();
            return f == null || f.length == 0 ? null : f[0].toString();
        } catch (MessagingException e) {
            return null;
        }
    }

    private static void walk(Part p, int depth, List<Attachment> out, int[] parts, long maxBytes) throws MessagingException, IOException {
        if (depth > MAX_DEPTH || ++parts[0] > MAX_PARTS) return;
        if (p.isMimeType("multipart/*")) {
            Object content = p.getContent();
            if (!(content instanceof Multipart mp)) return;
            for (int i = 0; i < mp.getCount(); i++) walk(mp.getBodyPart(i), depth + 1, out, parts, maxBytes);
            return;
        }
        String type = p.getContentType() == null ? "" : p.getContentType().toLowerCase(Locale.ROOT);
        String name = p.getFileName() == null ? "" : p.getFileName();
        String lname = name.toLowerCase(Locale.ROOT);
        boolean named = lname.endsWith(".xml") || lname.endsWith(".gz") || lname.endsWith(".zip") || lname.endsWith(".xml.gz");
        boolean typed = type.contains("gzip") || type.contains("zip") || type.contains("xml") || type.startsWith("application/octet-stream");
        if (!named && !typed) return;
        byte[] bytes = read(p.getInputStream(), maxBytes);
        if (bytes == null) {
            out.add(new Attachment(name.isEmpty() ? type : name, null));
            return;
        }
        if (named || Unpacker.isGzip(bytes) || Unpacker.isZip(bytes) || startsXml(bytes)) {
            out.add(new Attachment(name.isEmpty() ? type.replaceAll(";.*", "") : name, bytes));
        }
    }

    /** The decoded part, or null when it is larger than {@code max} (the caller sets it aside). */
    private static byte[] read(InputStream in, long max) throws IOException {
        try (in) {
            byte[] b = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            return b.length > max ? null : b;
        }
    }

    private static boolean startsXml(byte[] b) {
        for (byte x : b) {
            if (x == ' ' || x == '\t' || x == '\r' || x == '\n') continue;
            return x == '<';
        }
        return false;
    }
}
