package org.listguard.feedback;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.listguard.reply.Stage;

/**
 * Reads the facts out of a free-text SMTP diagnostic, whatever MTA wrote it: the reply code
 * (RFC 5321 §4.2), the enhanced status code (RFC 3463), the host that replied, and the SMTP
 * stage the reply answered ("after RCPT TO", "in reply to end of DATA command", ">>> MAIL").
 */
final class Diagnostics {
    private Diagnostics() {}

    static final Pattern ENHANCED = Pattern.compile("(?<![\\d.])([245]\\.\\d{1,3}\\.\\d{1,3})(?![\\d.]*\\d)");
    private static final Pattern CODE = Pattern.compile(
            "(?<![\\d.:/#\\[=-])([245][0-5]\\d)(?:-(?=[245]\\.\\d|[^\\d\\s])|\\s+(?=[245]\\.\\d|[A-Za-z<\\[(\"'])|-?\\s*$)");
    private static final Pattern HOST = Pattern.compile(
            "(?i)(?:\\bhost[: ]\\s*|talking to |connected to |remote[- ]mta:?\\s*(?:dns;\\s*)?|\\bfrom |server )"
                    + "\\[?([a-z0-9][a-z0-9-]*+(?:\\.[a-z0-9-]+)++)\\.?\\]?");
    private static final String[] STAGES = {
        "after (?:the |pipelined )?(?:end of data|data|message)|(?:in reply to|after) end of data|end of data command|>>> \\.|after the message|message content|while sending message|failed after i sent the message|for text command|\\(state 1[578]\\)|\\bin end of data\\b",
        "(?:after|in reply to) (?:pipelined )?rcpt|>>> rcpt|rcpt to command|for rcpt|recipient command|(?:like|rejected) our rcpt|smtp:rcpt\\b|\\[rcpt_to\\]|\\brcpt command|following rcpt|\\bin rcpt to\\b|generated following response|does not like recipient|has rejected address|\\(state 14\\)|most progress was rcpt|unknown recipient or mailbox unavailable ->",
        "(?:after|in reply to) (?:pipelined )?mail(?: from)?|>>> mail from|mail from command|\\bmail command|following mail\\b|\\bin mail from\\b|(?:like|rejected) our mail from|but sender was rejected|most progress was mail|server response to mail from|\\[mail_from\\]",
        "(?:after|in reply to) (?:ehlo|helo)|>>> (?:ehlo|helo)|(?:ehlo|helo) command|but my name was rejected|most progress was (?:ehlo|helo)|unexpected response to (?:ehlo|helo)|\\(state 13\\)",
        "refused to talk to me|(?:initial|smtp) (?:greeting|banner)|after initial connection|on connect|upon connect|while connecting|in reply to (?:the )?greeting|but greeting failed|smtp connection failed|unexpected connection response",
        "(?:in reply to|after) data command|>>> data|failed on data command|data command generated response|most progress was data|for data command",
    };
    private static final Stage[] STAGE_VALUES = {Stage.DATA_END, Stage.RCPT, Stage.MAIL, Stage.EHLO, Stage.CONNECT, Stage.DATA};
    /**
     * The stage wordings above (case-insensitive; non-capturing groups only) as one alternation, a
     * group per stage in the same order: one pass over the text finds the earliest wording, and at
     * the same position the first stage listed.
     */
    private static final Pattern ANY_STAGE = Pattern.compile("(?i)(" + String.join(")|(", STAGES) + ")");

    /** A reply quoted in brackets with its enhanced code ("responded as follows: [550 5.1.1 User unknown]"). */
    private static final Pattern BRACKETED_CODE = Pattern.compile("\\[([245][0-5]\\d)[ -](?=[245]\\.\\d{1,3}\\.\\d)");

    static int replyCode(String text) {
        if (text == null) return 0;
        Matcher m = CODE.matcher(text);
        if (m.find()) return Integer.parseInt(m.group(1));
        Matcher b = BRACKETED_CODE.matcher(text);
        return b.find() ? Integer.parseInt(b.group(1)) : 0;
    }

    static String enhanced(String text) {
        if (text == null) return null;
        Matcher m = ENHANCED.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    static String host(String text) {
        if (text == null) return null;
        Matcher m = HOST.matcher(text);
        while (m.find()) {
            String h = m.group(1);
            if (!h.matches("(?i)[0-9.]+") || h.chars().filter(c -> c == '.').count() == 3) return h;
        }
        return null;
    }

    /**
     * The reply to DATA itself when every recipient had been refused: with PIPELINING (RFC 2920
     * s3.1) the client sends RCPT and DATA together, so a transcript shows ">>> DATA" followed by the
     * RCPT refusals and then this answer to DATA (Postfix "554 5.5.1 Error: no valid recipients",
     * sendmail "503 5.0.0 Need RCPT", Exchange "503 5.5.2 Need rcpt command", qmail "503 RCPT first",
     * Exim "503 valid RCPT command must precede DATA"). The refusals before it answered RCPT, not DATA.
     */
    private static final Pattern NO_RECIPIENTS_FOR_DATA = Pattern.compile(
            "(?i)no valid recipients|need rcpt|need recipient|no recipients? (?:specified|given)|valid rcpt(?: to)? required|rcpt first|must precede data");

    private static final Pattern SPACE_RUNS = Pattern.compile("\\s+");
    /** The stage is named near the reply; the text read for it is bounded like the reply itself. */
    private static final int MAX_STAGE_TEXT = 6_000;

    /** The stage named earliest in the text, UNKNOWN when none is named. */
    static Stage stage(String raw) {
        if (raw == null) return Stage.UNKNOWN;
        // notices fold long lines anywhere ("(in reply to RCPT TO\n    command)")
        String text = SPACE_RUNS.matcher(raw.length() > MAX_STAGE_TEXT ? raw.substring(0, MAX_STAGE_TEXT) : raw).replaceAll(" ");
        Stage stage = Stage.UNKNOWN;
        Matcher m = ANY_STAGE.matcher(text);
        if (m.find()) {
            for (int g = 1; g <= STAGE_VALUES.length; g++) {
                if (m.group(g) != null) {
                    stage = STAGE_VALUES[g - 1];
                    break;
                }
            }
        }
        if (stage == Stage.UNKNOWN && RCPT_WORD.matcher(text).find()) stage = Stage.RCPT;
        if (stage == Stage.DATA && NO_RECIPIENTS_FOR_DATA.matcher(text).find()) return Stage.RCPT;
        return stage;
    }

    /**
     * "RCPT" in capitals as a word of its own ("Error in RCPT: 550 …", "550 5.1.1 RCPT TO:&lt;a@b&gt;
     * user unknown"), where no wording above names the stage: the command the reply answered, as Sisimai
     * 5's SMTP::Command.find() reads it in a notice it has no layout for (joined to letters, digits
     * or "@" it is part of a name). Only RCPT: "MAIL FROM" and "DATA" are also nouns in replies ("The
     * MAIL FROM domain … has an SPF record"), and would misplace a sender-side or content verdict.
     */
    private static final Pattern RCPT_WORD = Pattern.compile("(?<![A-Za-z0-9@`])RCPT(?![A-Za-z0-9@`])");

    static String collapse(String s) {
        return s == null ? null : SPACE_RUNS.matcher(s).replaceAll(" ").trim();
    }
}
