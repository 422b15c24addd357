package org.listguard.feedback;

import java.util.Optional;
import org.listguard.compose.KeyedTokens;
import org.listguard.compose.VerpToken;
import org.listguard.journal.Journal;
import org.listguard.journal.RecipientRow;
import org.listguard.journal.Suppressions;

/**
 * Ties one record of a report to the recipient of a message we sent — or says why it cannot
 * (DESIGN.md invariant 7). Only proof counts:
 * <ol>
 *   <li>a keyed VERP token ({@link KeyedTokens}, current or previous key) of the envelope sender
 *       the report came back to;</li>
 *   <li>the original message's Message-ID, found in the journal (ours carry 128 random bits);</li>
 *   <li>for an ARF report DKIM-signed by a configured feedback-loop domain
 *       ({@code bounces.feedback_sources}): the address it names, to our latest message to it.</li>
 * </ol>
 * An address alone proves nothing (anyone can name a member). A CRC-era token (before keyed
 * tokens) proves nothing either: it is read only to say which run the unverified report claims.
 * And a report never reaches an address it does not name: a record naming another address than
 * the recipient the token or Message-ID belongs to is unverified (an ARF listing five addresses
 * with one member's token reaches, at most, that one member).
 */
final class RecipientMatcher {
    /** What one record proved. */
    sealed interface Verdict {
        /** Tied to our message to {@code row}; {@code by}: "verp", "verp-previous-key", "message-id" or "feedback-loop:DOMAIN". */
        record Verified(RecipientRow row, String by) implements Verdict {
            /** Who proved it: a feedback loop, or (token, Message-ID) that member alone. */
            org.listguard.guard.Provenance provenance() {
                if (by.startsWith("feedback-loop:")) {
                    String domain = by.substring("feedback-loop:".length());
                    return new org.listguard.guard.Provenance.FeedbackLoop(domain, domain);
                }
                return new org.listguard.guard.Provenance.MemberReport(row.run(), row.seq(), row.emailKey(), by);
            }
        }

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
     * @param trustedSource the feedback-loop domain whose valid DKIM signature the report carries, or null
     */
    Verdict match(BounceRecord r, String trustedSource) {
        String claimedRun = null;
        Long claimedSeq = null;
        String why = "no keyed token, no Message-ID of ours" + (trustedSource == null && "arf".equals(r.kind())
                ? " and no DKIM signature of a configured feedback loop (bounces.feedback_sources)" : "");
        if (r.verpToken() != null && tokens != null) {
            KeyedTokens.Check c = tokens.check(r.verpToken(), VerpToken.Purpose.RETURN);
            if (c instanceof KeyedTokens.Check.Valid v) {
                Optional<RecipientRow> row = journal.recipient(v.id().runId(), v.id().seq());
                if (row.isEmpty()) return new Verdict.Unverified("the token verifies but names no recipient in this journal", v.id().runId(), v.id().seq());
                if (!names(r, row.get())) return notNamed(r, v.id());
                return new Verdict.Verified(row.get(), v.previousKey() ? "verp-previous-key" : "verp");
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
            Optional<RecipientRow> row = journal.recipientByMessageId(r.originalMessageId());
            if (row.isPresent()) {
                if (!names(r, row.get())) return notNamed(r, new VerpToken(row.get().run(), row.get().seq()));
                return new Verdict.Verified(row.get(), "message-id");
            }
        }
        if (trustedSource != null && "arf".equals(r.kind()) && r.recipient() != null) {
            String key = key(r.recipient());
            Optional<RecipientRow> row = key == null ? Optional.empty() : journal.lastSentTo(key);
            if (row.isPresent()) return new Verdict.Verified(row.get(), "feedback-loop:" + trustedSource);
            why = "signed by feedback loop " + trustedSource + " but names no address we sent to";
        }
        return new Verdict.Unverified(why, claimedRun, claimedSeq);
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
