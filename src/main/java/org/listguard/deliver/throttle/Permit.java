package org.listguard.deliver.throttle;

import java.time.Instant;

/**
 * Leave to start one transaction.
 *
 * @param sequence    0-based number of this permit in the run (across all workers)
 * @param batch       0-based batch number ({@code sequence / batch_size})
 * @param startsBatch true for the first message of a batch (the guard re-checks before it)
 * @param at          the time the transaction may start
 */
public record Permit(long sequence, long batch, boolean startsBatch, Instant at) {}
