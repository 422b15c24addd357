package org.listguard.feedback;

/**
 * The bounce mailbox as {@code bounces process} reads it (issue 21): a report read and left
 * unapplied ({@link BounceMailbox#unapplied}: unverified, tied to nothing of ours yet) stays
 * listed, so a later pass reads it again and a key or an egress learned since can still verify
 * it; junk ({@link BounceMailbox#left}) is still read once. Applying stays once by the report's
 * key in the journal, however often it is read.
 *
 * <p>The mailbox is told {@link BounceMailbox#keepListed}: IMAP, whose mark says "every UID up to
 * n was read", moves the mark past it and keeps its UID apart, so the messages after it are not
 * listed again.
 */
public final class RereadUnapplied extends ForwardingMailbox {
    public RereadUnapplied(BounceMailbox inner) {
        super(inner);
    }

    @Override
    public void unapplied(MailboxMessage message) throws MailboxException {
        inner.keepListed(message); // not remembered as read: listed again at the next pass
    }
}
