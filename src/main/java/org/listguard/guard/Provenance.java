package org.listguard.guard;

import java.util.Locale;

/**
 * Who said it, and so what it may change (DESIGN.md invariant 11, DELIVERABILITY.md s9). Every
 * run event and every report carries one. The return path is open to anyone: every member holds
 * the tokens and the Message-ID of the message they received, so a report proven only by them
 * ({@link MemberReport}) speaks for that one member. Provider-, run-, relay- and gate-level state
 * changes only on a source a member cannot forge ({@link #unforgeable()}), or on reports of
 * {@code guard.corroborate} distinct members (counted by the guard, never here).
 */
public sealed interface Provenance {

    /** The relay's own reply in our SMTP session. */
    record RelayReply(String relay) implements Provenance {}

    /** Our own seed mailbox: a message we sent to an address we own, seen (or not seen) there. */
    record Seed(String address) implements Provenance {}

    /**
     * A report tied to one member by that member's keyed VERP token or our Message-ID
     * ({@code proof}: "token", "message-id", "unsubscribe-token"): it proves "this concerns that
     * member", not that an MTA wrote it.
     *
     * @param member the member's key (lower-cased address), never shown in logs
     */
    record MemberReport(String run, long seq, String member, String proof) implements Provenance {}

    /**
     * A feedback loop's report proven as the provider's (its DKIM signature and its report shape,
     * with our own signature still verifying on the enclosed original): not forgeable by a member.
     */
    record FeedbackLoop(String provider, String signingDomain) implements Provenance {}

    /** A DMARC aggregate report signed by its reporter whose rows show our DKIM passing. */
    record DmarcReport(String org, String reportId) implements Provenance {}

    /** The operator, on the command line (blocks clear, egress forget, suppression remove). */
    record Operator(String command) implements Provenance {}

    /** Our own lookups and bookkeeping: DNS re-checks, the journal's remembered blocks, the run's own counts. */
    record OwnLookup() implements Provenance {}

    Provenance OWN_LOOKUP = new OwnLookup();

    /** Whether a member of the list could have produced this (and so it may change only that member). */
    default boolean unforgeable() {
        return !(this instanceof MemberReport);
    }

    /** The source's short name as journaled ({@code relay}, {@code seed}, {@code member}, {@code feedback-loop}, {@code dmarc}, {@code operator}). */
    default String kind() {
        if (this instanceof RelayReply) return "relay";
        if (this instanceof Seed) return "seed";
        if (this instanceof MemberReport) return "member";
        if (this instanceof FeedbackLoop) return "feedback-loop";
        if (this instanceof DmarcReport) return "dmarc";
        if (this instanceof OwnLookup) return "own-lookup";
        return "operator";
    }

    /** Plain words for an operator: "a member's report (token)", "our seed a@b", "the relay isp". */
    default String describe() {
        if (this instanceof RelayReply r) return "the relay " + r.relay() + "'s own reply";
        if (this instanceof Seed s) return "our seed " + s.address();
        if (this instanceof MemberReport m) return "one member's report (proven by " + m.proof().toLowerCase(Locale.ROOT) + ")";
        if (this instanceof FeedbackLoop f) return "the " + f.provider() + " feedback loop (signed by " + f.signingDomain() + ")";
        if (this instanceof DmarcReport d) return "a DMARC report from " + d.org() + " (" + d.reportId() + ")";
        if (this instanceof OwnLookup) return "our own lookups";
        return "the operator (" + ((Operator) this).command() + ")";
    }
}
