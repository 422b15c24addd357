package org.listguard.feedback;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.listguard.config.BounceScore;
import org.listguard.journal.Journal;
import org.listguard.journal.MemberEvidence;
import org.listguard.journal.Suppressions;
import org.listguard.reply.Classification;
import org.listguard.reply.Reply;

/**
 * Our relay's synchronous refusal of one recipient (its reply to RCPT TO or to the end of DATA,
 * send/Delivery) as bounce evidence about the member (issue 22): the same record and the same
 * rules as a DSN ({@link MemberBounces}, {@link EvidencePolicy}). Its provenance is the relay's own
 * reply on our connection, which no third party can forge; its stage is the one the SMTP dialogue
 * was in. So an addressing code at RCPT ({@code 550 5.1.1}) suppresses at once, an addressing code
 * after DATA or "user unknown" without one adds to the score, and a policy code (X.7) never counts.
 */
public final class RelayRefusals {
    /**
     * The message key of a relay's reply: one per run, recipient and action (a hard refusal keeps the
     * plain {@code run#seq}), so a deferral retried within the run is weighed once, and a hard refusal
     * that follows it in the same run is still weighed.
     */
    static final String KEY_PREFIX = "relay-reply:";

    private final Journal journal;
    private final MemberBounces members;
    private final Clock clock;

    public RelayRefusals(Journal journal, BounceScore settings, Clock clock) {
        this.journal = journal;
        this.members = new MemberBounces(journal, settings, clock, org.listguard.events.RunRecord.MemberNeedsLook.BY_SEND);
        this.clock = clock;
    }

    /**
     * Keeps the relay's refusal {@code reply}, classified as {@code c}, of recipient {@code seq}
     * ({@code email}) of {@code run}, and suppresses the member when their evidence now says so.
     * Returns whether the member was newly suppressed. One journal transaction.
     */
    public boolean record(String run, long seq, String email, Reply reply, Classification c, String relay) {
        Instant now = clock.instant();
        MemberEvidence.Entry e = entry(run, seq, email, reply, c, relay, now);
        return journal.atomically(() -> members.weigh(e, email, s -> MemberBounces.grounds(s, e, email, relay == null ? Map.of() : Map.of("relay", relay))));
    }

    /** The evidence a relay's reply gives: kind "relay", status from the reply's own enhanced code, the stage it answered. */
    static MemberEvidence.Entry entry(String run, long seq, String email, Reply reply, Classification c, String relay, Instant at) {
        String diagnostic = Diagnostics.collapse(org.listguard.reply.MultiLine.join(reply.text())); // the reply as the relay gave it, code included
        return new MemberEvidence.Entry(KEY_PREFIX + run + "#" + seq
                + (c.action() == org.listguard.reply.Action.HARD ? "" : "/" + c.action().json()), run, seq, Suppressions.key(email), at, "relay", c.action().json(),
                c.reason(), c.rule(), reply.enhanced(), reply.enhanced() == null ? null : EvidenceWeights.FROM_RELAY, reply.code(),
                reply.stage().name(), relay, relay, diagnostic == null ? null : bounded(diagnostic), "smtp:" + relay);
    }

    private static String bounded(String s) {
        return s.length() > 2_000 ? s.substring(0, 2_000) + "…" : s;
    }
}
