package org.listguard.deliver;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import java.util.Arrays;
import org.listguard.config.Relay;
import org.listguard.config.TlsMode;
import org.listguard.reply.Stage;
import org.listguard.list.AddressForms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reused SMTP connection (see {@link RelaySession}). Each transaction is MAIL, one RCPT, DATA,
 * pipelined when the relay offers it ({@link SmtpTransaction}); one transaction at a time, never
 * the commands of two messages in one group: a crash or a dropped connection then concerns one
 * message only. A refused MAIL or RCPT is followed by RSET (RFC 5321 §4.1.1.5) so the connection stays usable:
 * to a pipelining relay it opens the next transaction's group instead of costing a round trip of
 * its own. An I/O failure or a 421 closes the connection; the next submit reconnects. No NOOP probes the
 * kept connection before a transaction: when the relay closed it meanwhile, MAIL (or the RSET
 * opening the group) fails without a reply (or with 421) and the transaction is made once more on
 * a new connection.
 */
final class AngusRelaySession implements RelaySession {
    private static final Logger log = LoggerFactory.getLogger(AngusRelaySession.class);

    private final Relay relay;
    private final Session session;
    private final String heloName;
    private char[] password;
    private RawSmtpTransport transport;
    /** The last transaction on {@link #transport} was refused and its RSET goes with the next one's group. */
    private boolean resetOwed;
    private boolean closed;

    AngusRelaySession(Relay relay, Session session, String heloName, char[] password) {
        this.relay = relay;
        this.session = session;
        this.heloName = heloName;
        this.password = password;
    }

    @Override
    public String relayName() { return relay.name(); }

    @Override
    public boolean connected() { return transport != null && transport.isConnected(); }

    @Override
    public SubmitResult submit(Envelope envelope, byte[] raw) {
        if (closed) throw new IllegalStateException("session to relay " + relay.name() + " is closed");
        String rcpt;
        String from;
        try {
            rcpt = AddressForms.asciiDomain(envelope.recipient());
            from = AddressForms.asciiDomain(envelope.from());
        } catch (IllegalArgumentException e) {
            return new SubmitResult(envelope.recipient(), Outcome.UNSENDABLE, Stage.RCPT, 0, null,
                    "the domain is not a valid internationalised domain name: " + e.getMessage(), null, relay.name());
        }
        boolean reused = transport != null;
        if (!reused) {
            SubmitResult failure = connect(rcpt);
            if (failure != null) return failure;
        }
        SubmitResult r = transaction(rcpt, from, raw);
        if (reused && closedWhileIdle(r)) { // the relay closed the kept connection: one new connection, the same transaction
            log.debug("relay {}: the kept connection is closed or its RSET refused ({}); reconnecting", relay.name(), r.text());
            SubmitResult failure = connect(rcpt);
            if (failure != null) return failure;
            r = transaction(rcpt, from, raw);
        }
        return r;
    }

    /**
     * A kept connection the relay closed meanwhile (its idle timeout, a restart): MAIL got no reply
     * or a 421, so nothing of this transaction reached the relay; or the RSET opening the group was
     * not accepted, and the connection was dropped before any reply to the transaction's own
     * commands and before any data. Checked this way instead of a NOOP before every transaction
     * (Angus's {@code isConnected}), which cost a round trip per message.
     */
    private static boolean closedWhileIdle(SubmitResult r) {
        return r.stage() == Stage.MAIL && r.outcome() == Outcome.DEFERRED && (r.code() == 0 || r.code() == 421);
    }

    /** MAIL, RCPT, DATA on the current connection ({@link SmtpTransaction}). */
    private SubmitResult transaction(String rcpt, String from, byte[] raw) {
        RawSmtpTransport t = transport;
        boolean utf8 = !AddressForms.isAscii(rcpt) || !AddressForms.isAscii(from);
        if (utf8 && !t.supportsExtension("SMTPUTF8")) {
            return new SubmitResult(rcpt, Outcome.UNSENDABLE, Stage.MAIL, 0, null, "relay " + relay.name()
                    + " does not offer SMTPUTF8 (RFC 6531), which the non-ASCII local part of this address needs; "
                    + "nothing was sent (an ASCII rendering would reach another mailbox)", null, relay.name());
        }
        SmtpTransaction tx = new SmtpTransaction(t, relay.name(), rcpt, resetOwed);
        SubmitResult r = tx.run(mailFrom(t, from, raw.length, utf8), raw);
        resetOwed = tx.owesReset();
        if (tx.lost()) drop();
        return r;
    }

