package org.listguard.config;

import java.time.Duration;
import java.util.Optional;

/**
 * DMARC aggregate reports (issue 24).
 *
 * @param mailbox     where the {@code rua=} reports arrive (same forms as {@code bounces.mailbox}; often the same mailbox); optional
 * @param maxDkimFail percent of our messages a receiver may report with our DKIM failing, within {@code window},
 *                    before the gate warns (default {@link Defaults#DMARC_MAX_DKIM_FAIL}); above {@link Defaults#DMARC_DKIM_FAIL_STOP} it fails
 * @param window      how far back the gate reads reports (default {@link Defaults#DMARC_WINDOW})
 */
public record DmarcSettings(MailboxSettings mailbox, Double maxDkimFail, Duration window) {
    public static final DmarcSettings DEFAULT = new DmarcSettings(null, null, null);

    public DmarcSettings {
        maxDkimFail = maxDkimFail == null ? Defaults.DMARC_MAX_DKIM_FAIL : maxDkimFail;
        window = window == null ? Defaults.DMARC_WINDOW : window;
    }

    public Optional<MailboxSettings> mailboxSettings() { return Optional.ofNullable(mailbox); }
}
