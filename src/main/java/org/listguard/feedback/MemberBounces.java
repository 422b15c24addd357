package org.listguard.feedback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.listguard.config.BounceScore;
import org.listguard.events.RunRecord;
import org.listguard.journal.Journal;
import org.listguard.journal.MemberEvidence;
import org.listguard.journal.RecipientRow;
import org.listguard.journal.Suppressions;
import org.listguard.journal.Timestamps;
import org.listguard.reply.Action;

/**
 * The one place a verified bounce becomes a member's suppression (issue 22): keeps every report
 * about the member ({@link MemberEvidence}), asks {@link EvidencePolicy} what the whole history
 * now means, and suppresses the member when it says so, with the grounds as evidence. Runs inside
 * the report's journal transaction ({@link BounceProcessor}). Complaints and unsubscribes are
 * not evidence of this kind and never pass here.
 */
public final class MemberBounces {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A member this pass suppressed, or newly showed for the operator's look ({@link EvidencePolicy.Verdict#NEEDS_LOOK}), and why. */
    public record Crossing(String address, String run, EvidencePolicy.Verdict verdict, String reason, String why) {}

    private final Journal journal;
    private final BounceScore settings;
    private final Clock clock;
    private final List<Crossing> crossed = new ArrayList<>();
    private final List<Crossing> flagged = new ArrayList<>();
    private final String by;

    /** @param by the path weighing reports ({@code RunRecord.MemberNeedsLook.BY_*}), kept in the events it journals */
    public MemberBounces(Journal journal, BounceScore settings, Clock clock, String by) {
        this.journal = journal;
        this.settings = settings;
        this.clock = clock;
        this.by = by;
    }

    /**
     * Keeps {@code r} as evidence about the member of {@code row} and suppresses them when their
     * evidence now says so. Returns whether the member was newly suppressed. Sender-side reports
     * are kept (an operator reads them) but never count (DESIGN.md invariant 3).
     */
    public boolean record(String key, String source, BounceRecord r, RecipientRow row, String matchedBy, String reportingMta) {
        Action action = r.action();
        if (action == null || action == Action.NONE || action == Action.COMPLAINT || action == Action.UNSUBSCRIBE) return false;
        Instant now = clock.instant();
        MemberEvidence.Entry e = entry(key, source, r, row.run(), row.seq(), row.emailKey(), now, reportingMta);
        String recipient = r.recipient() != null ? r.recipient() : row.email();
        return weigh(e, row.email(), s -> grounds(s, e, recipient, matchedBy == null ? Map.of() : Map.of("matched_by", matchedBy)));
    }

    /**
     * Keeps {@code e} (already built: a relay's synchronous refusal, {@link RelayRefusals}) as
     * evidence about {@code email} and suppresses the member when their evidence now says so,
     * with {@code grounds} as the suppression's evidence. Returns whether the member was newly suppressed.
     */
    boolean weigh(MemberEvidence.Entry e, String email, java.util.function.Function<EvidencePolicy.Standing, Map<String, Object>> grounds) {
        String member = e.addressKey();
        if (journal.suppressions().isSuppressed(member)) {
            journal.memberEvidence().add(e);
            return false;
        }
        EvidencePolicy.Verdict before = standing(member, e.at()).verdict();
        if (!journal.memberEvidence().add(e)) return false; // this report was already weighed
        EvidencePolicy.Standing s = standing(member, e.at());
        if (!s.verdict().suppresses()) {
            if (s.verdict() == EvidencePolicy.Verdict.NEEDS_LOOK && before != EvidencePolicy.Verdict.NEEDS_LOOK) {
                flagged.add(new Crossing(email, e.run(), s.verdict(), s.deciding().reason(), s.why()));
                // journaled once, in the run whose report tipped it: the send summary and status read it
                // there, whichever path weighed it (a relay's refusal during send, the run's return path,
                // bounces process)
                journal.runEvents().append(e.run(), new RunRecord.MemberNeedsLook(email, s.deciding().reason(), s.why(), by));
            }
            return false;
        }
        String reason = s.deciding().reason() == null ? "bounces" : s.deciding().reason();
        journal.suppressions().add(email, reason, Action.HARD, json(grounds.apply(s)), e.run());
        crossed.add(new Crossing(email, e.run(), s.verdict(), reason, s.why()));
        return true;
    }

    /** What the journal keeps of report {@code key} about the member {@code memberKey} (recipient {@code seq} of {@code run}). */
    public static MemberEvidence.Entry entry(String key, String source, BounceRecord r, String run, long seq, String memberKey,
                                             Instant at, String reportingMta) {
        return new MemberEvidence.Entry(key, run, seq, memberKey, at, r.kind(), r.action().json(), r.reason(), r.rule(), r.status(),
                r.statusFrom(), r.replyCode(), r.stage().name(), reportingMta, r.remoteHost(), r.diagnostic(), source);
    }

    /** The member's standing now, from the journal. */
    public EvidencePolicy.Standing standing(String memberKey, Instant now) {
        return EvidencePolicy.decide(journal.memberEvidence().of(memberKey),
                journal.memberEvidence().lastReset(memberKey).map(MemberEvidence.Reset::at), settings, now);
    }

    /** The members this object suppressed, in order. */
    public List<Crossing> crossed() {
        return List.copyOf(crossed);
    }

    /** The members whose evidence newly asks for the operator's look (never suppressed on it), in order. */
    public List<Crossing> flagged() {
        return List.copyOf(flagged);
    }

    /** Starts a clean record for an address the operator un-suppressed. */
    public static void reset(Journal journal, String address, Instant at, String by) {
        journal.memberEvidence().reset(Suppressions.key(address), at, by);
    }

    /**
     * The suppression's evidence, the same for a report read from the mailbox and for our relay's
     * own refusal ({@link RelayRefusals}): the decision, the report that settled it (exact text,
     * where, when), what counted, and {@code extra} (how a report was matched to the member).
     */
    static Map<String, Object> grounds(EvidencePolicy.Standing s, MemberEvidence.Entry e, String recipient, Map<String, Object> extra) {
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("decision", s.verdict().json());
        g.put("why", s.why());
        g.put("score", s.score());
        g.put("look", s.look());
        g.put("threshold", s.threshold());
        g.put("action", e.action());
        g.put("reason", e.reason());
        g.put("recipient", recipient);
        g.put("status", e.status());
        if (e.replyCode() != 0) g.put("reply_code", e.replyCode());
        g.put("stage", e.stage());
        g.put("diagnostic", e.diagnostic());
        g.put("remote_host", e.remoteMta());
        g.put("kind", e.kind());
        g.put("report", e.messageKey());
        g.put("source", e.source());
        g.put("run", e.run());
        g.put("seq", e.seq());
        g.putAll(extra);
        g.put("processed_at", Timestamps.format(e.at()));
        List<Map<String, Object>> counted = new ArrayList<>();
        for (EvidencePolicy.Line l : s.history()) {
            if (!l.counts() || l.weighed().weight() == 0) continue;
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("run", l.weighed().entry().run());
            c.put("at", Timestamps.format(l.weighed().entry().at()));
            c.put("weight", l.weighed().weight());
            c.put("why", l.weighed().why());
            c.put("diagnostic", l.weighed().entry().diagnostic());
            c.values().removeIf(java.util.Objects::isNull);
            counted.add(c);
        }
        g.put("counted", counted);
        g.values().removeIf(java.util.Objects::isNull);
        return g;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("cannot write evidence as JSON", ex);
        }
    }
}
