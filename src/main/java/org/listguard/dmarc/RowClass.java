package org.listguard.dmarc;

/**
 * What one report row says about our mail (issue 24 "Trust"). Only our own DKIM signature passing
 * (our {@code d=} and selector) ties a row to a message we sent: a forger cannot make receivers
 * see it pass from an IP we never used.
 */
public enum RowClass {
    /** A configured relay egress (or one learned before) with our DKIM passing. */
    RELAY("relay"),
    /** Our DKIM and SPF passing from an IP we did not know: a new egress of the smart host; learned. */
    NEW_EGRESS("new-egress"),
    /** Our DKIM passing, SPF not ours: a forwarder (a member's mail forwarding, a list); never learned. */
    FORWARDER("forwarder"),
    /** A configured or learned egress where our DKIM did not pass: our message, our signature failing at the receiver. */
    DKIM_FAIL("dkim-fail"),
    /** Our domain without our DKIM from an IP we do not know: spoofing or a forgotten sender; listed, never learned. */
    NOT_US("not-us");

    private final String json;

    RowClass(String json) {
        this.json = json;
    }

    public String json() { return json; }

    /** Whether the row counts as our own mail from our own egress (the denominator of the DKIM failure rate). */
    public boolean ourEgress() {
        return this == RELAY || this == NEW_EGRESS || this == DKIM_FAIL;
    }

    public static RowClass parse(String s) {
        for (RowClass c : values()) if (c.json.equals(s)) return c;
        throw new IllegalArgumentException("no row class " + s);
    }
}
