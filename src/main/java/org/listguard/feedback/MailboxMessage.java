package org.listguard.feedback;

/**
 * One message of a {@link BounceMailbox}.
 *
 * @param id     the adapter's handle (a Maildir file name, an IMAP UID)
 * @param source where it is, for evidence and messages: a file path, or an IMAP URL
 *               ({@code imap://user@host/INBOX;UIDVALIDITY=v/;UID=n}, RFC 5092)
 */
public record MailboxMessage(String id, String source) {}
