package org.listguard.feedback;

import java.util.List;

/** A bounce mailbox that hands every call to another: the base of the readers' decorators ({@link HeadersFirst}, {@link RereadUnapplied}). */
public abstract class ForwardingMailbox implements BounceMailbox {
    protected final BounceMailbox inner;

    protected ForwardingMailbox(BounceMailbox inner) {
        this.inner = inner;
    }

    @Override
    public String describe() { return inner.describe(); }

    @Override
    public List<MailboxMessage> messages() throws MailboxException { return inner.messages(); }

    @Override
    public byte[] read(MailboxMessage message) throws MailboxException { return inner.read(message); }

    @Override
    public byte[] headers(MailboxMessage message) throws MailboxException { return inner.headers(message); }

    @Override
    public String setAside(MailboxMessage message, String why) throws MailboxException { return inner.setAside(message, why); }

    @Override
    public void left(MailboxMessage message) throws MailboxException { inner.left(message); }

    @Override
    public void unapplied(MailboxMessage message) throws MailboxException { inner.unapplied(message); }

    @Override
    public void keepListed(MailboxMessage message) throws MailboxException { inner.keepListed(message); }

    @Override
    public void markProcessed(MailboxMessage message) throws MailboxException { inner.markProcessed(message); }

    @Override
    public void close() throws MailboxException { inner.close(); }
}
