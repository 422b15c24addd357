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

    /**
     * The message's bytes as received, without changing its state.
     *
     * @throws MessageTooLarge when it is larger than {@code bounces.max_message_size} (read as a
     *                         stream up to that size, never whole)
     */
    byte[] read(MailboxMessage message) throws MailboxException;

    /**
     * The message's header block (up to and with its blank line; at most
     * {@link ReportCandidate#MAX_HEADER_BYTES}, more only when the block is longer), without
     * changing its state: what {@link HeadersFirst} decides on before any body is read.
     */
    default byte[] headers(MailboxMessage message) throws MailboxException {
        return read(message);
    }

    /**
     * Puts a message listguard will not process (too large) where it is not listed again — a
     * Maildir++ folder {@value #SET_ASIDE_FOLDER}, or an IMAP keyword — so it is never retried
     * for ever; never deletes it. Returns where it went, for the note shown to the operator.
     */
    default String setAside(MailboxMessage message, String why) throws MailboxException {
        markProcessed(message);
        return "the processed folder";
    }

    /** Where {@link #setAside} puts messages (Maildir++ folder name; IMAP keyword {@code $ListguardSetAside}). */
    String SET_ASIDE_FOLDER = "listguard-set-aside";

    /**
     * The message was read and is left where it is (not a report, or a report tied to nothing of
     * ours): a mailbox that keeps {@link ReadMarks} does not list it again (issue 21: junk is read
     * once, not at every look). Called once the message's processing is complete.
     */
    default void left(MailboxMessage message) throws MailboxException {}

    /**
     * The message was read as a report but nothing of it was applied (unverified: tied to nothing
     * of ours yet), and it is left where it is. By default as {@link #left} (a run's look reads it
     * once); {@code bounces process} keeps it listed ({@link RereadUnapplied}), so that a key or an
     * egress learned later can still verify it.
     */
    default void unapplied(MailboxMessage message) throws MailboxException {
        left(message);
    }

    /**
     * The message is to be listed again at the next pass ({@link RereadUnapplied}). A Maildir does
     * nothing (what is not remembered as left is listed again); IMAP moves its one mark per folder
     * past it and keeps its UID apart, so the messages after it are not listed again.
     */
    default void keepListed(MailboxMessage message) throws MailboxException {}

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
