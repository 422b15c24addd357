package org.listguard.compose;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * A MimeMessage whose {@code saveChanges()} writes the given Message-ID instead of inventing one,
 * and whose body is given already encoded (written as is by {@code writeTo}, like a parsed message).
 */
final class FixedIdMimeMessage extends MimeMessage {
    private final String messageId;

    FixedIdMimeMessage(Session session, String messageId) {
        super(session);
        this.messageId = messageId;
    }

    /** The body, encoded as the Content-Transfer-Encoding header says, with CRLF line endings. */
    void setEncodedContent(byte[] encoded) {
        this.content = encoded;
    }

    /** The length of the encoded body (0 before {@link #setEncodedContent}). */
    int encodedLength() {
        return content == null ? 0 : content.length;
    }

    /**
     * Declares the headers final without {@code saveChanges()}, which would parse a multipart body
     * back into parts (and look up a StreamProvider through ServiceLoader for each): the composer
     * sets MIME-Version, Message-ID and the content headers itself.
     */
    void markSaved() throws MessagingException {
        setHeader("MIME-Version", "1.0");
        updateMessageID();
        saved = true;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", messageId);
    }
}
