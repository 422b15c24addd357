package org.listguard.deliver;

import jakarta.mail.MessagingException;
import java.io.IOException;
import org.listguard.reply.Stage;

/**
 * One mail transaction on a connected transport: MAIL, one RCPT, DATA, the body (RFC 5321 §3.3).
 * When the relay offers PIPELINING (RFC 2920) the three commands go in one write and their replies
 * are read in command order (§3.1), so a message costs two round trips instead of four; otherwise
 * each command waits for its reply. Either way every reply is read on its own and the first
 * refusal decides, at its own stage: a refused RCPT is the member's, and the 503 or 554 a pipelining
 * relay then gives DATA is not; a refused MAIL is the sender's. The replies to commands sent after a
 * refused one are read and set aside, and a 354 to such a DATA (a broken server) ends the data at
 * once with "." (no recipient was accepted: nothing is delivered) and counts for nothing. After a
 * refusal the transaction is reset (RSET, RFC 5321 §4.1.1.5) so the connection stays usable: at
 * once when the relay does not pipeline; with PIPELINING the RSET is owed ({@link #owesReset()})
 * and opens the next transaction's group (RSET, MAIL, RCPT, DATA in one write: RFC 2920 §3.1 lets
 * RSET stand anywhere in a group), saving the round trip it cost. Its reply is read first and
 * decides nothing about that next message: when it is not 250 or does not come, the connection is
 * dropped before a reply to the message's own commands is read and before any data is sent
 * (nothing can be delivered), and the result is DEFERRED at MAIL without a reply, as for a kept
 * connection the relay had closed ({@code AngusRelaySession} then makes the transaction once more
 * on a new connection). After a 421, an end of stream or an I/O failure the connection is to be
 * dropped ({@link #lost()}).
 */
final class SmtpTransaction {
    static final String CLOSED = "connection closed by the relay without a reply";

    private static final Stage[] STAGES = {Stage.MAIL, Stage.RCPT, Stage.DATA};

    private final RawSmtpTransport t;
    private final String relay;
    private final String rcpt;
    private final boolean resetFirst;
    private final boolean pipelined;
    private boolean lost;
    private boolean owesReset;

    /**
     * @param resetFirst the previous transaction on this pipelining connection was refused and its
     *                   RSET is owed ({@link #owesReset()}): it opens this transaction's group
     */
    SmtpTransaction(RawSmtpTransport t, String relay, String rcpt, boolean resetFirst) {
        this.t = t;
        this.relay = relay;
        this.rcpt = rcpt;
        this.pipelined = t.pipelining();
        if (resetFirst && !pipelined) throw new IllegalArgumentException("an RSET is owed only on a pipelining connection");
        this.resetFirst = resetFirst;
    }

    /** Whether the connection must be closed after this transaction (421, end of stream, I/O failure). */
    boolean lost() { return lost; }

    /** Whether this refused transaction is still to be reset: by the RSET opening the next one's group. */
    boolean owesReset() { return owesReset && !lost; }

    /** Runs the transaction with {@code mailFrom} as the whole MAIL command; the result as a value. */
    SubmitResult run(String mailFrom, byte[] raw) {
        String[] commands = {mailFrom, "RCPT TO:<" + rcpt + ">", "DATA"};
        Stage stage = Stage.MAIL;
        boolean bodySent = false;
        try {
            if (resetFirst) t.send("RSET", commands[0], commands[1], commands[2]);
            else if (pipelined) t.send(commands);
            if (resetFirst && t.readReply() != 250) return resetRefused();
            for (int i = 0; i < commands.length; i++) {
                stage = STAGES[i];
                if (!pipelined) t.send(commands[i]);
                if (!positive(stage, t.readReply())) return refused(stage, pipelined ? commands.length - 1 - i : 0);
            }
            stage = Stage.DATA_END;
            bodySent = true;
            t.sendData(DataBody.encode(raw));
            if (t.readReply() <= 0) {          // end of stream instead of a reply: it may have been accepted
                lost = true;
                return SubmitResult.noReply(rcpt, Stage.DATA_END, true, CLOSED, relay);
            }
            SubmitResult r = SubmitResult.fromReply(rcpt, Stage.DATA_END, t.getLastServerResponse(), relay);
            if (r.code() == 421) lost = true;
            return r;                          // accepted or not, the reply to the data ends the transaction (RFC 5321 §4.1.1.4)
        } catch (MessagingException | IOException | RuntimeException e) {
            // a RuntimeException from the SMTP client leaves its state unknown: the connection is dropped too
            lost = true;
            return SubmitResult.noReply(rcpt, stage, bodySent, AngusRelaySession.describe(e), relay);
        }
    }

    /**
     * The RSET opening the group was not accepted (or the connection ended): none of this message's
     * commands has been answered and no data was sent, so the connection is dropped unread and the
     * message is DEFERRED at MAIL without a reply, the relay's answer to RSET kept as the text.
     */
    private SubmitResult resetRefused() {
        lost = true;
        String why = t.getLastReturnCode() <= 0 ? CLOSED
                : "the relay answered the RSET before this transaction with \"" + SmtpReplies.normalize(t.getLastServerResponse()) + "\"";
        return SubmitResult.noReply(rcpt, Stage.MAIL, false, why + "; the connection was dropped before any reply to this message's commands", relay);
    }

    private static boolean positive(Stage stage, int code) {
        switch (stage) {
            case MAIL: return code == 250;
            case RCPT: return code == 250 || code == 251;
            default: return code == 354;
        }
    }

    /**
     * The refusal just read is the result. {@code pending} replies to pipelined commands sent after
     * the refused one are still to come (RFC 2920 §3.1): they are read and set aside before RSET.
     */
    private SubmitResult refused(Stage stage, int pending) {
        if (t.getLastReturnCode() <= 0) {
            lost = true;
            return SubmitResult.noReply(rcpt, stage, false, CLOSED, relay);
        }
        SubmitResult r = SubmitResult.fromReply(rcpt, stage, t.getLastServerResponse(), relay);
        if (r.code() == 421 || r.code() == 0) {
            lost = true;
            return r;
        }
        try {
            for (int k = pending; k > 0 && !lost; k--) {
                int code = t.readReply();
                if (code <= 0 || code == 421) lost = true;
                else if (k == 1 && code == 354) endEmptyData(stage);
            }
            if (!lost && pipelined) owesReset = true;              // the next transaction's group opens with it
            else if (!lost && t.simpleCommand("RSET") != 250) lost = true;
        } catch (MessagingException | RuntimeException e) {
            lost = true;                       // the refusal stands; only the connection is gone
        }
        return r;
    }

    /**
     * DATA answered 354 although the transaction was refused: with the recipient refused there is
     * nothing to deliver, so "." ends the data at once (its reply is not this recipient's); with
     * MAIL refused the relay's recipient state is unknown, so the connection is dropped instead,
     * which aborts the transaction (RFC 5321 §3.8) without risking an empty message.
     */
    private void endEmptyData(Stage refusedAt) throws MessagingException {
        if (refusedAt != Stage.RCPT) {
            lost = true;
            return;
        }
        try {
            t.sendData(DataBody.encode(new byte[0]));
        } catch (IOException e) {
            throw new MessagingException("Can't end the data", e);
        }
        int code = t.readReply();
        if (code <= 0 || code == 421) lost = true;
    }
}
