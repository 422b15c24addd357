package org.listguard.feedback;

/**
 * A mailbox message larger than {@code bounces.max_message_size}: it was not read into memory
 * (a 120 MB message at -Xmx256m would end every run in OutOfMemoryError). Not a mailbox failure:
 * the message is set aside ({@link BounceMailbox#setAside}) and the others are processed.
 */
public final class MessageTooLarge extends MailboxException {
    private final long size;
    private final long limit;

    public MessageTooLarge(String source, long size, long limit) {
        super("max_message_size", source + " is " + (size < 0 ? "over " + limit : size) + " bytes, over bounces.max_message_size ("
                + limit + " bytes); not read");
        this.size = size;
        this.limit = limit;
    }

    /** The size found, or -1 when only "over the limit" is known. */
    public long size() { return size; }

    public long limit() { return limit; }
}
