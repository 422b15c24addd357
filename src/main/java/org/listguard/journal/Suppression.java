package org.listguard.journal;

import java.time.Instant;
import org.listguard.reply.Action;

/**
 * An address never to send to again.
 *
 * @param key       the address with the domain lower-cased ({@link Suppressions#key(String)})
 * @param action    {@link Action#HARD} or {@link Action#COMPLAINT}: nothing else suppresses
 * @param evidence  the reply or report that caused it (free text), or null
 * @param sourceRun the run it came from, or null (manual, bounce without a run)
 */
public record Suppression(String key, String reason, Action action, String evidence, String sourceRun, Instant at) {}
