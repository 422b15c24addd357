package org.listguard.reply;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A multi-line SMTP reply as one sentence (RFC 5321 s4.2.1: every line but the last is
 * {@code NNN-text}, the last {@code NNN text}). MTAs relay such replies with their prefixes, on
 * separate lines or unfolded into one ("554-Your access to this mail system has been 554-rejected
 * due to the sending MTA's poor 554 reputation.", Exim's "SMTP error from remote mail server");
 * the receiver's sentence runs across the prefixes, so a phrase, a quote for a delisting form and
 * an advice pattern must read it without them.
 *
 * <p>{@link #join} keeps the first line's code (and its enhanced code) once and drops the same
 * code, with the same enhanced code when the first line had one, where it starts a later line.
 * Text without a continuation line ({@code NNN-}) followed by a later line of the same code is
 * returned unchanged.
 */
public final class MultiLine {
    private MultiLine() {}

    /** The first continuation line's code and enhanced code (a line start is the text's start or whitespace). */
    private static final Pattern FIRST = Pattern.compile("(?:^|(?<=\\s))([245]\\d\\d)-([245]\\.\\d{1,3}\\.\\d{1,3}(?=\\s))?\\s*");
    /** Longer replies than this are not worth joining: a reply line is at most 512 octets (RFC 5321 s4.5.3.1.5). */
    private static final int MAX = 64 * 1024;

    public static String join(String text) {
        if (text == null || text.length() > MAX || text.indexOf('-') < 0) return text;
        Matcher m = FIRST.matcher(text);
        if (!m.find()) return text;
        String code = m.group(1);
        String enhanced = m.group(2);
        String repeated = enhanced == null ? "" : "(?:" + Pattern.quote(enhanced) + "(?=\\s|$))?";
        // every later continuation line ("NNN-"), and the last line ("NNN "): only its last
        // occurrence, so that "554 messages" inside the sentence stays
        String rest = Pattern.compile("\\s+" + code + "-" + repeated + "[ \\t]*").matcher(text.substring(m.end())).replaceAll(" ");
        Matcher last = Pattern.compile("\\s+" + code + " " + repeated + "(?!\\d)[ \\t]*").matcher(rest);
        int at = -1, end = -1;
        while (last.find()) {
            at = last.start();
            end = last.end();
        }
        boolean continued = !rest.equals(text.substring(m.end()));
        if (!continued && at < 0) return text; // one line of a reply, quoted as it came
        if (at >= 0) rest = rest.substring(0, at) + " " + rest.substring(end);
        String head = text.substring(0, m.start()) + code + " " + (enhanced == null ? "" : enhanced + " ");
        return head + rest.replaceAll("\\s*\\R\\s*", " ").stripTrailing();
    }
}
