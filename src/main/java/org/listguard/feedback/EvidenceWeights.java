package org.listguard.feedback;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.listguard.config.BounceScore;
import org.listguard.config.Durations;
import org.listguard.journal.MemberEvidence.Entry;

/**
 * What one report is worth against its member (issue 22; DELIVERABILITY.md s12). Pure: the
 * entry, the member's other live entries and the settings decide.
 * <ul>
 *   <li>{@link Grade#DEFINITIVE}: a hard bounce with an addressing code (RFC 3463 X.1.1 bad
 *       mailbox, X.1.2 bad system, X.1.3 bad syntax, X.1.6 moved; RFC 7505 X.1.10 null MX, which
 *       Microsoft also gives for "RecipientNotFound") given at RCPT (RFC 5321 s4.1:
 *       before any content was seen) or in the DSN's structured {@code Status:} field (RFC 3464
 *       s2.3.4): the member is suppressed at once. So is RFC 7293's X.7.17 "mailbox owner has changed" / X.7.18 "domain owner has changed"
 *       (Require-Recipient-Valid-Since), at any stage: the address belongs to someone else now.</li>
 *   <li>{@link Grade#ADDRESSING}: the same code read only from words, at an unknown stage, or in
 *       our relay's reply after DATA: adds {@value #AMBIGUOUS_HARD}; the same from two distinct
 *       runs is definitive.</li>
 *   <li>{@link Grade#AMBIGUOUS}: another hard reason (user unknown at RCPT without an addressing
 *       code, or in the mailbox host's own directory notice; host unknown, moved, no mail accepted):
 *       adds {@value #AMBIGUOUS_HARD} to the score.</li>
 *   <li>{@link Grade#UNPROVEN}: "user unknown" in words with neither an addressing code nor a stage,
 *       in a notice that is not the mailbox host's own directory lookup (BounceParser reads it
 *       {@code filtered}, as Sisimai does, and marks the rule {@code +unstaged}; earlier versions
 *       journalled it hard with the same mark): a filter may say so after reading the message, so it
 *       never suppresses; it adds {@value #WEAK_ADDRESS} to the look score.</li>
 *   <li>{@link Grade#EXISTS}: the receiver's words say the mailbox exists and refused this mail:
 *       its own filter (also when it says "user unknown" after DATA, or with an X.2 code), a
 *       disabled mailbox, a mailbox full for longer than {@code full_after}. Never suppresses,
 *       however many runs (Sisimai's reasons {@code filtered}, {@code suspend}, {@code mailboxfull}
 *       are not "the address is gone"); it adds to the member's <em>look</em> score instead, and
 *       past the threshold the member is shown to the operator ("needs your look").</li>
 *   <li>{@link Grade#NEVER}: sender-side or policy (reputation, sender, throttle, content verdicts,
 *       and every X.7.x code the receiver gave, 5.7.9 included: RFC 3463 s3.8 "security or policy
 *       status"; RFC 7293's X.7.17 and X.7.18 above are the exception, statements about the
 *       address, not a policy): never counts against the member (DESIGN.md invariant 3). One exception, which is
 *       not the receiver's policy: an X.7 code that only the reporting MTA wrote in {@code Status:}
 *       when the receiver's own RCPT reply has no enhanced code and says the address is bad
 *       ("553 Invalid recipient"): the receiver's statement wins over a relay's guess at a code,
 *       and it counts as {@link Grade#AMBIGUOUS} (two runs), never at once.</li>
 *   <li>{@link Grade#NOTHING}: says nothing about the address (a transient soft bounce, a full
 *       mailbox not yet {@code full_after} old).</li>
 * </ul>
 * The weights count runs the way Mailman 2 counted days (hard 1.0, soft 0.5 toward 5.0), scaled
 * to a newsletter that runs monthly: two ambiguous hard bounces suppress; on the look score, three
 * weak address statements or full/disabled reports, or five filter refusals, in the stale window.
 */
public final class EvidenceWeights {
    private EvidenceWeights() {}

