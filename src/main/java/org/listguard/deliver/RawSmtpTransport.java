package org.listguard.deliver;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.listguard.reply.Stage;

/**
 * Angus's SMTP transport driven one command at a time, so that every reply is attributed to its
 * stage and the body is written byte for byte: {@code sendMessage} would rewrite headers
 * ({@code saveChanges}: a new Message-ID breaks the DKIM signature) and reports per-address
 * results only through exception chains. Angus still does the parts worth reusing: socket and TLS
 * setup with host name checks, EHLO parsing, AUTH mechanisms, reading whole replies. The
 * transaction's commands and its body are written here ({@link #send}, {@link #sendData}) so that a
 * pipelined group (RFC 2920) and a body are one write each, not one per command or per line.
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

    /** Whether the relay's EHLO reply offers RFC 2920 command pipelining. */
    boolean pipelining() { return supportsExtension("PIPELINING"); }

    /**
     * Sends commands (each without its CRLF) in one write and one flush, and reads no reply: the
     * caller reads one reply per command, in order ({@link #readReply}; RFC 2920 §3.1). Commands go
     * as UTF-8: MAIL and RCPT carrying a non-ASCII address go only to a relay that offers SMTPUTF8
     * (RFC 6531 §3.4), ASCII ones are the same bytes either way. A CR or LF inside a command is
     * refused (IllegalArgumentException), as Angus refuses it: it would be a command of its own.
     */
    synchronized void send(String... commands) throws MessagingException {
        StringBuilder all = new StringBuilder();
        for (String c : commands) {
            if (c.indexOf('\r') >= 0 || c.indexOf('\n') >= 0) throw new IllegalArgumentException("line break inside an SMTP command");
            all.append(c).append("\r\n");
        }
        try {
            OutputStream out = wire();
            out.write(all.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new MessagingException("Can't send command to SMTP host", e);
        }
    }

    /**
     * Writes the data after a 354 (built by {@link DataBody}: stuffed and terminated) in writes of
     * up to {@value #CHUNK} bytes and one flush: each write is bounded by the write timeout on its
     * own (as each 8 KB flush of Angus's buffer was), so a large message on a slow link is not
     * timed as a whole.
     */
    synchronized void sendData(byte[] data) throws IOException {
        OutputStream out = wire();
        for (int off = 0; off < data.length; off += CHUNK) out.write(data, off, Math.min(CHUNK, data.length - off));
        out.flush();
    }

    private static final int CHUNK = 64 * 1024;

    /**
     * Reads one whole reply (every "NNN-" continuation line, RFC 5321 §4.2.1), bounded by the read
     * timeout and {@link ReplyCap}; returns its code, or -1 at end of stream (the reply is then
     * {@link #getLastServerResponse()}). MessagingException when reading fails.
     */
    synchronized int readReply() throws MessagingException {
        return readServerResponse();
    }

    /**
     * The stream Angus writes its own commands to (buffered, traced, under the write timeout and
     * over the capped socket, TLS included), current after STARTTLS too. Angus offers no way to
     * write several commands or a prepared body with one flush, so its field is read (checked when
     * this class loads; every submission test, plain and TLS, writes through it).
     */
    private OutputStream wire() throws IOException {
        OutputStream out;
        try {
            out = (OutputStream) SERVER_OUTPUT.get(this);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
        if (out == null) throw new IOException("not connected to the relay");
        return out;
    }

    private static final Field SERVER_OUTPUT = serverOutput();

    private static Field serverOutput() {
        try {
            Field f = SMTPTransport.class.getDeclaredField("serverOutput");
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException | RuntimeException e) {
            throw new ExceptionInInitializerError("this Angus Mail has no SMTPTransport.serverOutput (listguard is built against angus-mail 2.0.x): " + e);
        }
    }
}
