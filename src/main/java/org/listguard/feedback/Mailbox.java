package org.listguard.feedback;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads messages out of the two mailbox formats a bounce mailbox comes in.
 * <ul>
 *   <li>mbox (RFC 4155, "mboxrd" quoting): a message starts at a line beginning "From " (at the
 *       start of the file or after an empty line); one level of {@code >} is removed from body
 *       lines matching {@code ^>+From }.</li>
 *   <li>Maildir: the files in {@code cur/} and {@code new/} (or the directory itself when it has
 *       neither), one message each, in name order (Maildir names start with the delivery time).</li>
 * </ul>
 */
public final class Mailbox {
    private Mailbox() {}

    /** Whether the bytes start with an mbox separator line. */
    public static boolean isMbox(byte[] data) {
        return data.length > 5 && data[0] == 'F' && data[1] == 'r' && data[2] == 'o' && data[3] == 'm' && data[4] == ' ';
    }

    /** The messages of an mbox, separator lines removed and "&gt;From " unescaped. */
    public static List<byte[]> splitMbox(byte[] data) {
        List<byte[]> out = new ArrayList<>();
        ByteArrayOutputStream current = null;
        boolean previousBlank = true;
        int i = 0;
        while (i < data.length) {
            int end = i;
            while (end < data.length && data[end] != '\n') end++;
            int next = Math.min(end + 1, data.length);
            boolean separator = previousBlank && startsWith(data, i, "From ");
            if (separator) {
                if (current != null) out.add(current.toByteArray());
                current = new ByteArrayOutputStream();
            } else {
                if (current == null) current = new ByteArrayOutputStream();
                int from = i;
                if (data[i] == '>') {
                    int j = i;
                    while (j < end && data[j] == '>') j++;
                    if (startsWith(data, j, "From ")) from = i + 1;
                }
                current.write(data, from, next - from);
            }
            int len = end - i;
            previousBlank = len == 0 || (len == 1 && data[i] == '\r');
            i = next;
        }
        if (current != null && current.size() > 0) out.add(current.toByteArray());
        return out;
    }

    /** The message files of a Maildir, in name order. */
    public static List<Path> maildirFiles(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        Path cur = dir.resolve("cur");
        Path nw = dir.resolve("new");
        List<Path> dirs = Files.isDirectory(cur) || Files.isDirectory(nw) ? List.of(nw, cur) : List.of(dir);
        for (Path d : dirs) {
            if (!Files.isDirectory(d)) continue;
            try (Stream<Path> s = Files.list(d)) {
                s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).sorted().forEach(out::add);
            }
        }
        return out;
    }

    private static boolean startsWith(byte[] data, int at, String prefix) {
        if (at + prefix.length() > data.length) return false;
        for (int k = 0; k < prefix.length(); k++) {
            if (data[at + k] != prefix.charAt(k)) return false;
        }
        return true;
    }
}