    /** A hard reason that is not proven: two runs reach the default threshold. */
    public static final double AMBIGUOUS_HARD = 2.5;
    /** On the look score: "user unknown" in a filter's refusal; a disabled mailbox: three runs. */
    public static final double WEAK_ADDRESS = 2.0;
    /** On the look score: a mailbox full for longer than {@code full_after}: three more runs. */
    public static final double LONG_FULL = 2.0;
    /** On the look score: any other refusal by the recipient's own filter: five runs, more than a monthly list has in 90 days. */
    public static final double FILTERED = 1.0;

    /** How a report bears on its member. */
    public enum Grade { DEFINITIVE, ADDRESSING, AMBIGUOUS, UNPROVEN, EXISTS, NEVER, NOTHING;

        public String json() { return name().toLowerCase(Locale.ROOT); }

        /** Whether this grade says the address is bad (it adds to the score that suppresses). */
        public boolean againstAddress() { return this == DEFINITIVE || this == ADDRESSING || this == AMBIGUOUS; }
    }

    /** One entry weighed: its grade, what it adds, and why, in words an operator reads. */
    public record Weighed(Entry entry, Grade grade, double weight, String why) {}

    /** RFC 7293 s3.2's two statements that the address changed hands (X.7.19, "test cannot be completed", is not one). */
    private static final java.util.Map<String, String> OWNER_CHANGED = java.util.Map.of(
            "5.7.17", "mailbox owner has changed", "5.7.18", "domain owner has changed");
    private static final Set<String> ADDRESSING_DETAILS = Set.of("1.1", "1.2", "1.3", "1.6", "1.10");
    private static final Set<String> SENDER_SIDE_ACTIONS = Set.of("reputation", "sender", "throttle");
    private static final Set<String> HARD_REASONS = Set.of("userunknown", "hostunknown", "hasmoved", "notaccept", "suppressed");

    /**
     * Weighs {@code e} among the member's live entries {@code live} (for a full mailbox: was it
     * already full {@code full_after} before?).
     */
    public static Weighed weigh(Entry e, List<Entry> live, BounceScore settings) {
        String status = e.status();
        String reason = e.reason() == null ? "" : e.reason();
        if (SENDER_SIDE_ACTIONS.contains(e.action())) {
            return new Weighed(e, Grade.NEVER, 0, "never counts: the sender's problem (" + e.action() + ", " + reason + ")");
        }
        if ("hard".equals(e.action()) && status != null && OWNER_CHANGED.containsKey(status)) {
            // RFC 7293 s3.2: the receiver compared the date we last knew the address to be the member's
            // with its own records and says the mailbox (or the domain) has had another owner since: the
            // address is no longer the member's, whatever the stage; an X.7 code, but not a policy on us
            return new Weighed(e, Grade.DEFINITIVE, AMBIGUOUS_HARD, "definitive: " + status + " " + OWNER_CHANGED.get(status)
                    + " (RFC 7293): the address no longer belongs to the member we subscribed");
        }
        if (policyCode(status)) {
            if (!relaysGuess(e)) {
                return new Weighed(e, Grade.NEVER, 0, "never counts: " + status + " is a security or policy status (RFC 3463 X.7)");
            }
            return new Weighed(e, Grade.AMBIGUOUS, AMBIGUOUS_HARD, "the receiver refused the address at RCPT (reply " + e.replyCode()
                    + ", no enhanced code of its own); " + status + " is only the reporting MTA's Status: +" + AMBIGUOUS_HARD);
        }
        if (e.rule() != null && e.rule().contains(BounceParser.UNSTAGED)) {
            // reported filtered now, journalled hard by earlier versions: the same grade either way
            return new Weighed(e, Grade.UNPROVEN, WEAK_ADDRESS, "\"user unknown\" with neither an addressing code nor a stage, "
                    + "not the mailbox host's own directory: a filter may say so; never suppresses; look score +" + WEAK_ADDRESS);
        }
        if ("hard".equals(e.action())) {
            if (addressing(status)) {
                if ("RCPT".equals(e.stage())) {
                    return new Weighed(e, Grade.DEFINITIVE, AMBIGUOUS_HARD, "definitive: " + status + " refused at RCPT"
                            + (FROM_RELAY.equals(e.statusFrom()) ? " (our relay's own reply)" : ""));
                }
                if (BounceRecord.FROM_STATUS.equals(e.statusFrom())) {
                    return new Weighed(e, Grade.DEFINITIVE, AMBIGUOUS_HARD, "definitive: the DSN's Status: " + status);
                }
                return new Weighed(e, Grade.ADDRESSING, AMBIGUOUS_HARD, status + " read from the text at an unknown stage: +"
                        + AMBIGUOUS_HARD + " (the same from a second run is definitive)");
            }
            if (HARD_REASONS.contains(reason)) {
                return new Weighed(e, Grade.AMBIGUOUS, AMBIGUOUS_HARD, reason + " without an addressing code at RCPT or in Status: +" + AMBIGUOUS_HARD);
            }
            return new Weighed(e, Grade.AMBIGUOUS, AMBIGUOUS_HARD, "hard (" + reason + ") without an addressing code: +" + AMBIGUOUS_HARD);
        }
        if (reason.equals("filtered")) {
            if (userUnknownFiltered(e.rule())) {
                return new Weighed(e, Grade.EXISTS, WEAK_ADDRESS, "\"user unknown\" in a filter's refusal (" + stageOrCode(e)
                        + "): never suppresses; look score +" + WEAK_ADDRESS);
            }
            return new Weighed(e, Grade.EXISTS, FILTERED, "refused by the recipient's own filter: never suppresses; look score +" + FILTERED);
        }
        if ("content".equals(e.action())) {
            return new Weighed(e, Grade.NEVER, 0, "never counts: a verdict on the campaign's content (" + reason + ")");
        }
        if (reason.equals("suspend")) {
            return new Weighed(e, Grade.EXISTS, WEAK_ADDRESS, "mailbox disabled (it exists): never suppresses; look score +" + WEAK_ADDRESS);
        }
        if (reason.equals("mailboxfull")) {
            boolean longFull = live.stream().anyMatch(o -> "mailboxfull".equals(o.reason())
                    && !o.at().plus(settings.fullAfter()).isAfter(e.at()));
            return longFull
                    ? new Weighed(e, Grade.EXISTS, LONG_FULL, "mailbox full for longer than " + Durations.format(settings.fullAfter())
                            + " (it exists): never suppresses; look score +" + LONG_FULL)
                    : new Weighed(e, Grade.NOTHING, 0, "mailbox full, not yet for longer than " + Durations.format(settings.fullAfter()));
        }
        return new Weighed(e, Grade.NOTHING, 0, "says nothing about the address (" + e.action() + ", " + reason + ")");
    }

