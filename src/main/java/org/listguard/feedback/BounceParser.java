package org.listguard.feedback;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import org.listguard.reply.Action;
import org.listguard.reply.Classification;
import org.listguard.reply.Reply;
import org.listguard.reply.ReplyClassifier;
import org.listguard.reply.Stage;

/**
 * Parses one message from the bounce mailbox into per-recipient {@link BounceRecord}s, in the
 * order the message lists them. Tried in order: an ARF complaint (RFC 5965), a DSN (RFC 3464,
 * also when its fields are pasted into plain text), a non-standard bounce read from its text
 * ({@link TextScanner}), an auto-reply (RFC 3834 → vacation). A message that is none of these,
 * or cannot be read at all, gives {@link ParseResult.Failed} with the reason; it never throws.
 */
public final class BounceParser {
    private static final Pattern INLINE_MBOX = Pattern.compile("(?m)^From (?:MAILER-DAEMON|postmaster)\\S* [^\\n]*\\d{4}[ \\t]*\\r?\\n(?=[A-Za-z-]+:)");
    private static final Pattern TIMED_OUT = Pattern.compile("(?i)timed? ?out|did not accept our requests to connect");
    private static final Pattern DSN_IN_TEXT = Pattern.compile("(?im)^[ \\t]*(?:final|original)-recipient:");

    /**
     * Only this much of a message is read: the notice, the delivery-status and feedback parts come
     * first (RFC 6522 s3: human text, then the report, then the returned original), so a bounded
     * prefix holds everything a classification needs and bounds the time a huge message costs.
     */
    public static final int MAX_PARSED_BYTES = 1 << 20;

    private static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

