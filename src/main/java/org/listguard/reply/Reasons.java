package org.listguard.reply;

import java.util.Map;
import java.util.Set;

/**
 * Sisimai's reason vocabulary and the action each reason maps to (DELIVERABILITY.md §4 table).
 * A reason not in the table is a data error in the rule file.
 */
public final class Reasons {
    private Reasons() {}

    private static final Map<String, Action> ACTIONS = Map.ofEntries(
            Map.entry("blocked", Action.REPUTATION), Map.entry("badreputation", Action.REPUTATION),
            Map.entry("speeding", Action.THROTTLE), Map.entry("toomanyconn", Action.THROTTLE),
            Map.entry("rejected", Action.SENDER), Map.entry("authfailure", Action.SENDER),
            Map.entry("requireptr", Action.SENDER), Map.entry("norelaying", Action.SENDER),
            Map.entry("securityerror", Action.SENDER),
            Map.entry("userunknown", Action.HARD), Map.entry("hostunknown", Action.HARD),
            Map.entry("hasmoved", Action.HARD), Map.entry("notaccept", Action.HARD),
            Map.entry("mailboxfull", Action.SOFT), Map.entry("expired", Action.SOFT),
            Map.entry("systemerror", Action.SOFT), Map.entry("systemfull", Action.SOFT),
            Map.entry("networkerror", Action.SOFT), Map.entry("mailererror", Action.SOFT),
            Map.entry("suspend", Action.SOFT), Map.entry("exceedlimit", Action.SOFT),
            Map.entry("mesgtoobig", Action.SOFT), Map.entry("syntaxerror", Action.SOFT),
            Map.entry("onhold", Action.SOFT), Map.entry("undefined", Action.SOFT),
            Map.entry("filtered", Action.CONTENT), Map.entry("spamdetected", Action.CONTENT),
            Map.entry("virusdetected", Action.CONTENT), Map.entry("contenterror", Action.CONTENT),
            Map.entry("policyviolation", Action.CONTENT), Map.entry("notcompliantrfc", Action.CONTENT),
            Map.entry("feedback", Action.COMPLAINT),
            Map.entry("vacation", Action.NONE), Map.entry("delivered", Action.NONE),
            // Sisimai 5.x reasons (metacpan Sisimai::Reason::*):
            // RateLimited: "rejected temporarily due to too fast or too many concurrency connections" -> slow down;
            Map.entry("ratelimited", Action.THROTTLE),
            // EmailTooLarge (MesgTooBig's successor, X.3.4/X.2.3): the message, not the address; the
            // member stays and the next, smaller message goes through -> soft, as mesgtoobig;
            Map.entry("emailtoolarge", Action.SOFT),
            // FailedSTARTTLS: "STARTTLS, DANE, MTA-STS" -> our transport's configuration -> sender;
            Map.entry("failedstarttls", Action.SENDER),
            // Suppressed: "the recipient address is listed in the suppression list of the relay server,
            // and was not delivered" -> the relay refuses this address on every send until removed
            // there (SES adds addresses after a hard bounce or complaint), so mailing it again can only
            // fail: suppress it here too -> hard. It is per-recipient, never a pause of the run.
            Map.entry("suppressed", Action.HARD),
            // an ARF opt-out report or a mailto unsubscribe: the member asked to stop; not a complaint
            Map.entry("unsubscribe", Action.UNSUBSCRIBE));

    /** Every reason this project knows. */
    /** Each reason in plain words (Sisimai's reason definitions, shortened), for the operator beside the code. */
    private static final Map<String, String> WORDS = Map.ofEntries(
            Map.entry("blocked", "the receiver blocks the sending IP"), Map.entry("badreputation", "the sending IP's reputation is poor"),
            Map.entry("speeding", "sending too fast"), Map.entry("toomanyconn", "too many connections"),
            Map.entry("ratelimited", "rate limited: too fast or too many connections"),
            Map.entry("rejected", "the envelope sender is refused"), Map.entry("authfailure", "SPF, DKIM or DMARC failed"),
            Map.entry("requireptr", "the sending IP has no proper reverse DNS"), Map.entry("norelaying", "relaying denied"),
            Map.entry("securityerror", "a security or authentication refusal"), Map.entry("failedstarttls", "TLS could not be set up"),
            Map.entry("userunknown", "no such mailbox"), Map.entry("hostunknown", "no such domain"),
            Map.entry("hasmoved", "the address has moved"), Map.entry("notaccept", "the domain accepts no mail"),
            Map.entry("mailboxfull", "the mailbox is full"), Map.entry("expired", "delivery gave up after retrying"),
            Map.entry("systemerror", "an error at the receiver"), Map.entry("systemfull", "the receiver's disk is full"),
            Map.entry("networkerror", "a network or DNS problem"), Map.entry("mailererror", "the receiver's mail program failed"),
            Map.entry("suspend", "the mailbox is disabled"), Map.entry("exceedlimit", "the message is over the mailbox's limit"),
            Map.entry("mesgtoobig", "the message is too big"), Map.entry("emailtoolarge", "the message is too big"),
            Map.entry("syntaxerror", "an SMTP syntax error"), Map.entry("onhold", "held for later"),
            Map.entry("undefined", "no reason could be read"), Map.entry("filtered", "the recipient's own filter refused it"),
            Map.entry("spamdetected", "judged as spam"), Map.entry("virusdetected", "a virus was found"),
            Map.entry("contenterror", "the content was refused"), Map.entry("policyviolation", "refused by the receiver's policy"),
            Map.entry("notcompliantrfc", "the message is not RFC-compliant"), Map.entry("feedback", "a complaint (marked as spam)"),
            Map.entry("vacation", "an auto-reply"), Map.entry("delivered", "a delivery report"),
            Map.entry("suppressed", "on the relay's own suppression list"));

    /** "badreputation (the sending IP's reputation is poor)"; the code alone when it has no words. */
    public static String explained(String reason) {
        if (reason == null) return null;
        String w = WORDS.get(reason);
        return w == null ? reason : reason + " (" + w + ")";
    }

    public static Set<String> all() { return ACTIONS.keySet(); }

    public static boolean known(String reason) { return ACTIONS.containsKey(reason); }

    /** The default action of a reason; throws for an unknown reason (a bug or a bad rule file). */
    public static Action actionOf(String reason) {
        Action a = ACTIONS.get(reason);
        if (a == null) throw new IllegalArgumentException("unknown reason '" + reason + "'");
        return a;
    }
}
