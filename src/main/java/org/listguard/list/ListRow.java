package org.listguard.list;

/**
 * One data row of a mailing list as {@link ListReader} yields it: a recipient to send to, a row
 * that cannot be sent to, or a repeat of an address seen earlier in the file. The send pipeline
 * sends only {@link Valid} rows; the audit counts all three.
 */
public sealed interface ListRow {
    /** The 1-based line of the row in the file. */
    long line();

    /**
     * A usable address. {@code role} is true for role mailboxes (postmaster@, noreply@, …): sent, but
     * warned about. {@code padding} says what whitespace around the address was removed (the
     * address is sent without it, and the operator is told), or is null.
     */
    record Valid(Recipient recipient, boolean role, String padding) implements ListRow {
        public Valid(Recipient recipient, boolean role) {
            this(recipient, role, null);
        }

        @Override
        public long line() { return recipient.line(); }
    }

    /** A row whose address cannot be used; {@code value} is what the email column held (may be empty). */
    record Invalid(long line, String value, String reason) implements ListRow {}

    /** An address whose {@link Recipient#key()} occurred earlier in the file; it is skipped. */
    record Duplicate(Recipient recipient) implements ListRow {
        @Override
        public long line() { return recipient.line(); }
    }
}
