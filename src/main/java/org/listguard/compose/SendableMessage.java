package org.listguard.compose;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.eclipse.angus.mail.smtp.SMTPMessage;

/**
 * A message that is written to the relay byte for byte as it was composed and signed.
 *
 * <p>Jakarta Mail's {@code saveChanges()} (called by the static {@code Transport.send()}, and by
 * {@code SMTPTransport.sendMessage()} when it converts parts to 8bit) assigns a new Message-ID and
 * may re-encode bodies, which breaks the DKIM signature (LIBRARIES.md). This class keeps the
 * parsed Message-ID in {@link #updateMessageID()} and always writes the original bytes. The
 * transport's {@code ignoreList} (Bcc, Content-Length) is not applied: a composed message never
 * has those headers. Send it with {@code transport.sendMessage(msg, recipients)} on an open
 * transport; the envelope sender (MAIL FROM) is {@link #getEnvelopeFrom()}.
 */
public final class SendableMessage extends SMTPMessage {
    private final byte[] raw;

    /**
     * @param raw          the signed message (not copied: do not modify it afterwards)
     * @param envelopeFrom the VERP envelope sender, {@link ComposedMessage#envelopeFrom()}
     */
    public SendableMessage(Session session, byte[] raw, String envelopeFrom) throws MessagingException {
        super(session, new ByteArrayInputStream(raw));
        this.raw = raw;
        setEnvelopeFrom(envelopeFrom);
    }

    /** Keeps the Message-ID the message was composed (and signed) with. */
    @Override
    protected void updateMessageID() {}

    @Override
    public void writeTo(OutputStream os, String[] ignoreList) throws IOException {
        os.write(raw);
    }
}
