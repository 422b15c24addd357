package org.listguard.journal;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

/**
 * When the relay accepted the message a DSN or complaint is about (schema 11). Taken from the
 * recipient's row as the report is journaled, while the relay's acceptance is still its latest
 * state; a resume that sends the member again moves {@code updated_at} to the re-send, so a view
 * reading it later would quote the wrong time.
 */
final class RelayAcceptance {
    /** The value of {@code accepted_at} in an INSERT: the row's time when the relay's acceptance is its latest state, else NULL. */
    static final String SQL = "(SELECT r.updated_at FROM recipients r WHERE r.run_id = ? AND r.seq = ? AND r.status IN ('accepted', 'unconfirmed'))";

    private RelayAcceptance() {}

    static void bind(PreparedStatement ps, int first, String run, long seq) throws SQLException {
        ps.setString(first, run);
        ps.setLong(first + 1, seq);
    }

    /**
     * The acceptance time a view quotes: the one journaled with the report; for a report journaled
     * before schema 11, the recipient's latest time only when it is not after the report (else it
     * is a later attempt's, and the acceptance is not known).
     */
    static Instant of(Instant journaled, Instant latest, Instant reportAt) {
        if (journaled != null) return journaled;
        return latest != null && reportAt != null && !latest.isAfter(reportAt) ? latest : null;
    }
}