    static {
        // as in compose/Composer: without the property Jakarta Mail scans every jar through
        // ServiceLoader for each body part it creates
        if (System.getProperty(STREAM_PROVIDER) == null) {
            System.setProperty(STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
        }
    }

    private final ReplyClassifier classifier;
    private final Session session;

    public BounceParser(ReplyClassifier classifier) {
        this.classifier = classifier;
        Properties p = new Properties();
        p.setProperty("mail.mime.parameters.strict", "false");
        p.setProperty("mail.mime.base64.ignoreerrors", "true");
        p.setProperty("mail.mime.uudecode.ignoreerrors", "true");
        p.setProperty("mail.mime.multipart.ignoremissingendboundary", "true");
        p.setProperty("mail.mime.multipart.allowempty", "true");
        this.session = Session.getInstance(p);
    }

    /** Reads at most {@link #MAX_PARSED_BYTES} of the stream (the rest is not needed, see there). */
    public ParseResult parse(String source, InputStream in) {
        try {
            return parse(source, in.readNBytes(MAX_PARSED_BYTES));
        } catch (IOException e) {
            return new ParseResult.Failed(source, "cannot read message: " + e.getMessage());
        }
    }

    /**
     * Parses one message; whatever it holds, the answer is a value: {@link ParseResult.Parsed}, or
     * {@link ParseResult.Failed} with the reason (the documented per-file error). Only the first
     * {@link #MAX_PARSED_BYTES} bytes are read.
     */
    public ParseResult parse(String source, byte[] message) {
        try {
            byte[] m = message.length > MAX_PARSED_BYTES ? java.util.Arrays.copyOf(message, MAX_PARSED_BYTES) : message;
            MimeMessage msg = new MimeMessage(session, new ByteArrayInputStream(withoutMboxLine(m)));
            List<BounceRecord> records = records(msg, 0);
            if (records.isEmpty()) {
                return new ParseResult.Failed(source, "not a bounce, complaint or auto-reply: no delivery status, failed recipient or feedback report found");
            }
            return new ParseResult.Parsed(source, records);
        } catch (MessagingException | IOException | RuntimeException e) {
            return new ParseResult.Failed(source, "cannot parse message: " + e.getMessage());
        } catch (StackOverflowError e) {
            // every pattern on remote text is linear (RE2/J) or bounded; this is a last line of
            // defence so that one hostile message stays a per-file error and never stops the batch
            return new ParseResult.Failed(source, "cannot parse message: nesting too deep");
        }
    }

    private List<BounceRecord> records(MimeMessage msg, int depth) throws MessagingException, IOException {
        MessageParts parts = MessageParts.of(msg);
        String human = String.join("\n", parts.humanText);
        String notice = TextScanner.reportPart(human);
        String report = TextScanner.sendmailNotation(notice);
        String dsnText = String.join("\n\n", parts.deliveryStatus);
        if (dsnText.isBlank() && DSN_IN_TEXT.matcher(report).find()) {
            dsnText = human;
        }
        MatchKeys keys = MatchKeys.of(msg, parts, human, dsnText);
        if (!parts.feedbackReport.isEmpty() || Signals.isArf(msg) || Signals.isJmrp(parts)) return ArfReader.read(msg, parts, keys);

        List<BounceRecord> ses = SesNotification.read(human, classifier, keys);
        if (!ses.isEmpty()) return ses;
        Set<String> exclude = Signals.senders(msg, parts);
        Sections sections = new Sections(report);
        sections.ownDirectory = OwnDirectory.notice(msg);
        DsnFields dsn = dsnText.isBlank() ? null : DsnFields.parse(dsnText);
        sections.hints = hints(msg, dsn);
        sections.mda = MdaStatement.in(msg.getHeader("From", null), human).orElse(null);
        sections.dsnRecipients = dsn == null ? 0 : dsn.recipients.size();
        Map<String, String> texts = TextScanner.scan(sections.lines, exclude);
        if (texts.isEmpty()) texts = TextScanner.scan(sections.lines, Set.of()); // a message sent to oneself
        List<BounceRecord> out = new ArrayList<>();
        if (dsn != null) {
            for (Map<String, String> r : dsn.recipients) out.add(fromDsn(r, texts, report, sections, keys));
        }
        boolean bounce = Signals.looksLikeBounce(msg);
        // some carriers' notices look like ordinary mail (no mailer-daemon, no failure subject)
        if (out.isEmpty() && (bounce || !Signals.isAutoReply(msg))) {
            for (Map.Entry<String, String> e : texts.entrySet()) {
                out.add(fromText(e.getKey(), e.getValue(), report, sections, keys));
            }
        }
        if (out.isEmpty() && parts.attached != null && depth < 2 && Signals.attachedIsBounce(parts)) {
            // a relay forwarded the bounce as an attachment: read the bounce inside
            return records(new MimeMessage(session, new ByteArrayInputStream(parts.attached)), depth + 1);
        }
        java.util.regex.Matcher inline = INLINE_MBOX.matcher(human);
        if (out.isEmpty() && depth < 2 && inline.find()) {
            // a notice that quotes another bounce as an mbox entry ("From MAILER-DAEMON <date>" + headers)
            byte[] quoted = human.substring(inline.end()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            List<BounceRecord> inner = records(new MimeMessage(session, new ByteArrayInputStream(quoted)), depth + 1);
            if (!inner.isEmpty()) return inner;
        }
        if (out.isEmpty() && bounce) {
            List<String> rcpts = Signals.failedRecipients(msg, parts, human.substring(notice.length()));
            for (String r : rcpts) out.add(fromText(r, "", report, sections, keys));
        }
        if (out.isEmpty() && !bounce && Signals.isAutoReply(msg)) {
            String from = msg.getFrom() == null || msg.getFrom().length == 0 ? null
                    : ((InternetAddress) msg.getFrom()[0]).getAddress();
            out.add(new BounceRecord("autoreply", from, null, null, 0, Diagnostics.collapse(msg.getSubject()), null,
                    "vacation", Action.NONE, "rfc3834-auto-reply", keys.verpToken(), keys.originalMessageId()));
        }
        return out;
    }

    private BounceRecord fromDsn(Map<String, String> f, Map<String, String> texts, String report, Sections sections, MatchKeys keys) {
        String finalRcpt = DsnFields.value(f.get("final-recipient"));
        String origRcpt = DsnFields.value(f.get("original-recipient"));
        String rcpt = finalRcpt != null ? finalRcpt : origRcpt;
        String diagType = DsnFields.type(f.get("diagnostic-code"));
        String diag = DsnFields.value(f.get("diagnostic-code"));
        String human = rcpt == null ? null : texts.get(rcpt.toLowerCase(Locale.ROOT));
        if (human == null && origRcpt != null) human = texts.get(origRcpt.toLowerCase(Locale.ROOT));
        String text = diag;
        if (text == null || text.isBlank() || !informative(text)) {
            text = join(text, human);
            if (!informative(text) && rcpt != null) text = join(text, sections.replies().about(rcpt));
            if (!informative(text)) text = join(text, sections.error());
        }
        EnhancedStatus st = EnhancedStatus.of(DsnFields.value(f.get("status")), text);
        String status = st.code();
        String from = st.from();
        String remoteMta = DsnFields.value(f.get("remote-mta"));
        String host = remoteMta != null ? remoteMta : Diagnostics.host(text);
        String action = f.getOrDefault("action", "").toLowerCase(Locale.ROOT).trim();
        String classified = "x-unix".equals(diagType) || "x-local".equals(diagType) ? "x-unix; " + text : text;
        return record("dsn", rcpt, origRcpt != null && !origRcpt.equalsIgnoreCase(rcpt) ? origRcpt : null,
                status, text, classified, join(rcpt == null ? null : sections.transcript().about(rcpt), join(text, human)),
                host, action, keys, sections, from,
                OwnDirectory.localDelivery(remoteMta, diagType, Diagnostics.replyCode(diag)));
    }

    private BounceRecord fromText(String rcpt, String text, String report, Sections sections, MatchKeys keys) {
        String t = join(text, sections.transcript().about(rcpt));
        if (!informative(t)) t = join(t, sections.replies().about(rcpt));
        // the recipients listed in one section, the error under a heading in another (Biglobe, mFILTER, MailMarshal...)
        if (!informative(t)) t = join(t, sections.error());
        // with nothing said about this recipient, show the notice, but classify it only through the
        // guarded whole-notice reading in record()
        String shown = informative(t) ? t : t.isBlank() ? sections.collapsed() : t + " " + sections.collapsed();
        String status = Diagnostics.enhanced(t);
        String host = t.isBlank() ? null : Diagnostics.host(t);
        if (host == null && !informative(t)) host = sections.host();
        if (host == null && !t.isBlank()) host = TextScanner.qmailHost(t);
        return record("text", rcpt, null, status, shown, t, join(t, sections.command()), host, "failed", keys, sections,
                status == null ? null : BounceRecord.FROM_TEXT, false);
    }

    private BounceRecord record(String kind, String rcpt, String orig, String status, String text, String classified,
                                String context, String host, String dsnAction, MatchKeys keys, Sections sections,
                                String statusFrom, boolean ownLookup) {
        String fullText = sections.report;
        int code = Diagnostics.replyCode(classified.startsWith("x-unix; ") ? text : classified);
        boolean delivered = dsnAction.startsWith("deliver") || dsnAction.startsWith("relayed") || dsnAction.startsWith("expanded");
        if (code / 100 == 2 && !delivered) code = 0; // a stray number ("Size: 222"), not the receiver's reply
        Stage stage = Diagnostics.stage(context);
        if (stage == Stage.UNKNOWN) {
            // nothing about this recipient names the stage: the notice's single session may have been
            // refused before any recipient (TextScanner.Transcript#session)
            String session = sections.transcript().session();
            if (session != null) stage = Diagnostics.stage(session);
        }
        Classification c;
        if (delivered) {
            c = new Classification("delivered", Action.NONE, "rfc3464-action-" + dsnAction);
        } else {
            List<String> hints = sections.hints(rcpt);
            c = classifier.classify(new Reply(stage, code, status, classified, host, false, hints));
            if (c.reason().equals("undefined") && code == 0 && !fullText.equals(classified)) {
                // the recipient's block said nothing decisive: read the whole notice (localised notices, links)
                Classification whole = sections.whole(stage, status, host, hints);
                if (!whole.reason().equals("undefined")) c = new Classification(whole.reason(), whole.action(), whole.rule() + "+notice");
            }
            if (dsnAction.startsWith("delayed") && c.reason().equals("undefined")) {
                c = new Classification("expired", Action.SOFT, "rfc3464-action-delayed");
            } else if (dsnAction.startsWith("failed") && c.reason().equals("networkerror") && TIMED_OUT.matcher(text).find()) {
                // a failure report about a connection that kept timing out: the MTA gave up retrying
                // (its queue lifetime ran out), which Sisimai calls expired
                c = new Classification("expired", Action.SOFT, c.rule() + "+gave-up");
            }
            c = unstaged(c, stage, status, classified, ownLookup || sections.ownDirectory);
            MdaStatement.Said mda = sections.mda;
            if (mda != null && kind.equals("dsn") && !c.action().senderSide() && rcpt != null && mda.about(rcpt, sections.dsnRecipients)) {
                // the delivery agent that tried the mailbox said why, in its own words: they outrank the
                // code its MTA wrote around them in the DSN (a text notice quotes the agent as the
                // recipient's own text, read by the rules; a refusal of our side is never re-read as the member's)
                c = new Classification(mda.reason(), org.listguard.reply.Reasons.actionOf(mda.reason()), "mda-" + mda.agent());
                if (!text.contains(mda.line())) text = mda.line() + " (" + mda.agent() + "); " + text;
            }
        }
        // the quote an operator or a delisting form reads: a multi-line reply as one sentence
        String joined = org.listguard.reply.MultiLine.join(text);
        String shown = joined != null && joined.length() > 2_000 ? joined.substring(0, 2_000) + "…" : joined;
        return new BounceRecord(kind, rcpt, orig, status, code, shown, host, c.reason(), c.action(), c.rule(),
                keys.verpToken(), keys.originalMessageId(), stage, statusFrom);
    }

    /**
     * "User unknown" in words, with neither an addressing code (X.1.x) nor a stage the notice names,
     * in a notice that is not the mailbox host's own directory lookup ({@link OwnDirectory}): the
     * receiver may have said it after reading the message, as filters do. Sisimai decides so
     * (Reason::Filtered's true(): "user unknown" words are the filter's unless the SMTP command was
     * one sent before DATA; Reason::UserUnknown's true() wants an X.1.1 status or RCPT): the report
     * reads {@code filtered}, rule marked {@code +unstaged}, and never suppresses a member on its
     * own (EvidenceWeights: unproven); it is shown for the operator's look.
     */
    private static Classification unstaged(Classification c, Stage stage, String status, String text, boolean ownDirectory) {
        if (c.action() != Action.HARD || !c.reason().equals("userunknown") || stage != Stage.UNKNOWN) return c;
        if (status != null && status.length() > 3 && status.startsWith(".1.", 1)) return c;
        if (ownDirectory || OwnDirectory.words(text)) return c;
        // a provider's own code for "no such recipient" (Facebook's RCP-P1), read only in that provider's
        // notice, is its structured statement, as an addressing code is: not words a filter may say
        if (c.rule().contains(ReplyClassifier.PROVIDER)) return c;
        return new Classification("filtered", Action.CONTENT, c.rule() + UNSTAGED);
    }

    /** The mark of an unplaced "user unknown" (see {@link #unstaged}). */
    static final String UNSTAGED = "+unstaged";

    /** What a notice states once for all its recipients, read at most once per message (not once per recipient). */
    private final class Sections {
        private final String report;
        /** The notice's lines, split once ({@link TextScanner#lines}) for every reader below. */
        private final String[] lines;
        private TextScanner.Transcript transcript;
        private TextScanner.Replies replies;
        private String collapsed;
        private String host;
        private boolean hostRead;
        private String error;
        private boolean errorRead;
        private String command;
        private boolean commandRead;
        /** The whole notice's reading by (stage, status, host): the same for every recipient that has no text of its own. */
        private final Map<List<Object>, Classification> wholes = new java.util.HashMap<>();
        /** The notice is the mailbox host's own directory lookup ({@link OwnDirectory#notice}). */
        private boolean ownDirectory;
        /** The local delivery agent's own statement in the notice, or null ({@link MdaStatement}). */
        private MdaStatement.Said mda;
        /** How many recipients the DSN lists: an agent's statement naming nobody is about the only one. */
        private int dsnRecipients;
        /** Whose notice this is, for provider rules gated on hosts ({@link BounceParser#hints}). */
        private List<String> hints = List.of();

        /** The message's hints and the recipient's domain (Sisimai's Data.pm: the destination when the remote host says nothing). */
        List<String> hints(String rcpt) {
            int at = rcpt == null ? -1 : rcpt.lastIndexOf('@');
            if (at < 0) return hints;
            List<String> out = new ArrayList<>(hints);
            out.add(rcpt.substring(at + 1));
            return out;
        }

        Sections(String report) {
            this.report = report;
            this.lines = TextScanner.lines(report);
        }

        TextScanner.Transcript transcript() {
            if (transcript == null) transcript = new TextScanner.Transcript(report.contains(">>> ") ? lines : new String[0]);
            return transcript;
        }

        TextScanner.Replies replies() {
            if (replies == null) replies = new TextScanner.Replies(lines);
            return replies;
        }

        String collapsed() {
            if (collapsed == null) collapsed = Diagnostics.collapse(report);
            return collapsed;
        }

        String host() {
            if (!hostRead) {
                host = Diagnostics.host(collapsed());
                if (host == null) host = TextScanner.qmailHost(collapsed());
                hostRead = true;
            }
            return host;
        }

        String error() {
            if (!errorRead) {
                error = TextScanner.errorSection(lines);
                errorRead = true;
            }
            return error;
        }

        /** The whole notice read as the reply (localised notices, links), guarded: boilerplate alone never makes it hard. */
        Classification whole(Stage stage, String status, String host, List<String> hints) {
            return wholes.computeIfAbsent(java.util.Arrays.asList(stage, status, host, hints), k -> {
                Classification whole = classifier.classify(new Reply(stage, 0, status, report, host, false, hints));
                if (whole.action() == Action.HARD) {
                    // boilerplate ("the address may not exist") must not suppress: only a quoted reply may
                    String replies = TextScanner.replyLines(lines);
                    Classification quoted = classifier.classify(new Reply(stage, Diagnostics.replyCode(replies), status, replies, host, false, hints));
                    whole = quoted.action() == Action.HARD ? whole : quoted;
                }
                return whole;
            });
        }

        String command() {
            if (!commandRead) {
                command = TextScanner.statedCommand(lines);
                commandRead = true;
            }
            return command;
        }
    }

    /**
     * Who wrote the notice, for provider rules gated on hosts ({@code Reply#hints}): the DSN's
     * {@code Reporting-MTA} (RFC 3464 s2.2.2) and the domain of the notice's {@code From:} address
     * (Facebook's "mailer-daemon@mx.facebook.com", Sisimai Lhost/Facebook.pm's own gate). Either can
     * be forged by whoever sends the report, and so can the codes it quotes: a hint only chooses how
     * a provider's code reads, and the evidence rules (EvidenceWeights) decide what any reading may do.
     */
    static List<String> hints(MimeMessage msg, DsnFields dsn) {
        List<String> out = new ArrayList<>(2);
        if (dsn != null) {
            String reporting = DsnFields.value(dsn.message.get("reporting-mta"));
            if (reporting != null) out.add(reporting.trim());
        }
        try {
            jakarta.mail.Address[] from = msg.getFrom();
            if (from != null && from.length > 0 && from[0] instanceof InternetAddress a && a.getAddress() != null) {
                int at = a.getAddress().lastIndexOf('@');
                if (at >= 0) out.add(a.getAddress().substring(at + 1));
            }
        } catch (MessagingException | RuntimeException e) {
            // an unreadable From: gives no hint
        }
        return out;
    }

    /** Drops a leading mbox "From " separator line, which is not a header (RFC 4155). */
    static byte[] withoutMboxLine(byte[] m) {
        if (m.length > 5 && m[0] == 'F' && m[1] == 'r' && m[2] == 'o' && m[3] == 'm' && m[4] == ' ') {
            int nl = 0;
            while (nl < m.length && m[nl] != '\n') nl++;
            return java.util.Arrays.copyOfRange(m, Math.min(nl + 1, m.length), m.length);
        }
        return m;
    }

    /** Whether a diagnostic says something beyond a bare code. */
    private static boolean informative(String s) {
        return s != null && s.replaceAll("[\\d.\\s<>;:@-]", "").length() >= 8;
    }

    private static String join(String a, String b) {
        if (a == null || a.isBlank()) return b == null ? "" : b;
        if (b == null || b.isBlank() || a.contains(b)) return a;
        if (b.contains(a)) return b;
        return a + " " + b;
    }
}
