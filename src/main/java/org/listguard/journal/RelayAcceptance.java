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
public final class RelayAcceptance {
    /**
     * The value of {@code accepted_at} in an INSERT: the row's time when the relay's acceptance is its
     * latest state and, when the report quotes the Message-ID of the message it is about, that message
     * is the row's latest (schema 13: a late report about an attempt before the re-send gets NULL); else NULL.
     */
    static final String SQL = "(SELECT r.updated_at FROM recipients r WHERE r.run_id = ? AND r.seq = ? AND r.status IN ('accepted', 'unconfirmed') "
            + "AND (CAST(? AS VARCHAR(1000)) IS NULL OR r.message_id IS NULL OR r.message_id = ?))";

    private RelayAcceptance() {}

    /** Binds {@link #SQL}'s four parameters from {@code first}; {@code about} is the report's quoted Message-ID, or null. */
    static void bind(PreparedStatement ps, int first, String run, long seq, String about) throws SQLException {
        ps.setString(first, run);
        ps.setLong(first + 1, seq);
        Sql.text(ps, first + 2, about);
        Sql.text(ps, first + 3, about);
    }

    /**
     * The report's quoted Message-ID as the journal keeps it: a value that fits the column and can be
     * a Message-ID (RFC 5322 s3.6.4, with its angle brackets, as we send and journal it), else null
     * (hostile input: a report may quote anything).
     */
    static String about(String quoted) {
        if (quoted == null) return null;
        String q = quoted.strip();
        return q.length() >= 3 && q.length() <= 998 && q.startsWith("<") && q.endsWith(">") && q.indexOf('@') > 0
                && q.chars().allMatch(c -> c > 32 && c < 127) ? q : null;
    }

    /**
     * {@code quoted} when it is one of our own Message-IDs for this member: the same right-hand side
     * (RFC 5322 s3.6.4 id-right, compared without case) as {@code ours}, the row's latest. A relay
     * that rewrites Message-IDs (Amazon SES gives each message its own, "@email.amazonses.com") makes
     * the receivers quote its ID: that says nothing about which of our attempts it was, so null, and
     * the report reads as before schema 13.
     */
    public static String ours(String quoted, String ours) {
        String q = about(quoted);
        if (q == null || ours == null) return null;
        int a = q.lastIndexOf('@'), b = ours.lastIndexOf('@');
        return b >= 0 && q.substring(a).equalsIgnoreCase(ours.substring(b)) ? q : null;
    }

    /**
     * Whether a report quoting {@code about} speaks of the row's latest message {@code rowMessageId}:
     * yes when either is not known.
     */
    static boolean aboutLatest(String about, String rowMessageId) {
        return about == null || rowMessageId == null || about.equals(rowMessageId);
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
