/**
 * Message composition for {@code listguard send}: one campaign's templates rendered per recipient
 * into the exact bytes that are signed and sent. No network.
 *
 * <p>Use: {@code Composer composer = new Composer(config, campaign, clock)} once per run (reads and
 * compiles the templates; every template or config problem is thrown here);
 * {@code composer.requireColumns(header)} before the first message (a template variable the list
 * lacks fails before anything is sent); then {@code composer.compose(runId, seq, recipient)} per
 * recipient, which returns a {@link org.listguard.compose.ComposedMessage}.
 *
 * <p>The bytes contract: {@code ComposedMessage.raw()} is final. DKIM signing prepends one header
 * line and CRLF; the relay must receive exactly the result. Never pass it through
 * {@code MimeMessage.saveChanges()} / {@code Transport.send()} (new Message-ID, re-encoded body);
 * wrap it in a {@link org.listguard.compose.SendableMessage} and call
 * {@code transport.sendMessage(msg, recipients)} on an open transport, without
 * {@code mail.smtp.allow8bitmime}.
 *
 * <p>Bounces and unsubscribe requests identify the run and recipient with a keyed token
 * ({@link org.listguard.compose.KeyedTokens}, key in {@link org.listguard.compose.TokenKeys}):
 * {@code <run>-<seq>-<HMAC>}, one purpose each (VERP return path, unsubscribe). Only the key's
 * holder can make one; {@link org.listguard.compose.KeyedTokens#check} verifies it.
 */
package org.listguard.compose;
