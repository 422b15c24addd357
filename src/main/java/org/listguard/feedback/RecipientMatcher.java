package org.listguard.feedback;

import java.util.Optional;
import org.listguard.compose.VerpToken;
import org.listguard.journal.Journal;
import org.listguard.journal.RecipientRow;
import org.listguard.journal.Suppressions;

/**
 * Ties one record of a report to the run and recipient it is about, most certain first:
 * <ol>
 *   <li>the VERP token of the envelope sender the report was addressed to ({@link VerpToken}:
 *       run id and sequence, with a check that rejects typos and other lists' tags);</li>
 *   <li>the original message's Message-ID (listguard makes one per recipient);</li>
 *   <li>the address: the most recent row for it in any run ({@link Journal#lastSentTo}).</li>
 * </ol>
 * A token or Message-ID names one recipient; when a report lists several recipients, a record
 * whose address is not that recipient's falls through to the next way (a report about several
 * members cannot all be about one of them). A forwarded member's report (token matches, single
 * record, other address) is the member's.
 */
final class RecipientMatcher {
    /** How the record was matched: "verp", "message-id" or "address". */
    record Match(RecipientRow row, String by) {}

    private final Journal journal;

    RecipientMatcher(Journal journal) {
        this.journal = journal;
    }

    Optional<Match> match(BounceRecord r, int recordsInReport) {
        Optional<VerpToken> token = VerpToken.parse(r.verpToken());
        if (token.isPresent()) {
            Optional<RecipientRow> row = journal.recipient(token.get().runId(), token.get().seq());
            if (row.isPresent() && consistent(row.get(), r, recordsInReport)) return Optional.of(new Match(row.get(), "verp"));
        }
        if (r.originalMessageId() != null) {
            Optional<RecipientRow> row = journal.recipientByMessageId(r.originalMessageId());
            if (row.isPresent() && consistent(row.get(), r, recordsInReport)) return Optional.of(new Match(row.get(), "message-id"));
        }
        String key = key(r.recipient());
        if (key != null) {
            Optional<RecipientRow> row = journal.lastSentTo(key);
            if (row.isPresent()) return Optional.of(new Match(row.get(), "address"));
        }
        return Optional.empty();
    }

    private static boolean consistent(RecipientRow row, BounceRecord r, int recordsInReport) {
        if (recordsInReport <= 1 || r.recipient() == null) return true;
        return row.emailKey().equals(key(r.recipient()));
    }

    private static String key(String address) {
        if (address == null || address.isBlank() || address.indexOf('@') < 0) return null;
        return Suppressions.key(address);
    }
}
