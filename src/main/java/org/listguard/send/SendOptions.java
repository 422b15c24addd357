package org.listguard.send;

/**
 * What the operator asked for. Built by name ({@link #builder(String)}); every flag is off unless set.
 *
 * @param dryRun        gate, plan, compose and sign every message; no SMTP, nothing journaled
 * @param yes           do not ask for confirmation (cron, scripts, the daemon)
 * @param force         start even when the audit says no-go (recorded in the journal, loudly)
 * @param allowUnknown  start when some checks could not be decided
 * @param resendUnknown re-send recipients whose outcome is unknown after a crash (risk of duplicates)
 * @param waitWhenPaused instead of exiting 75 on a pause, wait and re-check with backoff up to guard.max_pause
 * @param skipBadRows   a malformed list row (wrong field count, not UTF-8, a header value refused) is
 *                      skipped with the reason instead of stopping the send (exit 2) — issue 13
 * @param again         start a new run although the campaign was already sent in its period ({@link PeriodRule})
 * @param resendUnconfirmed send again the members journaled {@code unconfirmed} (the relay accepted them, the seed at
 *                      their provider never arrived): the operator's word, issue 19; resumes the campaign's latest
 *                      run even when it completed, if it has such members
 */
public record SendOptions(String campaign, boolean dryRun, boolean yes, boolean force, boolean allowUnknown,
                          boolean resendUnknown, boolean waitWhenPaused, boolean skipBadRows, boolean again,
                          boolean resendUnconfirmed) {
    public SendOptions {
        if (campaign == null || campaign.isBlank()) throw new IllegalArgumentException("a send needs a campaign");
    }

    /** Options for sending {@code campaign}, every flag off. */
    public static Builder builder(String campaign) {
        return new Builder(campaign);
    }

    /** Names each flag it sets: {@code SendOptions.builder("monthly").yes(true).waitWhenPaused(true).build()}. */
    public static final class Builder {
        private final String campaign;
        private boolean dryRun, yes, force, allowUnknown, resendUnknown, waitWhenPaused, skipBadRows, again, resendUnconfirmed;

        private Builder(String campaign) {
            this.campaign = campaign;
        }

        public Builder dryRun(boolean v) { dryRun = v; return this; }
        public Builder yes(boolean v) { yes = v; return this; }
        public Builder force(boolean v) { force = v; return this; }
        public Builder allowUnknown(boolean v) { allowUnknown = v; return this; }
        public Builder resendUnknown(boolean v) { resendUnknown = v; return this; }
        public Builder waitWhenPaused(boolean v) { waitWhenPaused = v; return this; }
        public Builder skipBadRows(boolean v) { skipBadRows = v; return this; }
        public Builder again(boolean v) { again = v; return this; }
        public Builder resendUnconfirmed(boolean v) { resendUnconfirmed = v; return this; }

        public SendOptions build() {
            return new SendOptions(campaign, dryRun, yes, force, allowUnknown, resendUnknown, waitWhenPaused, skipBadRows, again, resendUnconfirmed);
        }
    }
}
