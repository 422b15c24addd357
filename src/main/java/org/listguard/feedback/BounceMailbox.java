package org.listguard.feedback;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.listguard.config.MailboxSettings;

/**
 * The return-path mailbox that bounce processing reads: a port owned by this package, with a
 * Maildir adapter here ({@link MaildirMailbox}) and an IMAP adapter in {@code deliver/mailbox}
 * (only dns/ and deliver/ touch the network, DESIGN.md).
 *
 * <p>Contract: reading a message never changes it (IMAP: no \Seen); {@link #markProcessed}
 * moves it to the processed folder or flags it, and never deletes it. A message that is not
 * marked stays where it was, as it was (unrelated mail is left alone).
 */
public interface BounceMailbox extends AutoCloseable {
    /** Where this mailbox is, for messages (never with a password). */
    String describe();

    /** The messages waiting, oldest first: everything not yet marked processed. */
    List<MailboxMessage> messages() throws MailboxException;

    /** The message's bytes as received, without changing its state. */
    byte[] read(MailboxMessage message) throws MailboxException;

    /** Moves the message to the processed folder, or flags it processed; never deletes it. */
    void markProcessed(MailboxMessage message) throws MailboxException;

    @Override
    void close() throws MailboxException;

    /** The folder processed messages move to; empty for {@code processed_folder: none} (flag them in place). */
    static Optional<String> processedFolder(MailboxSettings s) {
        String f = s.processedFolder();
        return f == null || f.isBlank() || f.trim().toLowerCase(Locale.ROOT).equals("none") ? Optional.empty() : Optional.of(f.trim());
    }
}
