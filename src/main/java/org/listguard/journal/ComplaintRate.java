package org.listguard.journal;

/**
 * The complaint rate of one run: distinct recipients who complained (ARF, RFC 5965) over the
 * recipients the relay accepted. Gmail and Yahoo's bulk-sender rules (2024) ask senders to stay
 * under 0.1 % and treat 0.3 % as the limit.
 */
public record ComplaintRate(String run, String campaign, long complaints, long accepted) {
    /** The rate in percent; 0 when nothing was accepted. */
    public double percent() {
        return accepted == 0 ? 0 : 100.0 * complaints / accepted;
    }
}
