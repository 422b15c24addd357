package org.listguard.feedback;

/**
 * The bounce mailbox as {@code bounces process} reads it (issue 21): a report read and left
 * unapplied ({@link BounceMailbox#unapplied}: unverified, tied to nothing of ours yet) stays
 * listed, so a later pass reads it again and a key or an egress learned since can still verify
 * it; junk ({@link BounceMailbox#left}) is still read once. Applying stays once by the report's
 * key in the journal, however often it is read.
 *
 * <p>With IMAP's one mark per folder ("every UID up to n was read") a message kept listed also
 * keeps the mark before it: the messages after it are listed again (their headers, not their
 * bodies: {@link HeadersFirst}) until it is applied or moved.
 */
public final class RereadUnapplied extends ForwardingMailbox {
    public RereadUnapplied(BounceMailbox inner) {
        super(inner);
    }

    @Override
    public void unapplied(MailboxMessage message) {
        // not remembered as read: listed again at the next pass
    }
}
