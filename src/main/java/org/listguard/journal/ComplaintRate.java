package org.listguard.journal;

/**
 * The complaint rate of one run (ARF, RFC 5965) over the recipients the relay accepted. Gmail and
 * Yahoo's bulk-sender rules (2024) ask senders to stay under 0.1 % and treat 0.3 % as the limit.
 *
 * <p>What counts (DESIGN.md invariant 11: the gate changes only on a source a member cannot forge,
 * or on {@code guard.corroborate} distinct members): every member whose complaint a feedback loop
 * proved; members who complained by their own proof only (their token or our Message-ID: anyone
 * can mail the return path with them) count when at least {@code corroborate} distinct members
 * did so in the run, never fewer. Members are distinct by address.
 *
 * @param proven      distinct members whose complaint a proven feedback loop reported
 * @param members     distinct other members who complained by their own proof only
 * @param corroborate {@code guard.corroborate}: how many such members make their complaints count
 */
public record ComplaintRate(String run, String campaign, long proven, long members, int corroborate, long accepted) {
    /** Complaints counted toward the rate (what the gate, the summary and the audit show). */
    public long complaints() {
        return proven + (corroborated() ? members : 0);
    }

    /** Whether the member-proven complaints count: at least {@code corroborate} distinct members. */
    public boolean corroborated() {
        return members > 0 && members >= corroborate;
    }

    /** Every member who complained, counted or not. */
    public long reported() {
        return proven + members;
    }

    /** The counted rate in percent; 0 when nothing was accepted. */
    public double percent() {
        return accepted == 0 ? 0 : 100.0 * complaints() / accepted;
    }
}
