package org.listguard.config;

/**
 * Where bounces and complaints arrive (issue 5) and the complaint-rate limits.
 *
 * @param mailbox        the return-path mailbox
 * @param complaintWarn  complaint rate (percent) above which a warning is given (default 0.1)
 * @param complaintStop  complaint rate (percent) above which the next run is refused (default 0.3)
 * @param feedbackSources domains whose DKIM signature makes an ARF report trusted without a token
 *                       or Message-ID of ours (feedback loops, e.g. {@code hotmail.com} for JMRP);
 *                       default none
 * @param maxMessageSize the largest mailbox message read, e.g. "10MB" (default {@link Defaults#MAX_MESSAGE_SIZE});
 *                       a larger one is set aside with a note, never read into memory (issue 13)
 * @param score          when bounce evidence over runs suppresses a member (issue 22)
 */
public record BounceSettings(MailboxSettings mailbox, Double complaintWarn, Double complaintStop, java.util.List<String> feedbackSources,
                             String maxMessageSize, BounceScore score) {
    public BounceSettings {
        score = score == null ? BounceScore.DEFAULT : score;
        complaintWarn = complaintWarn == null ? 0.1 : complaintWarn;
        complaintStop = complaintStop == null ? 0.3 : complaintStop;
        feedbackSources = feedbackSources == null ? java.util.List.of()
                : feedbackSources.stream().map(d -> d.strip().toLowerCase(java.util.Locale.ROOT)).toList();
        maxMessageSize = maxMessageSize == null ? Defaults.MAX_MESSAGE_SIZE : maxMessageSize;
    }

    public BounceSettings(MailboxSettings mailbox, Double complaintWarn, Double complaintStop) {
        this(mailbox, complaintWarn, complaintStop, null, null, null);
    }

    public BounceSettings(MailboxSettings mailbox, Double complaintWarn, Double complaintStop, java.util.List<String> feedbackSources,
                          String maxMessageSize) {
        this(mailbox, complaintWarn, complaintStop, feedbackSources, maxMessageSize, null);
    }

    /** {@code max_message_size} in bytes. */
    public long maxMessageBytes() {
        return Sizes.parse(maxMessageSize);
    }
}
