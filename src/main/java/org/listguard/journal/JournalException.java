package org.listguard.journal;

/** The journal's database failed (I/O, locked beyond the busy timeout, schema mismatch): not an expected outcome. */
public class JournalException extends RuntimeException {
    public JournalException(String message, Throwable cause) {
        super(message + (cause == null || cause.getMessage() == null ? "" : ": " + cause.getMessage()), cause);
    }
}
