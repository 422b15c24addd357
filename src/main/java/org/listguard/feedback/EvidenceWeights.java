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
 *       s2.3.4): the member is suppressed at once.</li>
 *   <li>{@link Grade#ADDRESSING}: the same code read only from words, at an unknown stage: adds
 *       {@value #AMBIGUOUS_HARD}; the same from two distinct runs is definitive.</li>
 *   <li>{@link Grade#AMBIGUOUS}: adds to the score: another hard reason (user unknown with
 *       neither code nor stage, host unknown, moved, no mail accepted) {@value #AMBIGUOUS_HARD};
 *       "user unknown" refused by a filter (after DATA, or with an X.2 code) and a disabled
 *       mailbox {@value #WEAK_ADDRESS}; a mailbox full for longer than {@code full_after}
 *       {@value #LONG_FULL}; any other refusal by the recipient's filter {@value #FILTERED}.</li>
 *   <li>{@link Grade#NEVER}: sender-side or policy (reputation, sender, throttle, content verdicts,
 *       and every X.7.x code, 5.7.9 included: RFC 3463 s3.8 "security or policy status"): never
 *       counts against the member (DESIGN.md invariant 3).</li>
 *   <li>{@link Grade#NOTHING}: says nothing about the address (a transient soft bounce, a full
 *       mailbox not yet {@code full_after} old).</li>
 * </ul>
 * The weights count runs the way Mailman 2 counted days (hard 1.0, soft 0.5 toward 5.0), scaled
 * to a newsletter that runs monthly: two ambiguous hard bounces, three weak ones, five filter
 * refusals in the stale window.
 */
public final class EvidenceWeights {
    private EvidenceWeights() {}

    /** A hard reason that is not proven: two runs reach the default threshold. */
    public static final double AMBIGUOUS_HARD = 2.5;
    /** "User unknown" in a filter's refusal; a disabled mailbox: three runs. */
    public static final double WEAK_ADDRESS = 2.0;
    /** A mailbox full for longer than {@code full_after}: three more runs. */
    public static final double LONG_FULL = 2.0;
    /** Any other refusal by the recipient's own filter: five runs, more than a monthly list has in 90 days. */
    public static final double FILTERED = 1.0;

    /** How a report bears on its member. */
    public enum Grade { DEFINITIVE, ADDRESSING, AMBIGUOUS, NEVER, NOTHING;

        public String json() { return name().toLowerCase(Locale.ROOT); }
    }

    /** One entry weighed: its grade, what it adds, and why, in words an operator reads. */
    public record Weighed(Entry entry, Grade grade, double weight, String why) {}

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
        if (status != null && status.length() > 2 && status.substring(2).startsWith("7.")) {
            return new Weighed(e, Grade.NEVER, 0, "never counts: " + status + " is a security or policy status (RFC 3463 X.7)");
        }
        if ("hard".equals(e.action())) {
            if (addressing(status)) {
                if ("RCPT".equals(e.stage())) {
                    return new Weighed(e, Grade.DEFINITIVE, AMBIGUOUS_HARD, "definitive: " + status + " refused at RCPT");
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
                return new Weighed(e, Grade.AMBIGUOUS, WEAK_ADDRESS, "\"user unknown\" in a filter's refusal (" + stageOrCode(e) + "): +" + WEAK_ADDRESS);
            }
            return new Weighed(e, Grade.AMBIGUOUS, FILTERED, "refused by the recipient's own filter: +" + FILTERED);
        }
        if ("content".equals(e.action())) {
            return new Weighed(e, Grade.NEVER, 0, "never counts: a verdict on the campaign's content (" + reason + ")");
        }
        if (reason.equals("suspend")) {
            return new Weighed(e, Grade.AMBIGUOUS, WEAK_ADDRESS, "mailbox disabled: +" + WEAK_ADDRESS);
        }
        if (reason.equals("mailboxfull")) {
            boolean longFull = live.stream().anyMatch(o -> "mailboxfull".equals(o.reason())
                    && !o.at().plus(settings.fullAfter()).isAfter(e.at()));
            return longFull
                    ? new Weighed(e, Grade.AMBIGUOUS, LONG_FULL, "mailbox full for longer than " + Durations.format(settings.fullAfter()) + ": +" + LONG_FULL)
                    : new Weighed(e, Grade.NOTHING, 0, "mailbox full, not yet for longer than " + Durations.format(settings.fullAfter()));
        }
        return new Weighed(e, Grade.NOTHING, 0, "says nothing about the address (" + e.action() + ", " + reason + ")");
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
