package org.listguard.feedback;

import java.util.Optional;
import org.listguard.compose.KeyedTokens;
import org.listguard.compose.VerpToken;
import org.listguard.guard.Provenance;
import org.listguard.journal.Journal;
import org.listguard.journal.RecipientRow;
import org.listguard.journal.Suppressions;

/**
 * Ties one record of a report to the recipient of a message we sent — or says why it cannot
 * (DESIGN.md invariants 7 and 11). Only proof counts:
 * <ol>
 *   <li>a keyed VERP token ({@link KeyedTokens}, current or previous key) of the envelope sender
 *       the report came back to;</li>
 *   <li>the original message's Message-ID, found in the journal (ours carry 128 random bits).</li>
 * </ol>
 * Either proves "this concerns that member" ({@link Provenance.MemberReport}), not who wrote it.
 * A record of an ARF report that {@link FeedbackLoopChecker} proved a feedback loop's is the
 * provider's ({@link Provenance.FeedbackLoop}) only when the row it is tied to is the one whose
 * Message-ID the proof read under our own signature; any other row it reaches stays a member report.
 * An address alone proves nothing, whoever signed the report (anyone can name a member; an
 * ordinary account at a feedback-loop provider signs with the provider's {@code d=}). A CRC-era
 * token (before keyed tokens) proves nothing either: it is read only to say which run the
 * unverified report claims. And a report never reaches an address it does not name: a record
 * naming another address than the recipient the token or Message-ID belongs to is unverified (an
 * ARF listing five addresses with one member's token reaches, at most, that one member).
 */
final class RecipientMatcher {
    /** What one record proved. */
    sealed interface Verdict {
        /**
         * Tied to our message to {@code row}; {@code by}: "verp", "verp-previous-key", "message-id" or
         * "feedback-loop:PROVIDER"; {@code provenance}: who proved it (that member alone, or a proven feedback loop).
         */
        record Verified(RecipientRow row, String by, Provenance provenance) implements Verdict {}

        /** Tied to nothing; {@code claimed*}: the run/seq an unverifiable token names (a claim), or null. */
        record Unverified(String why, String claimedRun, Long claimedSeq) implements Verdict {}
    }

    private final Journal journal;
    private final KeyedTokens tokens;

    RecipientMatcher(Journal journal, KeyedTokens tokens) {
        this.journal = journal;
        this.tokens = tokens;
    }

    /**
     * @param proof whether the report proved itself a feedback loop's ({@link FeedbackLoopProof.NotProven} for any non-ARF report)
     */
    Verdict match(BounceRecord r, FeedbackLoopProof proof) {
        Verdict v = memberProof(r);
        if (v instanceof Verdict.Verified ok && proof instanceof FeedbackLoopProof.Proven p && "arf".equals(r.kind())
                && p.originalMessageId().equals(ok.row().messageId())) {
            return new Verdict.Verified(ok.row(), "feedback-loop:" + p.provider(), new Provenance.FeedbackLoop(p.provider(), p.signingDomain()));
        }
        if (v instanceof Verdict.Unverified u && proof instanceof FeedbackLoopProof.NotProven np && "arf".equals(r.kind())
                && np != FeedbackLoopProof.NOT_ARF && np != FeedbackLoopProof.NO_SOURCES) {
            return new Verdict.Unverified(u.why() + "; not a proven feedback loop: " + np.why(), u.claimedRun(), u.claimedSeq());
        }
        return v;
    }

    /** The ordinary proof of one member: their keyed token, or our Message-ID. */
    private Verdict memberProof(BounceRecord r) {
        String claimedRun = null;
        Long claimedSeq = null;
        String why = "no keyed token, no Message-ID of ours (an address alone proves nothing)";
        if (r.verpToken() != null && tokens != null) {
            KeyedTokens.Check c = tokens.check(r.verpToken(), VerpToken.Purpose.RETURN);
            if (c instanceof KeyedTokens.Check.Valid v) {
                Optional<RecipientRow> row = journal.recipients().get(v.id().runId(), v.id().seq());
                if (row.isEmpty()) return new Verdict.Unverified("the token verifies but names no recipient in this journal", v.id().runId(), v.id().seq());
                if (!names(r, row.get())) return notNamed(r, v.id());
                return member(row.get(), v.previousKey() ? "verp-previous-key" : "verp");
            }
            if (c instanceof KeyedTokens.Check.Legacy l) {
                claimedRun = l.id().runId();
                claimedSeq = l.id().seq();
                why = "CRC-era token (made before keyed tokens, forgeable): kept as an unverified event of the run it names";
            } else if (VerpToken.parseLegacy(r.verpToken()).isEmpty()) {
                why = "the VERP token does not verify (forged, altered or made with another key)";
            }
        }
        if (r.originalMessageId() != null) {
            Optional<RecipientRow> row = journal.recipients().byMessageId(r.originalMessageId());
            if (row.isPresent()) {
                if (!names(r, row.get())) return notNamed(r, new VerpToken(row.get().run(), row.get().seq()));
                return member(row.get(), "message-id");
            }
        }
        return new Verdict.Unverified(why, claimedRun, claimedSeq);
    }

    private static Verdict member(RecipientRow row, String by) {
        return new Verdict.Verified(row, by, new Provenance.MemberReport(row.run(), row.seq(), row.emailKey(), by));
    }

    private static Verdict notNamed(BounceRecord r, VerpToken id) {
        return new Verdict.Unverified("names " + r.recipient() + ", not the recipient our message went to", id.runId(), id.seq());
    }

    /** Whether the record is about this row's address (or names nobody, as a redacted report may). */
    private static boolean names(BounceRecord r, RecipientRow row) {
        if (r.recipient() == null) return true;
        if (row.emailKey().equals(key(r.recipient()))) return true;
        return r.originalRecipient() != null && row.emailKey().equals(key(r.originalRecipient()));
    }

    private static String key(String address) {
        if (address == null || address.isBlank() || address.indexOf('@') < 0) return null;
        return Suppressions.key(address);
    }
}