    /** {@code status} came in our relay's own SMTP reply (RFC 2034 enhanced code, synchronous refusal: send/Delivery). */
    public static final String FROM_RELAY = "relay";

    private static boolean policyCode(String status) {
        return status != null && status.length() > 2 && status.substring(2).startsWith("7.");
    }

    /**
     * An X.7 code the receiver never gave: the reporting MTA wrote it in {@code Status:} (sendmail
     * maps a bare 553 to 5.7.1), while the receiver's own reply at RCPT carries no enhanced code and
     * the classifier read an addressing statement in it (action hard: it names neither our side nor a
     * policy). A code the receiver chose, in its reply or ours, always stands.
     */
    static boolean relaysGuess(Entry e) {
        return "hard".equals(e.action()) && "RCPT".equals(e.stage()) && BounceRecord.FROM_STATUS.equals(e.statusFrom())
                && e.replyCode() / 100 == 5 && e.diagnostic() != null && Diagnostics.enhanced(e.diagnostic()) == null;
    }

    /** X.1.1, X.1.2, X.1.3, X.1.6 or X.1.10 with a permanent class (RFC 3463 s3.2, RFC 7505 s4.2). */
    static boolean addressing(String status) {
        return status != null && status.startsWith("5.") && ADDRESSING_DETAILS.contains(status.substring(2));
    }

    /** The classifier's mark of "user unknown" words overruled by the stage or an X.2 code (ReplyClassifier#guard). */
    static boolean userUnknownFiltered(String rule) {
        return rule != null && (rule.contains("+after-data") || rule.contains("+code-"));
    }

    private static String stageOrCode(Entry e) {
        return e.rule() != null && e.rule().contains("+after-data") ? "after DATA" : "code " + e.status();
    }
}
