package org.listguard.journal;

import java.util.Objects;
import org.listguard.reply.Action;

/**
 * A receiver's sender-side verdict about one recipient, read from a DSN after the relay accepted
 * the message (table {@code downstream_verdicts}): the evidence a delisting form asks for.
 *
 * @param reportingMta the MTA that wrote the DSN (the smart host), or null
 * @param remoteMta    the receiver that refused, or null
 * @param egressIp     the IP the receiver named as judged, or null
 * @param zone         the list the receiver named, or null
 * @param aboutMessageId the Message-ID the report quotes for the message it is about, or null (schema 13)
 */
public record DownstreamEntry(String messageKey, String run, long seq, Action action, String reason, String status, int replyCode,
                              String diagnostic, String reportingMta, String remoteMta, String egressIp, String zone, String source,
                              String aboutMessageId) {
    /** A verdict whose report quotes no Message-ID. */
    public DownstreamEntry(String messageKey, String run, long seq, Action action, String reason, String status, int replyCode,
                           String diagnostic, String reportingMta, String remoteMta, String egressIp, String zone, String source) {
        this(messageKey, run, seq, action, reason, status, replyCode, diagnostic, reportingMta, remoteMta, egressIp, zone, source, null);
    }

    public DownstreamEntry {
        aboutMessageId = RelayAcceptance.about(aboutMessageId);
        Objects.requireNonNull(messageKey, "messageKey");
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(source, "source");
        if (action != Action.REPUTATION && action != Action.SENDER && action != Action.THROTTLE) {
            throw new IllegalArgumentException("only reputation, sender and throttle verdicts block a member, not "
                    + (action == null ? null : action.json()));
        }
    }
}
