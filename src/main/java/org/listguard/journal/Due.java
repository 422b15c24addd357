package org.listguard.journal;

import org.listguard.list.Recipient;

/**
 * A recipient {@link Journal#nextBatch} hands to the pipeline: pending, or deferred and due.
 *
 * @param seq       the recipient's position in the run (the key for markSending/recordOutcome)
 * @param recipient the list row as journaled (line, address, template fields)
 * @param attempts  attempts made so far (0 for a first try)
 */
public record Due(long seq, Recipient recipient, int attempts) {}
