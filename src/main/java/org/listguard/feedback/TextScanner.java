package org.listguard.feedback;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a non-standard bounce's human-readable text the way a person does: a line that is about
 * a recipient address (qmail "&lt;a@b&gt;:", Exim's indented address, Sendmail's address under
 * "permanent fatal errors", Postfix "&lt;a@b&gt;: host … said:", "Recipient: a@b", "To : &lt;a@b&gt;:"
 * (Sisimai lib/Sisimai/Lhost/X4.pm), "&gt;&gt;&gt; a@b &lt;a@b&gt;" (Lhost/Activehunter.pm), "delivered to
 * a@b") followed by the reply that explains it, up to the next recipient, a blank line before
 * unindented text, or the returned copy of the original message.
 */
final class TextScanner {
    static final String ADDR = "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9-]+)++";
    private static final Pattern ADDRESS = Pattern.compile(ADDR);
    /** A line that starts with an address (optionally bracketed, quoted or labelled). */
    private static final Pattern RECIPIENT_LINE = Pattern.compile(
            "^\\s*(?:(?:[*-]|>{1,3}+)\\s*)?(?:[245]\\d\\d[ -](?:[245]\\.\\d{1,3}\\.\\d{1,3}\\s+)?)?(?:(?:final-|original-)?recipient(?:\\(s\\))?(?: address)?:?\\s*(?:rfc822;)?\\s*|to[ \\t]*+:\\s*|address:\\s*|failed recipient:\\s*|[0-9]+\\.\\s+)?"
                    + "[\"'<]*(" + ADDR + ")[\"'>]*(?=$|\\s|:|,|\\.{3}|\\(|;)(.*)$", Pattern.CASE_INSENSITIVE);
    /** "User mailbox exceeds allowed size: a@b" — the reason first, the address last. */
    private static final Pattern TRAILING = Pattern.compile("^\\s*([^:<>@]{6,}):\\s*<?(" + ADDR + ")>?\\s*$");
    /** Sentences that name the failed recipient inline. */
    private static final Pattern INLINE = Pattern.compile(
            "(?i)(?:could not be delivered to|delivery to|message to|failed to deliver to|not be delivered to|undeliverable to|unable to deliver (?:your )?(?:message |mail )?to|delivering (?:your )?(?:message |mail |e-?mail )?to|your message to|sent to|addressed to|recipient)\\s*:?\\s*[\"'<]*(" + ADDR + ")");
    /** Where the returned copy of the original message begins. */
    private static final Pattern COPY_MARKER = Pattern.compile(
            "(?im)^[ \\t]*(?:-{2,}|={2,}|_{2,})?[ \\t]*(?:this is a copy of|below this line is a copy|original message|the (?:header|headers|text) of the original|undelivered message|returned message|unsent message|message headers? follows?|original message headers|copy of (?:the|your) message|header of the original|headers of (?:the|your) original)");
    private static final Pattern HEADER_BLOCK = Pattern.compile(
            "(?im)^(?:Return-Path|Received|Message-I[dD]|DKIM-Signature):[^\\n]*+\\n(?:[ \\t][^\\n]*+\\n)*+[A-Za-z-]+:");
    private static final Pattern SEPARATOR = Pattern.compile("^\\s*(?:-{3,}|={3,}|_{3,}).*$");
    /**
     * A heading under which a notice states the error for the recipients it lists in another
     * section (before or after it), the reply on the lines that follow:
     * "----- Transcript of session follows -----" (sendmail; Sisimai lib/Sisimai/Lhost/Activehunter.pm),
     * "----- Non-delivered information -----" (Lhost/Biglobe.pm), "-------server message" (Lhost/mFILTER.pm),
     * "Could not be delivered because of" (Lhost/MailMarshalSMTP.pm), "Error message below:"
     * (Lhost/ApacheJames.pm), "Delivery failed for the following reason:" (Lhost/MailFoundry.pm),
     * "The error that the other server returned was:" (Lhost/Gmail.pm), "The response [from the
     * remote server] was:" (Lhost/GSuite.pm), "Body of message generated response:" (Lhost/IMailServer.pm),
     * "------- Failure Reasons --------" (Lhost/Notes.pm, the reason above the address), "For the following
     * reason:" (Lhost/EinsUndEins.pm). Such a heading also ends the block of the recipient above it.
     */
    private static final Pattern ERROR_HEADING = Pattern.compile(
            "(?i)^[ \\t]*+(?:-{2,}+[ \\t]*+)?(?:transcript of session follows|non-delivered information|server message"
                    + "|could not be delivered because of|error message below|delivery failed for the following reason"
                    + "|the error that the other server returned was|the response(?: from the remote server)? was"
                    + "|body of message generated response|failure reasons|for the following reason)[ \\t]*+:?[ \\t]*+(?:-{2,}+[ \\t]*+)?$");
    /** "-------SMTP command" and the command on the next line (Sisimai lib/Sisimai/Lhost/mFILTER.pm). */
    private static final Pattern COMMAND_HEADING = Pattern.compile("(?i)^[ \\t]*+-{2,}+[ \\t]*+smtp command[ \\t]*+:?[ \\t]*+$");
    private static final Pattern COMMAND = Pattern.compile("(?i)^[ \\t]*+(HELO|EHLO|MAIL|RCPT|DATA)\\b");
    /**
     * A transcript line with a label before its arrows: InterScan MSS writes "Sent &lt;&lt;&lt; RCPT TO:&lt;a@b&gt;"
     * and "Received &gt;&gt;&gt; 550 ...", its arrows the other way round from sendmail's, and in its
     * localised notices a word before sendmail's arrows (Sisimai lib/Sisimai/Lhost/InterScanMSS.pm);
     * hMailServer "hMailServer sent: RCPT TO:&lt;a@b&gt;" and "Remote server replied: 550 ..." (its
     * non-delivery notice, under "The following recipient(s) could not be reached:").
     * What follows the arrows tells the direction: an SMTP command was sent, a reply code received.
     */
    private static final Pattern LABELLED_TRANSCRIPT = Pattern.compile(
            "(?m)^[ \\t]*+(?:[^ \\t<>\\n]{1,24}+[ \\t]++(?:<<<|>>>)|(?i:[a-z0-9.-]{1,24}+[ \\t]++sent:|remote server replied:))[ \\t]++"
                    + "(?:((?i:HELO|EHLO|MAIL FROM|RCPT TO|DATA|RSET|QUIT|STARTTLS|AUTH)\\b)|([245]\\d\\d\\b))");
    /** Exim's "an undisclosed address" (deliver.c) and, on the next line, "(generated from a@b)" (Sisimai lib/Sisimai/Lhost/Exim.pm). */
    private static final Pattern UNDISCLOSED = Pattern.compile("(?i)^[ \\t]++an undisclosed address[ \\t]*+$");
    private static final Pattern GENERATED_FROM = Pattern.compile("(?i)^[ \\t]++\\(generated from <?(" + ADDR + ")>?\\)[ \\t]*+$");
    private static final Pattern REFUSED_RCPT = Pattern.compile("(?i)^[ \\t]*+>>>[ \\t]*+RCPT TO:[ \\t]*+<(" + ADDR + ")>.*+$");
    private static final Pattern REFUSAL = Pattern.compile("^[ \\t]*+<<<[ \\t]*+[45]\\d\\d\\b");
    /** qmail-remote.c:249 "HOST does not like recipient." and :261 "Giving up on HOST." (Sisimai lib/Sisimai/Lhost/qmail.pm, X4.pm). */
    private static final Pattern QMAIL_HOST = Pattern.compile(
            "(?i)(?:^|\\s)([a-z0-9][a-z0-9-]*+(?:\\.[a-z0-9-]++)++)\\.?[ \\t]++does not like recipient\\b|\\bgiving up on ([a-z0-9][a-z0-9-]*+(?:\\.[a-z0-9-]++)++)");
    /** "Message details:" (apache-james AbstractNotify.java:128; Sisimai lib/Sisimai/Lhost/ApacheJames.pm): the envelope summary that follows the error. */
    private static final Pattern DETAILS = Pattern.compile("(?i)^[ \\t]*+message details:[ \\t]*+$");
    private static final Pattern BARE_ADDRESS = Pattern.compile("^[ \\t]*+<?" + ADDR + ">?[ \\t]*+$");
    private static final Set<String> NOT_RECIPIENTS = Set.of("mailer-daemon", "mail-daemon");

    private TextScanner() {}

    /**
     * The notice with labelled transcript lines ({@link #LABELLED_TRANSCRIPT}) written in sendmail's
     * notation, "&gt;&gt;&gt; CMD" sent and "&lt;&lt;&lt; reply" received, which the transcript and stage readers know.
     */
    static String sendmailNotation(String report) {
        Matcher m = LABELLED_TRANSCRIPT.matcher(report);
        if (!m.find()) return report;
        StringBuilder sb = new StringBuilder();
        int last = 0;
        do {
            int from = m.start(1) >= 0 ? m.start(1) : m.start(2);
            sb.append(report, last, m.start()).append(m.group(1) != null ? ">>> " : "<<< ");
            last = from;
        } while (m.find());
        return sb.append(report, last, report.length()).toString();
    }

    /** The part of a notice before the returned original message. */
    static String reportPart(String text) {
        int cut = text.length();
        Matcher m = COPY_MARKER.matcher(text);
        if (m.find() && m.start() > 0) cut = m.start();
        Matcher h = HEADER_BLOCK.matcher(text);
        if (h.find() && h.start() > 0 && h.start() < cut) cut = h.start();
        return text.substring(0, cut);
    }

    /**
     * Recipient → the diagnostic text about it, in the order the notice names them. Addresses in
     * {@code exclude} (the bounce's addressee, the original sender) are never recipients.
     */
    static Map<String, String> scan(String[] lines, Set<String> exclude) {
        Map<String, StringBuilder> found = new LinkedHashMap<>();
        String current = null;
        int blank = 0;
        int taken = 0;
        boolean details = false;
        for (int li = 0; li < lines.length; li++) {
            String line = lines[li];
            Matcher r = RECIPIENT_LINE.matcher(line);
            String addr = r.find() ? r.group(1) : null;
            String lead = null;
            if (addr == null && li + 1 < lines.length && UNDISCLOSED.matcher(line).matches()) {
                Matcher g = GENERATED_FROM.matcher(lines[li + 1]);
                if (g.matches()) {
                    addr = g.group(1);
                    li++;
                    line = "  " + addr;
                }
            }
            if (addr == null && li + 1 < lines.length) {
                // ">>> RCPT TO:<a@b>" refused by the next line's "<<< 5xx"/"<<< 4xx" (transcripts; InterScan MSS)
                Matcher rc = REFUSED_RCPT.matcher(line);
                if (rc.matches() && REFUSAL.matcher(lines[li + 1]).find()) {
                    addr = rc.group(1);
                    line = "  " + addr;
                }
            }
            Matcher in = addr == null ? INLINE.matcher(line) : null;
            boolean inline = in != null && in.find();
            if (addr == null && !inline) {
                Matcher t = TRAILING.matcher(line);
                // envelope and header labels are not reasons: "MAIL FROM:" (Sisimai Lhost/ApacheJames.pm's
                // "Message details:"), "Original Sender:" (Lhost/MailMarshalSMTP.pm) name the sender; "RCPT TO:" the recipient
                if (t.find() && !t.group(1).trim().matches("(?i)(?:to|from|cc|reply-to|sender|return-path|[a-z-]+-to|mail from|envelope[- ]from|original sender)")) {
                    addr = t.group(2);
                    lead = t.group(1).trim().matches("(?i)rcpt to") ? "" : t.group(1).trim();
                }
            }
            if (addr == null && inline) addr = in.group(1);
            if (DETAILS.matcher(line).matches()) {
                details = true;
                current = null;
                continue;
            }
            if (addr != null && !excluded(addr, exclude)) {
                current = addr.toLowerCase(Locale.ROOT);
                StringBuilder sb = found.computeIfAbsent(current, k -> new StringBuilder());
                if (details) {
                    // an envelope summary names recipients; the lines after them are other details
                    current = null;
                    continue;
                }
                if (lead != null && lead.isEmpty()) {
                    // "RCPT TO: a@b" in a list of envelope details (ApacheJames "Message details:"): names
                    // the recipient, the lines after it are other details
                    current = null;
                    continue;
                }
                if (lead != null) {
                    sb.append(' ').append(lead);
                    blank = 0;
                    taken = 0;
                    continue;
                }
                int at = line.toLowerCase(Locale.ROOT).indexOf(current);
                String before = line.substring(0, at).trim();
                String rest = line.substring(at + current.length()).replaceFirst("^[\"'>:,.;\\s]+", "");
                // ">>> a@b <a@b>" (Sisimai lib/Sisimai/Lhost/Activehunter.pm): the address repeated in brackets
                if (rest.toLowerCase(Locale.ROOT).startsWith("<" + current + ">")) rest = rest.substring(current.length() + 2).trim();
                // a transcript line "550 <a@b>... User unknown" keeps its code
                sb.append(' ').append(before.matches("[245]\\d\\d[ -].*|[245]\\d\\d") ? before.replaceAll("[<\"']+$", "") + " " + rest : rest);
                blank = 0;
                taken = 0;
                continue;
            }
            if (current == null) continue;
            if (line.isBlank()) {
                blank++;
                if (blank > 1) current = null;
                continue;
            }
            boolean indented = line.startsWith(" ") || line.startsWith("\t");
            boolean newReply = !indented && line.matches("[245]\\d\\d[ -].*")
                    && Diagnostics.replyCode(found.get(current).toString().trim()) != 0;
            if (ERROR_HEADING.matcher(line).matches()) {
                // the heading of this recipient's reason ("undeliverable to a@b" / "Body of message generated
                // response:"; "a@b" / "For the following reason:"): read on; after its text, another section
                if (found.get(current).toString().isBlank()) {
                    blank = 0;
                    taken = 0;
                } else {
                    current = null;
                }
                continue;
            }
            if (SEPARATOR.matcher(line).matches() || underlined(lines, li) || (blank > 0 && !indented && taken > 0) || taken >= 12 || newReply) {
                current = null;
                continue;
            }
            found.get(current).append(' ').append(line.trim());
            taken++;
            blank = 0;
        }
        Map<String, String> out = new LinkedHashMap<>();
        found.forEach((k, v) -> out.put(k, Diagnostics.collapse(v.toString())));
        return out;
    }

    /** Whether line {@code i} is a heading: text whose next line is a ---/===/___ rule. */
    private static boolean underlined(String[] lines, int i) {
        return i + 1 < lines.length && !lines[i].isBlank() && !SEPARATOR.matcher(lines[i]).matches()
                && lines[i + 1].trim().matches("(?:-{3,}+|={3,}+|_{3,}+)");
    }

    /**
     * The error a notice states under an {@link #ERROR_HEADING error heading} (its first such
     * section: the lines after the heading up to a blank line, a rule or six lines), or null.
     */
    static String errorSection(String[] lines) {
        for (int i = 0; i < lines.length; i++) {
            if (!ERROR_HEADING.matcher(lines[i]).matches()) continue;
            StringBuilder sb = new StringBuilder();
            int taken = 0;
            for (int j = i + 1; j < lines.length && taken < 6; j++) {
                String l = lines[j];
                if (l.isBlank()) {
                    if (taken > 0) break;
                    continue;
                }
                if (SEPARATOR.matcher(l).matches() || ERROR_HEADING.matcher(l).matches() || underlined(lines, j)) break;
                if (BARE_ADDRESS.matcher(l).matches()) continue; // the recipient it is about (Notes)
                sb.append(' ').append(l.trim());
                taken++;
            }
            if (taken > 0) return Diagnostics.collapse(sb.toString());
        }
        return null;
    }

    /**
     * The SMTP command a notice names under "-------SMTP command" (Sisimai lib/Sisimai/Lhost/mFILTER.pm),
     * written as the stage phrase "in reply to CMD command", or null (also for DATA, see there).
     */
    static String statedCommand(String[] lines) {
        for (int i = 0; i + 1 < lines.length; i++) {
            if (!COMMAND_HEADING.matcher(lines[i]).matches()) continue;
            for (int j = i + 1; j < lines.length && j <= i + 2; j++) {
                Matcher c = COMMAND.matcher(lines[j]);
                if (!c.find()) continue;
                String cmd = c.group(1).toUpperCase(Locale.ROOT);
                // "DATA" names the whole data phase: the reply may answer the DATA command or the
                // message's end (RFC 5321 s4.1.1.4), which the stage must tell apart; left unstated
                return cmd.equals("DATA") ? null : "(in reply to " + cmd + " command)";
            }
        }
        return null;
    }

    /** The remote host a qmail notice names ({@link #QMAIL_HOST}), or null. */
    static String qmailHost(String text) {
        if (text == null) return null;
        Matcher m = QMAIL_HOST.matcher(text.length() > MAX_LINE ? text.substring(0, MAX_LINE) : text);
        if (!m.find()) return null;
        String h = m.group(1) != null ? m.group(1) : m.group(2);
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    /**
     * The lines of a notice that {@link Replies#about} may take, found once per message: a notice
     * that lists many recipients is then read once, not once per recipient.
     */
    static final class Replies {
        /** Trimmed lines that carry a reply code, with their lower-case form; and whether each is taken for every recipient. */
        private final List<String> lines = new ArrayList<>();
        private final List<String> lowered = new ArrayList<>();
        private final List<Boolean> always = new ArrayList<>();

        Replies(String[] report) {
            for (String line : report) {
                String l = line.toLowerCase(Locale.ROOT);
                if (ERROR_HEADING.matcher(line).matches()) continue; // "For the following reason:": the reason is below it
                boolean general = l.trim().startsWith("<<< 5") || l.trim().startsWith("<<< 4")
                        || l.contains("said:") || l.contains("remote host said") || l.contains("reason:");
                boolean hasCode = general || Diagnostics.replyCode(line.trim()) != 0 || Diagnostics.enhanced(line) != null;
                if (!hasCode) continue;
                lines.add(line.trim());
                lowered.add(l);
                always.add(general);
            }
        }

        /** Lines that carry an SMTP reply about {@code addr} or a transcript reply. */
        String about(String addr) {
            StringBuilder sb = new StringBuilder();
            String lower = addr.toLowerCase(Locale.ROOT);
            for (int i = 0; i < lines.size(); i++) {
                if (always.get(i) || lowered.get(i).contains(lower)) sb.append(' ').append(lines.get(i));
            }
            return Diagnostics.collapse(sb.toString());
        }
    }

    /**
     * The lines of a session transcript (Sendmail, v5 Sendmail) that {@link Transcript#about} may
     * answer with, each with the last "&gt;&gt;&gt; CMD" and "&lt;&lt;&lt; reply" before it, e.g.
     * "&gt;&gt;&gt; MAIL From:&lt;x&gt; &lt;&lt;&lt; 550 Insecure Mail Relay"; found once per message (a notice naming
     * many recipients is not read once per recipient).
     */
    static final class Transcript {
        private final List<String> lowered = new ArrayList<>();
        private final List<String> answers = new ArrayList<>();
        /**
         * A refusal of a command before any recipient (EHLO/HELO, STARTTLS, AUTH, MAIL) that ended the
         * session: the session's, so every recipient's. Not DATA: sendmail logs no "&gt;&gt;&gt; ." line, so its
         * "&gt;&gt;&gt; DATA" followed by a refusal may answer the command or the content after it.
         */
        private static final Pattern SESSION_COMMAND = Pattern.compile("(?i)>>> (?:EHLO|HELO|STARTTLS|AUTH|MAIL)\\b");
        private static final Pattern ENDING_COMMAND = Pattern.compile("(?i)>>> (?:QUIT|RSET)\\b");
        /** The last such refusal, when no command but QUIT or RSET followed it. */
        private String sessionRefusal;
        /** "... while talking to HOST.:" lines (sendmail): one transcript per host tried. */
        private int sessions;

        Transcript(String[] report) {
            String cmd = null;
            String reply = null;
            for (String line : report) {
                String t = line.trim();
                if (t.startsWith("... while talking to ")) sessions++;
                if (t.startsWith(">>> ")) {
                    cmd = t;
                    reply = null;
                    // the session went on (sendmail falls back from a refused EHLO to HELO): not its end
                    if (!ENDING_COMMAND.matcher(t).lookingAt()) sessionRefusal = null;
                } else if (t.startsWith("<<< ")) {
                    if (cmd != null && SESSION_COMMAND.matcher(cmd).lookingAt() && Diagnostics.replyCode(t.substring(4)) / 100 >= 4) {
                        sessionRefusal = cmd + " " + t;
                    }
                    // the reply to "RCPT TO:<a@b>" is about a@b, whether or not it names it
                    boolean rcpt = cmd != null && cmd.regionMatches(true, 4, "RCPT", 0, 4);
                    lowered.add(rcpt ? (t + " " + cmd).toLowerCase(Locale.ROOT) : t.toLowerCase(Locale.ROOT));
                    answers.add(cmd == null ? t : cmd + " " + t);
                    reply = t;
                } else if (cmd != null && Diagnostics.replyCode(t) != 0) {
                    lowered.add(t.toLowerCase(Locale.ROOT));
                    answers.add(reply == null ? cmd : cmd + " " + reply);
                }
            }
        }

        /**
         * The command and reply that refused the whole session before any recipient ("&gt;&gt;&gt; MAIL From:…"
         * then "&lt;&lt;&lt; 552 …", naming no recipient; Sisimai's Sendmail.pm takes the transcript's command for
         * every recipient), when the notice transcribes a single session; else null.
         */
        String session() {
            return sessions <= 1 ? sessionRefusal : null;
        }

        /** The command and reply about {@code addr}, or null when the notice has no transcript naming it. */
        String about(String addr) {
            String lower = addr.toLowerCase(Locale.ROOT);
            for (int i = 0; i < lowered.size(); i++) {
                if (lowered.get(i).contains(lower)) return answers.get(i);
            }
            return null;
        }
    }

    /** The lines of a notice that quote an SMTP reply (start with, or carry after "said:", a reply code). */
    static String replyLines(String[] report) {
        StringBuilder sb = new StringBuilder();
        for (String line : report) {
            String t = line.trim().replaceFirst("^<<<\\s*", "");
            if (t.matches("[245]\\d\\d(?:[ -].*)?") || t.matches("(?i).*(?:said|reason|response|error)\\s*:\\s*[245]\\d\\d\\b.*")) {
                sb.append(' ').append(t);
            }
        }
        return Diagnostics.collapse(sb.toString());
    }

    /** A reply line is at most 512 octets (RFC 5321 s4.5.3.1.5); longer lines are read up to this many characters. */
    static final int MAX_LINE = 4_096;

    /** The lines of a text, each clipped to {@link #MAX_LINE} characters, which bounds the work per line. */
    static String[] lines(String text) {
        String[] lines = text.replace("\r", "").split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].length() > MAX_LINE) lines[i] = lines[i].substring(0, MAX_LINE);
        }
        return lines;
    }

    /** Every address in a text, lower-case, in order. */
    static List<String> addresses(String s) {
        List<String> out = new ArrayList<>();
        if (s == null) return out;
        Matcher m = ADDRESS.matcher(s);
        while (m.find()) out.add(m.group().toLowerCase(Locale.ROOT));
        return out;
    }

    static boolean excluded(String addr, Set<String> exclude) {
        String a = addr.toLowerCase(Locale.ROOT);
        String local = a.substring(0, a.indexOf('@'));
        return exclude.contains(a) || NOT_RECIPIENTS.contains(local) || local.startsWith("bounce");
    }
}
