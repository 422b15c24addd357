package org.listguard.send;

/**
 * What the operator asked for.
 *
 * @param force         start even when the audit says no-go (recorded in the journal, loudly)
 * @param allowUnknown  start when some checks could not be decided
 * @param resendUnknown re-send recipients whose outcome is unknown after a crash (risk of duplicates)
 * @param waitWhenPaused instead of exiting 75 on a pause, wait and re-check with backoff up to guard.max_pause
 * @param skipBadRows   a malformed list row (wrong field count, not UTF-8, a header value refused) is
 *                      skipped with the reason instead of stopping the send (exit 2) — issue 13
 * @param again         start a new run although the campaign was already sent in its period ({@link PeriodRule})
 */
public record SendOptions(String campaign, boolean dryRun, boolean yes, boolean force, boolean allowUnknown,
                          boolean resendUnknown, boolean waitWhenPaused, boolean skipBadRows, boolean again) {
    public SendOptions(String campaign, boolean dryRun, boolean yes, boolean force, boolean allowUnknown,
                       boolean resendUnknown, boolean waitWhenPaused) {
        this(campaign, dryRun, yes, force, allowUnknown, resendUnknown, waitWhenPaused, false, false);
    }
}
