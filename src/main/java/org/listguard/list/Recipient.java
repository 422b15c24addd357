package org.listguard.list;

import java.util.Map;

/**
 * One row of a mailing list.
 *
 * @param line   the 1-based line of the row in the CSV file (for error messages and the journal)
 * @param email  the address, trimmed (case kept; compare with {@link #key()})
 * @param fields every column of the row by header name, {@code email} included: the template variables
 */
public record Recipient(long line, String email, Map<String, String> fields) {
    public Recipient {
        fields = Map.copyOf(fields);
    }

    /** The form used to detect duplicates and match suppressions: the domain lower-cased, the local part as written. */
    public String key() {
        int at = email.lastIndexOf('@');
        return at < 0 ? email : email.substring(0, at) + email.substring(at).toLowerCase(java.util.Locale.ROOT);
    }

    public String domain() {
        int at = email.lastIndexOf('@');
        return at < 0 ? "" : email.substring(at + 1).toLowerCase(java.util.Locale.ROOT);
    }
}
