package org.listguard.placement;

import java.util.Locale;

/**
 * Where a seed ended up at its receiving provider (DELIVERABILITY.md s10): in the inbox, in the
 * junk folder, or nowhere to be seen by the time we stopped looking. Placement testers (GlockApps,
 * InboxIssue) use the same three words.
 */
public enum Placement {
    INBOX, JUNK, MISSING;

    /** As journaled and in JSON: {@code inbox}, {@code junk}, {@code missing}. */
    public String json() { return name().toLowerCase(Locale.ROOT); }
}
