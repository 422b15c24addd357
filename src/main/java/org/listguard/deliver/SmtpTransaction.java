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
 * refusal the transaction is reset (RSET, RFC 5321 §4.1.1.5) so the connection stays usable; after
 * a 421, an end of stream or an I/O failure the connection is to be dropped ({@link #lost()}).
 */
final class SmtpTransaction {
    static final String CLOSED = "connection closed by the relay without a reply";

    private static final Stage[] STAGES = {Stage.MAIL, Stage.RCPT, Stage.DATA};

    private final RawSmtpTransport t;
    private final String relay;
    private final String rcpt;
    private boolean lost;

    SmtpTransaction(RawSmtpTransport t, String relay, String rcpt) {
        this.t = t;
        this.relay = relay;
        this.rcpt = rcpt;
    }

    /** Whether the connection must be closed after this transaction (421, end of stream, I/O failure). */
    boolean lost() { return lost; }

    /** Runs the transaction with {@code mailFrom} as the whole MAIL command; the result as a value. */
    SubmitResult run(String mailFrom, byte[] raw) {
        String[] commands = {mailFrom, "RCPT TO:<" + rcpt + ">", "DATA"};
        boolean pipelined = t.pipelining();
        Stage stage = Stage.MAIL;
        boolean bodySent = false;
        try {
            if (pipelined) t.send(commands);
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
            if (!lost && t.simpleCommand("RSET") != 250) lost = true;
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
