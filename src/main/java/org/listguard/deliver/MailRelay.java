package org.listguard.deliver;

import org.listguard.config.Relay;

/**
 * Submission to a smart host: the one network dependency of the send step. The adapter is
 * {@link AngusMailRelay}; tests use {@code FakeMailRelay} (src/test) or a loopback server.
 *
 * <p>{@code open} does no I/O; the session connects on its first {@link RelaySession#submit}, so a
 * connection failure is reported as that recipient's {@link SubmitResult} (never UNKNOWN: nothing
 * was accepted), not as an exception.
 */
public interface MailRelay {
    /**
     * A session to {@code relay}. {@code password} is copied (the caller may wipe its array) and
     * used only when the relay has credentials; it never appears in results, exceptions or logs.
     */
    RelaySession open(Relay relay, char[] password);
}
