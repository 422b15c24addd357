package org.listguard.config;

/**
 * Where bounces and complaints arrive (issue 5) and the complaint-rate limits.
 *
 * @param mailbox        the return-path mailbox
 * @param complaintWarn  complaint rate (percent) above which a warning is given (default 0.1)
 * @param complaintStop  complaint rate (percent) above which the next run is refused (default 0.3)
 */
public record BounceSettings(MailboxSettings mailbox, Double complaintWarn, Double complaintStop) {
    public BounceSettings {
        complaintWarn = complaintWarn == null ? 0.1 : complaintWarn;
        complaintStop = complaintStop == null ? 0.3 : complaintStop;
    }
}
