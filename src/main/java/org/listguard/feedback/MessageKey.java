package org.listguard.feedback;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The key under which a processed report is remembered in the journal: its own Message-ID
 * (RFC 5322 §3.6.4, unique per message), or "sha256:" and the digest of its bytes when it has
 * none. The same report read again — a second run, a copy in another folder — has the same key.
 */
final class MessageKey {
    private MessageKey() {}

    static String of(byte[] message) {
        String mid = messageId(message);
        return mid != null ? mid : "sha256:" + sha256(message);
    }

    /** The top-level Message-ID header's value, or null; stops at the end of the header block. */
    static String messageId(byte[] message) {
        String text = new String(message, 0, Math.min(message.length, 64 * 1024), StandardCharsets.ISO_8859_1);
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) break;
            if (i == 0 && line.startsWith("From ")) continue; // an mbox separator line
            if (!line.toLowerCase(Locale.ROOT).startsWith("message-id:")) continue;
            StringBuilder v = new StringBuilder(line.substring("message-id:".length()));
            for (int j = i + 1; j < lines.length && !lines[j].isEmpty() && (lines[j].charAt(0) == ' ' || lines[j].charAt(0) == '\t'); j++) {
                v.append(lines[j]);
            }
            String id = v.toString().trim();
            return id.isEmpty() || id.length() > 900 ? null : id;
        }
        return null;
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