    /** MAIL FROM with SIZE (RFC 1870), BODY=8BITMIME (RFC 6152) when offered, and SMTPUTF8 (RFC 6531 §3.4) when needed. */
    private static String mailFrom(RawSmtpTransport t, String from, int size, boolean utf8) {
        StringBuilder cmd = new StringBuilder("MAIL FROM:<").append(from).append('>');
        if (utf8) cmd.append(" SMTPUTF8");
        if (t.supportsExtension("8BITMIME")) cmd.append(" BODY=8BITMIME");
        if (t.supportsExtension("SIZE")) cmd.append(" SIZE=").append(size);
        return cmd.toString();
    }

    /** Connects and authenticates; returns null on success, else the failure as this recipient's result. */
    private SubmitResult connect(String rcpt) {
        drop();
        String user = relay.credentials().map(c -> c.username()).orElse(null);
        boolean implicit = relay.tls() == TlsMode.IMPLICIT;
        RawSmtpTransport t = new RawSmtpTransport(session,
                new URLName(implicit ? "smtps" : "smtp", relay.host(), relay.port(), null, user, null), implicit);
        t.setLocalHost(heloName);
        try {
            t.connect(relay.host(), relay.port(), user, user == null ? null : new String(password));
        } catch (AuthenticationFailedException e) {
            return connectFailure(t, rcpt, Stage.AUTH, e);
        } catch (MessagingException e) {
            Stage stage = t.connectStage();
            if (stage == Stage.AUTH && String.valueOf(e.getMessage()).contains("STARTTLS")) stage = Stage.STARTTLS;
            return connectFailure(t, rcpt, stage, e);
        }
        if (user != null && !t.supportsExtension("AUTH")) {
            close(t);
            return SubmitResult.noReply(rcpt, Stage.AUTH, false, "relay does not offer AUTH; credentials are configured", relay.name());
        }
        transport = t;
        log.debug("connected to relay {}", relay);
        return null;
    }

    private SubmitResult connectFailure(RawSmtpTransport t, String rcpt, Stage stage, MessagingException e) {
        int code = t.getLastReturnCode();
        String reply = t.getLastServerResponse();
        close(t);
        log.debug("relay {}: connection failed at {}: {}", relay.name(), stage, describe(e));
        if (code > 0 && reply != null && SmtpReplies.code(reply.strip()) == code) {
            SubmitResult r = SubmitResult.fromReply(rcpt, stage, reply, relay.name());
            // a 2xx/3xx here means a protocol failure after a positive reply (e.g. TLS): nothing accepted
            return r.outcome() == Outcome.ACCEPTED
                    ? SubmitResult.noReply(rcpt, stage, false, describe(e), relay.name())
                    : r;
        }
        return SubmitResult.noReply(rcpt, stage, false, describe(e), relay.name());
    }

    /** The failure without secrets: exception types and messages (Angus never puts the password there). */
    static String describe(Exception e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = e; c != null && sb.length() < 500; c = c.getCause()) {
            if (sb.length() > 0) sb.append(": ");
            sb.append(c.getClass().getSimpleName());
            if (c.getMessage() != null) sb.append(' ').append(c.getMessage().strip());
            if (c.getCause() == c) break;
        }
        return sb.toString();
    }

    private void drop() {
        if (transport != null) close(transport);
        transport = null;
        resetOwed = false;
    }

    private static void close(RawSmtpTransport t) {
        try {
            t.close();
        } catch (MessagingException | RuntimeException ignored) {
            // closing is best effort: the socket is gone either way
        }
    }

    @Override
    public void close() {
        closed = true;
        drop();
        if (password != null) Arrays.fill(password, '\0');
        password = null;
    }
}
