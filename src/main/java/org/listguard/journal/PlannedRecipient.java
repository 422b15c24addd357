package org.listguard.journal;

import org.listguard.list.Recipient;

/**
 * A list row as the plan writes it: the recipient and, when it must not be sent (invalid,
 * duplicate, suppressed), the reason — written {@code skipped} in the same insert, so no crash can
 * leave such a row pending.
 *
 * @param skipReason null for a recipient to send
 */
public record PlannedRecipient(Recipient recipient, String skipReason) {}
