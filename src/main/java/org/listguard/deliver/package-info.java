/**
 * Submission to the smart host and the pace of a run.
 *
 * <p>How the send pipeline uses it, per relay: one {@link org.listguard.deliver.throttle.SendThrottle}
 * shared by {@code throttle.connections} workers; each worker owns one
 * {@link org.listguard.deliver.RelaySession} from {@link org.listguard.deliver.MailRelay#open} and
 * loops: {@code permit = throttle.acquire(envelope.recipientDomain())} (re-check between batches
 * when {@code permit.startsBatch()}), journal the recipient as sending, {@code session.submit(envelope,
 * signedBytes)}, journal the {@link org.listguard.deliver.SubmitResult}. {@code UNKNOWN} results
 * must not be re-sent automatically; {@code toReply(host)} feeds the classifier. The guard calls
 * {@code slowDown()} / {@code recover()} on the shared throttle.
 *
 * <p>{@code send --sandbox} and guard tests point relays at
 * {@link org.listguard.deliver.sandbox.SandboxSmtpServer} with {@code relayFor(relay)}.
 */
package org.listguard.deliver;
