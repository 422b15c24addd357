package org.listguard.deliver;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/**
 * A client socket that bounds what a server may send between two of our commands, so a hostile
 * or broken relay cannot exhaust the heap with one endless reply (Angus buffers a whole reply,
 * with no limit). RFC 5321 §4.5.3.1.5 allows a reply line of 512 octets; listguard tolerates
 * {@value #MAX_LINE} per line and {@value #MAX_REPLY} per reply (every line of a multi-line reply,
 * or TLS handshake records, until we write again). Past a cap, reading fails with an
 * {@link IOException}: a protocol error of that session, reported (and journaled) like a dropped
 * connection. Once the connection carries TLS, the line cap no longer applies (the bytes counted
 * are ciphertext) and the reply cap still does ({@link CappedLayer} sits under every TLS layer;
 * a plain socket upgraded by STARTTLS keeps counting its ciphertext too, where the 64 KB line cap
 * is inert: 64 KB of ciphertext without a 0x0A byte has a probability near 10^-111).
 */
public final class ReplyCap extends Socket {
    static final int MAX_LINE = 64 * 1024;
    static final int MAX_REPLY = 1024 * 1024;

    /**
     * The caps of one protocol: at most {@code maxLine} bytes between line feeds (before TLS) and
     * {@code maxReply} bytes between two writes of ours.
     */
    public record Limits(long maxLine, long maxReply) {
        /** SMTP replies (RFC 5321 §4.5.3.1.5). */
        public static final Limits SMTP = new Limits(MAX_LINE, MAX_REPLY);

        /** IMAP responses that may carry a message of up to {@code maxMessage} bytes (a literal has long lines). */
        public static Limits imap(long maxMessage) {
            return new Limits(Long.MAX_VALUE, maxMessage + MAX_REPLY);
        }
    }

    private final Limits limits;

    private final Object lock = new Object();
    private long sinceWrite;
    private long lineLength;
    private volatile boolean encrypted;
    private InputStream in;
    private OutputStream out;

    ReplyCap(Limits limits) {
        super();
        this.limits = limits;
    }

    /** The connection is about to carry TLS: from now on only the reply cap applies. */
    void encrypted() { encrypted = true; }

    @Override
    public InputStream getInputStream() throws IOException {
        return capped(super.getInputStream());
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
        return resetting(super.getOutputStream());
    }

    /** {@code raw} counted against this socket's caps (also for {@link CappedLayer}). */
    InputStream capped(InputStream raw) {
        synchronized (lock) {
            if (in == null) in = new Capped(raw);
            return in;
        }
    }

    /** {@code raw}, each write of which starts a new reply's count. */
    OutputStream resetting(OutputStream raw) {
        synchronized (lock) {
            if (out == null) out = new Resetting(raw);
            return out;
        }
    }

    private void counted(byte[] b, int off, int n) throws IOException {
        synchronized (lock) {
            sinceWrite += n;
            for (int i = off; i < off + n; i++) lineLength = b[i] == '\n' ? 0 : lineLength + 1;
            if (sinceWrite > limits.maxReply()) {
                throw new IOException("the server sent more than " + limits.maxReply() + " bytes without waiting for a command "
                        + "(listguard's reply cap): protocol error, connection dropped");
            }
            if (!encrypted && lineLength > limits.maxLine()) {
                throw new IOException("the server sent a reply line over " + limits.maxLine() + " bytes (listguard's line cap; "
                        + "RFC 5321 §4.5.3.1.5 allows 512 for SMTP): protocol error, connection dropped");
            }
        }
    }

    private void wrote() {
        synchronized (lock) {
            sinceWrite = 0;
            lineLength = 0;
        }
    }

    private final class Capped extends FilterInputStream {
        Capped(InputStream in) { super(in); }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) counted(b, off, n);
            return n;
        }
    }

    private final class Resetting extends FilterOutputStream {
        Resetting(OutputStream out) { super(out); }

        @Override
        public void write(int b) throws IOException {
            wrote();
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len > 0) wrote();
            out.write(b, off, len);
        }
    }
}
