package org.listguard.deliver;

/**
 * One SMTP connection to one relay, reused for many transactions (a new connection per message is
 * 10–50× slower). Not thread-safe: one worker owns one session; run {@code connections} sessions
 * in parallel for more throughput.
 *
 * <p>Contract of {@link #submit}: exactly one transaction (MAIL, one RCPT, DATA) carrying exactly
 * {@code raw} (already signed: no header is added or changed), with the result as a value. After a
 * connection-level failure or a 421 reply (RFC 5321 §3.8) the connection is closed and the next
 * {@code submit} connects again.
 */
public interface RelaySession extends AutoCloseable {
    SubmitResult submit(Envelope envelope, byte[] raw);

    /** Whether a connection is currently open (false before the first submit and after a failure). */
    boolean connected();

    /** The relay's configured name (for journal and evidence). */
    String relayName();

    /** Sends QUIT (bounded by the relay's timeout) and closes; never throws. */
    @Override
    void close();
}
