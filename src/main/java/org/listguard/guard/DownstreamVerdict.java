package org.listguard.guard;

import java.time.Instant;
import org.listguard.reply.Action;

/**
 * A receiver's verdict about a message the relay had accepted, read from the return path (a DSN),
 * as the guard sees it: which provider refused, why, and the evidence a delisting form asks for.
 *
 * @param provider        the receiving provider (provider/Providers), e.g. google or the MX's registrable domain
 * @param recipientDomain the member's domain (never the address)
 * @param reportingMta    the MTA that wrote the DSN (the smart host), or null
 * @param remoteMta       the receiver that refused, or null
 * @param egressIp        the IP the receiver named as judged, or null
 * @param zone            the list the receiver named, or null
 */
public record DownstreamVerdict(Instant at, String provider, String recipientDomain, Action action, String reason, String status,
                                int replyCode, String diagnostic, String reportingMta, String remoteMta, String egressIp, String zone) {

    /** Whether the verdict is about the sender (and so about the run), not about the member. */
    public boolean senderSide() {
        return action == Action.REPUTATION || action == Action.SENDER || action == Action.THROTTLE;
    }

    /**
     * The evidence: the receiver's exact text and codes, the reporting MTA (as relay), the
     * recipient domain, the UTC time; {@code source} is the list the receiver named, else
     * "receiver HOST (provider)". Kind is the action, as for a synchronous reply.
     */
    public Evidence evidence() {
        String src = zone != null ? zone : "receiver " + (remoteMta == null ? "?" : remoteMta) + " (" + provider + ")";
        return new Evidence(at, action.json(), reportingMta, recipientDomain, replyCode == 0 ? null : replyCode, status,
                diagnostic, src);
    }

    /** "IP on ZONE" when the receiver named a list, else null. */
    public String listing() {
        return egressIp != null && zone != null ? egressIp + " on " + zone : null;
    }
}
