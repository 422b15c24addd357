package org.listguard.config;

import java.net.InetAddress;
import java.util.Optional;

/**
 * Who the mail is from.
 *
 * @param from            the From header, e.g. {@code Retirees News <news@example.org>}
 * @param returnPath      the envelope sender; the VERP form {@code bounces+<token>@domain} is derived from it
 * @param originIp        the list server's public IP (optional)
 * @param unsubscribeUrl  https URL for one-click unsubscribe (RFC 8058); {@code {token}} is replaced per recipient
 * @param unsubscribeMailto address for mailto unsubscribe (default: the return path's local part + "+unsubscribe")
 * @param listId          the List-Id value (RFC 2919), e.g. {@code "Retirees News <news.example.org>"}
 * @param helo            EHLO name to announce to relays (default: the host's name)
 * @param tokenKeyFile    the secret key of VERP and unsubscribe tokens (default {@value Defaults#TOKEN_KEY_FILE}; created 0600 when missing)
 * @param previousTokenKeyFile the key being rotated out: tokens made with it still verify (optional)
 */
public record Sender(
        String from,
        String returnPath,
        InetAddress originIp,
        String unsubscribeUrl,
        String unsubscribeMailto,
        String listId,
        String helo,
        java.nio.file.Path tokenKeyFile,
        java.nio.file.Path previousTokenKeyFile) {

    public Sender(String from, String returnPath, InetAddress originIp, String unsubscribeUrl, String unsubscribeMailto,
                  String listId, String helo) {
        this(from, returnPath, originIp, unsubscribeUrl, unsubscribeMailto, listId, helo, null, null);
    }

    public Optional<InetAddress> origin() { return Optional.ofNullable(originIp); }

    /** The domain of the From address. */
    public String fromDomain() { return Addresses.domainOf(Addresses.addressOf(from)); }

    /** The domain of the return path (envelope sender). */
    public String returnPathDomain() { return Addresses.domainOf(returnPath); }
}
