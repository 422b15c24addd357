package org.listguard.placement;

/**
 * A seed found in its mailbox: in which folder, whether that folder is the inbox or the junk
 * folder, and what the receiver's headers said ({@link VerdictHeaders}).
 */
public record Arrival(Placement placement, String folder, ReceiverVerdict verdict) {
    public Arrival {
        if (placement == Placement.MISSING) throw new IllegalArgumentException("an arrival is in a folder");
        verdict = verdict == null ? ReceiverVerdict.NONE : verdict;
    }
}
