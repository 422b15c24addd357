package org.listguard.reply;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Classifies an SMTP reply (live, or the diagnostic of a bounce) into a Sisimai reason and an
 * {@link Action}: the first matching rule of {@link ReplyRules} wins, then a fallback by code
 * class. The contracts that protect the list (DELIVERABILITY.md §4):
 * <ul>
 *   <li>a bare 5xx is never {@code hard}: only a rule (text or enhanced code saying the mailbox or
 *       domain does not exist) makes a reply hard;</li>
 *   <li>a spam or policy verdict before the receiver saw the content (CONNECT/EHLO/MAIL/RCPT/DATA)
 *       is read as a block of the sender ({@code blocked}, reputation); other content-family reasons
 *       said that early (the recipient's own filter, a malware refusal) keep their reason, never hard;</li>
 *   <li>a "does not exist" at MAIL FROM is about our envelope sender ({@code rejected}, sender);</li>
 *   <li>a 4xx is temporary (RFC 5321 §4.2.1) and never {@code hard}, unless the rule marks its text
 *       as a permanent fact (a null MX);</li>
 *   <li>"user unknown" after the end of DATA is a filter ({@code filtered}), as in Sisimai;</li>
 *   <li>an unexplained 5xx from our own relay ({@code fromRelay}) is a sender problem; from a receiver
 *       it is {@code undefined} (soft), except before RCPT, where it can only be about the sender.</li>
 * </ul>
 * Thread-safe and immutable; build one and share it.
 */
public final class ReplyClassifier {
    /** Continuation prefixes of multi-line replies ("550-5.7.1 "), removed before matching. */
    private static final Pattern CONTINUATION = Pattern.compile("(?:^|\\s)[245]\\d\\d-(?:[245]\\.\\d{1,3}\\.\\d{1,3}\\s)?");
    private static final Pattern LEADING_CODES = Pattern.compile("^\\s*([245]\\d\\d)[- ]([245]\\.\\d{1,3}\\.\\d{1,3})\\s");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private final java.util.function.Supplier<ReplyRules> rules;

    public ReplyClassifier(ReplyRules rules) { this.rules = () -> rules; }

    private ReplyClassifier(java.util.function.Supplier<ReplyRules> rules) { this.rules = rules; }

    /**
     * As {@link #withOverride}, but the shipped rules are loaded at the first classification, not
     * now (issue 21: a dry run classifies no reply, and loading them was a large part of its start).
     * A user's file is read now, so that a bad one is still found before anything is sent.
     */
    public static ReplyClassifier whenUsed(Optional<Path> userRules) {
        if (userRules.isPresent()) return withOverride(userRules);
        return new ReplyClassifier(new java.util.function.Supplier<>() {
            private volatile ReplyRules loaded;

            @Override
            public ReplyRules get() {
                ReplyRules r = loaded;
                if (r == null) {
                    synchronized (this) {
                        if (loaded == null) loaded = ReplyRules.defaults();
                        r = loaded;
                    }
                }
                return r;
            }
        });
    }

    /** The shipped rules. */
    public static ReplyClassifier standard() { return new ReplyClassifier(ReplyRules.defaults()); }

    /** The shipped rules with an optional user override file (see {@link ReplyRules}). */
    public static ReplyClassifier withOverride(Optional<Path> userRules) {
        return new ReplyClassifier(ReplyRules.load(userRules));
    }

    public Classification classify(Stage stage, int code, String enhanced, String text, String host, boolean fromRelay) {
        return classify(new Reply(stage, code, enhanced, text, host, fromRelay));
    }

    public Classification classify(Reply reply) {
        String text = normalise(reply.text());
        boolean success = reply.code() / 100 == 2 || (reply.enhanced() != null && reply.enhanced().startsWith("2."));
        if (success) return new Classification("delivered", Action.NONE, "default-2xx");
        Folded folded = Folded.of(text);
        for (ReplyRule r : rules.get().rules()) {
            if (r.matches(reply, text, folded)) {
                String id = r.hosts().isEmpty() ? r.id() : r.id() + PROVIDER;
                Classification c = byAddressingCode(reply, new Classification(r.reason(), r.action(), id));
                return guard(reply, c, r.permanent(), window(r, text, folded));
            }
        }
        return fallback(reply);
    }

    /**
     * The transport's words (a network, queue, protocol or server error) under a
     * permanent addressing code: the code says what failed (RFC 3463 s3.2: X.1.1 bad mailbox, X.1.2
     * bad system, X.1.3 bad syntax, X.1.6 moved), the words how the MTA got there ("… after
     * retrying", "Connection closed"). As Sisimai's userunknown.rb reads a 5.1.1 status (it yields only
     * to relaying, block, full-mailbox, moved, rejected-sender and not-accepted wordings), the code
     * wins over these; other verdicts (the sender's side, content, a full or disabled mailbox) stand,
     * and so does a local program's failure (mailererror: Postfix maps a program's exit code, such as
     * sendmail's EX_NOUSER, to X.1.1 itself; the code is then the MTA's guess, not a statement).
     */
    private static Classification byAddressingCode(Reply reply, Classification c) {
        if (c.action() != Action.SOFT || !TRANSPORT_WORDS.contains(c.reason()) || reply.enhanced() == null) return c;
        String reason = ADDRESSING_REASONS.get(reply.enhanced());
        return reason == null ? c : new Classification(reason, Reasons.actionOf(reason), c.rule() + "+code-" + reply.enhanced());
    }

    /**
     * The mark of a rule gated on a provider's hosts: the provider's own code or wording, read in
     * that provider's reply (its structured statement, as an enhanced code is a receiver's).
     */
    public static final String PROVIDER = "+provider";

    /** The soft reasons that name how a delivery failed, not what: an addressing code overrules them. */
    private static final java.util.Set<String> TRANSPORT_WORDS = java.util.Set.of("networkerror", "expired", "systemerror", "syntaxerror");
    /** RFC 3463 s3.2's permanent addressing details and the reason each states (as the code-only rules below). */
    private static final java.util.Map<String, String> ADDRESSING_REASONS = java.util.Map.of(
            "5.1.1", "userunknown", "5.1.3", "userunknown", "5.1.2", "hostunknown", "5.1.6", "hasmoved");

    /**
     * A reply that names the sender's side: our IP or host, our domain or envelope address, our
     * authentication (SPF, DKIM, DMARC, SMTP AUTH, TLS) or our PTR. Such a reply is about the sender
     * and never suppresses the member, whatever else it says (RFC 3463 X.7.x subjects; DELIVERABILITY.md s4).
     */
    static final com.google.re2j.Pattern NAMES_SENDER = com.google.re2j.Pattern.compile(
            "(?i)\\b(?:your|sending|client|connecting|originating) (?:ip|host|server|mta|domain|network)"
                    + "|\\bsender(?:'s)? (?:ip|host|server|domain|network)|\\b(?:spf|dkim|dmarc|ptr|rdns)\\b|reverse dns|authenticat");

    /**
     * The first layer's contracts, applied over a phrase rule's verdict: the SMTP stage of the
     * refusal (RFC 5321 s4.1: what the receiver knew when it refused) and the class of the code
     * (RFC 5321 s4.2.1, RFC 3463 s3.1: 4 = temporary) bound what the phrase may conclude.
     */
    private static Classification guard(Reply reply, Classification c, boolean permanent, String text) {
        Stage st = reply.stage();
        if (c.action() == Action.CONTENT && !st.sawContent() && SENDER_VERDICTS_BEFORE_DATA.contains(c.reason())) {
            // a spam or policy verdict before the receiver saw the message judges the sender (its IP,
            // domain or envelope), not the content: the guard must count it as a block of the sender
            return new Classification("blocked", Action.REPUTATION, c.rule() + "+pre-data");
        }
        // the other content-family reasons before DATA (the recipient's own filter, a malware or
        // form refusal announced early) stand as the receiver stated them: never hard, and the
        // guard counts them as refusals of the campaign, not of its text (Guard#onReply)
        if (c.action() == Action.HARD && st == Stage.MAIL) {
            // the envelope sender was refused: "does not exist" is about our address, not the member's
            return new Classification("rejected", Action.SENDER, c.rule() + "+mail-stage");
        }
        if (c.action() == Action.HARD && (st == Stage.CONNECT || st == Stage.EHLO || st == Stage.STARTTLS || st == Stage.AUTH)) {
            return new Classification("blocked", Action.REPUTATION, c.rule() + "+pre-envelope");
        }
        boolean temporaryCode = reply.code() / 100 == 4;
        boolean temporaryStatus = reply.enhanced() != null && reply.enhanced().startsWith("4.");
        if (c.action() == Action.HARD && (temporaryCode || (temporaryStatus && !permanent))) {
            // a 4xx is temporary by definition (RFC 5321 s4.2.1): never suppress on it. Only a status
            // 4.x.x summarised by a reporting MTA yields to a text that proves a permanent DNS fact.
            String reason = c.reason().equals("hostunknown") ? "networkerror" : c.reason();
            return new Classification(reason, Action.SOFT, c.rule() + "+temporary");
        }
        if (c.action() == Action.HARD && NAMES_SENDER.matcher(text).find()) {
            // (text is the reply around the phrase that decided, see window())
            // the reply is (also) about us: never suppress the member on it; and as it also names the
            // recipient, neither pause every run on it: retry later (soft)
            return new Classification("undefined", Action.SOFT, c.rule() + "+names-sender");
        }
        if (c.reason().equals("userunknown") && addressing(reply.enhanced())) {
            // the structured code itself says the address is bad (RFC 3463 X.1.0, X.1.1, X.1.3, X.1.10)
            return c;
        }
        if (c.reason().equals("userunknown") && st == Stage.DATA_END) {
            // the recipient was taken at RCPT and refused after the content: the words cover a filter's
            // refusal (Sisimai reason/filtered.rb: "all the MTAs read the headers and the entire message
            // body after the DATA command"). A "user unknown" printed after ">>> DATA" in a transcript
            // is the pipelined reply to RCPT (RFC 2920) and stays the recipient's.
            return new Classification("filtered", Action.CONTENT, c.rule() + "+after-data");
        }
        if (c.reason().equals("userunknown") && st != Stage.RCPT && mailboxExists(reply.enhanced())) {
            // "unknown user" in words, but the enhanced code says "the mailbox exists, but ..." (RFC 3463
            // s3.5, X.2.x) and the refusal is not known to be at RCPT: the structured code wins, a
            // filter's refusal, never a suppression. Other details (X.x.0 "other or undefined", X.7.1
            // "not authorized") do not contradict the words, which stand.
            return new Classification("filtered", Action.CONTENT, c.rule() + "+code-" + reply.enhanced());
        }
        return c;
    }

    /**
     * The part of the text the decision rests on: {@value #WINDOW} characters either side of the
     * phrase that matched (a reply line is at most 512 octets, RFC 5321 s4.5.3.1.5), or the first
     * 512 characters for a rule on codes alone. A long notice's boilerplate or a quoted transcript
     * elsewhere does not speak for this reply.
     */
    static String window(ReplyRule r, String text, Folded folded) {
        if (r.text() == null) return text.substring(0, Math.min(text.length(), 512));
        int[] m = r.matcher().span(text, folded);
        if (m == null) return text;
        return text.substring(Math.max(0, m[0] - WINDOW), Math.min(text.length(), m[1] + WINDOW));
    }

    static final int WINDOW = 512;

    /** Spam and policy verdicts: said before DATA, they can only judge the sender. */
    private static final java.util.Set<String> SENDER_VERDICTS_BEFORE_DATA = java.util.Set.of("spamdetected", "policyviolation");

    /**
     * RFC 3463 X.1.0 other address status, X.1.1 bad destination mailbox, X.1.3 bad mailbox syntax,
     * and X.1.10 (RFC 7505: the recipient's domain publishes a null MX; Microsoft 365 also uses it for
     * RESOLVER.ADR.RecipientNotFound).
     */
    private static boolean addressing(String enhanced) {
        if (enhanced == null || !enhanced.startsWith(".1.", 1)) return false;
        String detail = enhanced.substring(4);
        return detail.equals("0") || detail.equals("1") || detail.equals("3") || detail.equals("10");
    }

    /**
     * An enhanced code that contradicts "no such mailbox": X.2.x, mailbox status, whose details all
     * begin "the mailbox exists, but ..." (RFC 3463 s3.5), X.2.0 included.
     */
    private static boolean mailboxExists(String enhanced) {
        return enhanced != null && enhanced.startsWith(".2.", 1);
    }

    /**
     * The first layer alone, when no phrase rule applies: the code class and the stage. A refusal
     * before any address was given (CONNECT, EHLO) can only be about the sending host, temporary or
     * not (Postfix: "refused to talk to me"); one at MAIL FROM is about our envelope sender; a
     * failed AUTH or STARTTLS is our transport's configuration.
     */
    private static Classification fallback(Reply r) {
        int cls = r.code() / 100;
        if (cls == 0 && r.enhanced() != null && !r.enhanced().isEmpty()) cls = r.enhanced().charAt(0) - '0';
        boolean refused = cls == 4 || cls == 5;
        if (refused && (r.stage() == Stage.CONNECT || r.stage() == Stage.EHLO)) {
            return new Classification("blocked", Action.REPUTATION, "stage-" + cls + "xx-before-mail");
        }
        if (refused && r.stage() == Stage.AUTH) return new Classification("securityerror", Action.SENDER, "stage-" + cls + "xx-auth");
        if (refused && r.stage() == Stage.STARTTLS) {
            return new Classification("failedstarttls", Action.SENDER, "stage-" + cls + "xx-starttls");
        }
        if (cls == 4) return new Classification("undefined", Action.SOFT, "default-4xx");
        if (cls == 5 && r.stage() == Stage.MAIL) {
            // refused at MAIL FROM: the envelope sender, not a recipient
            return new Classification("rejected", Action.SENDER, "stage-5xx-at-mail");
        }
        if (cls == 5 && r.fromRelay()) {
            // our own smart host refused without saying why: its policy for us (auth, quota, sender), not the member
            return new Classification("rejected", Action.SENDER, "default-5xx-relay");
        }
        if (cls == 5) return new Classification("undefined", Action.SOFT, "default-5xx");
        return new Classification("undefined", Action.SOFT, "default-unknown");
    }

    /**
     * Replies are short (RFC 5321 §4.5.3.1.5: 512 octets a line); a bounce notice may be long. Only
     * the first {@value #MAX_TEXT} characters are read, which bounds the time a hostile message costs.
     */
    static final int MAX_TEXT = 4_000;

    static String normalise(String text) {
        String t = text == null ? "" : text;
        if (t.length() > MAX_TEXT) t = t.substring(0, MAX_TEXT);
        t = MultiLine.join(t); // "554-… 554-… 554 reputation." reads as one sentence
        java.util.regex.Matcher lead = LEADING_CODES.matcher(t);
        if (lead.find()) {
            // the last line of a multi-line reply repeats "550 5.7.1" without the hyphen
            t = t.substring(0, lead.end()) + t.substring(lead.end()).replace(" " + lead.group(1) + " " + lead.group(2) + " ", " ");
        }
        t = CONTINUATION.matcher(t).replaceAll(" ");
        return SPACES.matcher(t).replaceAll(" ").trim();
    }
}
