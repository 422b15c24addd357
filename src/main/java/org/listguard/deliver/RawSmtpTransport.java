package org.listguard.deliver;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import java.io.IOException;
import java.io.OutputStream;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.listguard.reply.Stage;

/**
 * Angus's SMTP transport driven one command at a time, so that every reply is attributed to its
 * stage and the body is written byte for byte: {@code sendMessage} would rewrite headers
 * ({@code saveChanges}: a new Message-ID breaks the DKIM signature) and reports per-address
 * results only through exception chains. Angus still does the parts worth reusing: socket and TLS
 * setup with host name checks, EHLO parsing, AUTH mechanisms, dot-stuffing and CRLF normalisation
 * of the body ({@code SMTPOutputStream}, RFC 5321 §4.5.2).
 */
final class RawSmtpTransport extends SMTPTransport {
    /** The stage the connection setup has reached, for attributing a failure of {@code connect}. */
    private volatile Stage connectStage = Stage.CONNECT;

    RawSmtpTransport(Session session, URLName url, boolean implicitTls) {
        super(session, url, implicitTls ? "smtps" : "smtp", implicitTls);
    }

    Stage connectStage() { return connectStage; }

    @Override
    protected boolean ehlo(String domain) throws MessagingException {
        connectStage = Stage.EHLO;
        boolean ok = super.ehlo(domain);
        if (ok) connectStage = Stage.AUTH;   // what follows EHLO in protocolConnect: STARTTLS or AUTH
        return ok;
    }

    @Override
    protected void helo(String domain) throws MessagingException {
        connectStage = Stage.EHLO;
        super.helo(domain);
        connectStage = Stage.AUTH;
    }

    @Override
    protected void startTLS() throws MessagingException {
        connectStage = Stage.STARTTLS;
        super.startTLS();
    }

    /**
     * Sends one command as UTF-8 and reads the reply code. Angus writes a String command one byte
     * per character unless mail.mime.allowutf8 is set (which makes it log about every relay without
     * SMTPUTF8); MAIL and RCPT carrying a non-ASCII address go only to a relay that offers SMTPUTF8
     * (RFC 6531 §3.4), ASCII ones are the same bytes either way.
     */
    synchronized int utf8Command(String command) throws MessagingException {
        return simpleCommand(command.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Sends DATA; returns the body stream after a 354, throws SMTPSendFailedException otherwise. */
    synchronized OutputStream beginData() throws MessagingException {
        return data();
    }

    /** Ends the body with CRLF.CRLF and reads the reply; SMTPSendFailedException when not 250. */
    synchronized void endData() throws IOException, MessagingException {
        finishData();
    }
}
