package org.listguard.feedback;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The local delivery agent's own words in a bounce notice: the program that tried to write into
 * the mailbox (Dovecot's LDA, mail.local, procmail, maildrop, vpopmail's vdelivermail, vmailmgr's
 * vdeliver) says why it could not, in its own fixed wording, at the head of the notice its MTA
 * sends back. It was the last to touch the mailbox, so its statement outranks the code the MTA
 * wrote around it: Dovecot's "Not enough disk space" under a relayed {@code Status: 5.1.1} is a
 * full mailbox, not a missing one.
 * <p>
 * Markers and wordings as Sisimai's MDA.pm keeps them (Dovecot's
 * {@code DEFAULT_MAIL_REJECTION_HUMAN_REASON} "Your message to &lt;%t&gt; was automatically
 * rejected:%n%r", src/deliver/deliver.c; its quota plugin's messages), read the same way: only in
 * a notice from the mail system (its {@code From:} a mailer-daemon, postmaster or "Mail Delivery
 * Subsystem"), from the marker line to the first blank line, and only when one of the agent's known
 * wordings is there. A marker without a known wording says nothing.
 * <p>
 * Read only in a DSN (RFC 3464), where the MTA wrote its own code around the agent's words; in a
 * text notice (qmail's) the agent's line is the recipient's text and the reply rules read it.
 * <p>
 * Like every reading of a notice, this can be forged by whoever sends the report; it only chooses
 * how the report reads, and the evidence rules ({@link EvidenceWeights}) decide what it may do.
 */
public final class MdaStatement {
    private MdaStatement() {}

    /**
     * What the agent said: its name, the reason (Sisimai's vocabulary), the line that says it, and
     * the recipient its marker names (Dovecot's "Your message to &lt;a@b&gt;"), or null when it names none.
     */
    public record Said(String agent, String reason, String line, String recipient) {

        /**
         * Whether the statement is about {@code rcpt}, one of {@code recipients} in the notice: the
         * address its marker names, else the notice's only recipient (an agent that names nobody, or
         * only a local user, in a notice about several may have spoken of any of them).
         */
        public boolean about(String rcpt, int recipients) {
            if (recipient != null && recipient.contains("@")) return recipient.equalsIgnoreCase(rcpt);
            // Dovecot's %t may also be a bare user name, the local part or the local user an alias
            // led to ("<nekochan>" for userunknown@…): it then tells recipients apart only by the local part
            if (recipient != null && rcpt.regionMatches(true, 0, recipient + "@", 0, recipient.length() + 1)) return true;
            return recipients == 1;
        }
    }

    private record Agent(String name, java.util.regex.Pattern marker, List<Map.Entry<String, List<String>>> wordings) {}

    private static final List<Agent> AGENTS = List.of(
            new Agent("dovecot", java.util.regex.Pattern.compile("^Your message to <?([^\\s<>]+)>? was automatically rejected:$"), List.of(
                    Map.entry("userunknown", List.of("mailbox doesn't exist: ")),
                    Map.entry("mailboxfull", List.of("quota exceeded", "not enough disk space")))),
            new Agent("mail.local", java.util.regex.Pattern.compile("^mail\\.local: "), List.of(
                    Map.entry("userunknown", List.of(": unknown user:", ": user unknown", ": invalid mailbox path", ": user missing home directory")),
                    Map.entry("mailboxfull", List.of("disc quota exceeded", "mailbox full or quota exceeded")),
                    Map.entry("systemerror", List.of("temporary file write error")))),
            new Agent("procmail", java.util.regex.Pattern.compile("^procmail: "), List.of(
                    Map.entry("mailboxfull", List.of("quota exceeded while writing")),
                    Map.entry("systemfull", List.of("no space left to finish writing")))),
            new Agent("maildrop", java.util.regex.Pattern.compile("^maildrop: "), List.of(
                    Map.entry("userunknown", List.of("invalid user specified.", "cannot find system user")),
                    Map.entry("mailboxfull", List.of("maildir over quota.")))),
            new Agent("vpopmail", java.util.regex.Pattern.compile("^vdelivermail: "), List.of(
                    Map.entry("userunknown", List.of("sorry, no mailbox here by that name.")),
                    Map.entry("filtered", List.of("account is locked email bounced", "user does not exist, but will deliver to ")),
                    Map.entry("mailboxfull", List.of("domain is over quota", "user is over quota")))),
            new Agent("vmailmgr", java.util.regex.Pattern.compile("^vdeliver: "), List.of(
                    Map.entry("userunknown", List.of("invalid or unknown base user or domain", "invalid or unknown virtual user",
                            "user name does not refer to a virtual user")),
                    Map.entry("mailboxfull", List.of("delivery failed due to system quota violation")))));

    /** A substring of every marker above: a notice without any holds no agent's statement. */
    private static final List<String> CUES = List.of(" was automatically rejected:", "mail.local: ", "procmail: ", "maildrop: ",
            "vdelivermail: ", "vdeliver: ");

    /** At most this many lines after the marker are read (a statement is a line or two; hostile notices are bounded). */
    private static final int MAX_LINES = 20;
    /** Lines longer than this are not an agent's fixed wording. */
    private static final int MAX_LINE = 1_000;

    /**
     * The agent's statement in the notice's human-readable text {@code human}, when the notice
     * comes from the mail system ({@code from}: its raw {@code From:} header, or null).
     */
    public static Optional<Said> in(String from, String human) {
        if (from == null || human == null || !fromMailSystem(from)) return Optional.empty();
        if (CUES.stream().noneMatch(human::contains)) return Optional.empty(); // most notices: no split at all
        String[] lines = human.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.length() > MAX_LINE) continue;
            for (Agent a : AGENTS) {
                java.util.regex.Matcher marker = a.marker().matcher(line);
                if (!marker.find()) continue;
                String named = marker.groupCount() > 0 ? marker.group(1) : null;
                // the marker line and what follows it, up to the first blank line (Sisimai MDA.pm)
                int end = i;
                while (end < lines.length && end - i < MAX_LINES && (end == i || !lines[end].isBlank())) end++;
                for (Map.Entry<String, List<String>> w : a.wordings()) {
                    for (int k = i; k < end; k++) {
                        String l = lines[k].strip();
                        String lower = l.toLowerCase(Locale.ROOT);
                        for (String p : w.getValue()) {
                            if (l.length() <= MAX_LINE && lower.contains(p)) return Optional.of(new Said(a.name(), w.getKey(), l, named));
                        }
                    }
                }
                return Optional.empty(); // the first marker decides: its agent said nothing we know
            }
        }
        return Optional.empty();
    }

    private static boolean fromMailSystem(String from) {
        String f = from.strip().toLowerCase(Locale.ROOT);
        if (f.startsWith("\"")) f = f.substring(1);
        return f.startsWith("mail delivery subsystem") || f.startsWith("mailer-daemon") || f.startsWith("postmaster")
                || f.contains("<mailer-daemon@") || f.contains("<postmaster@");
    }
}
