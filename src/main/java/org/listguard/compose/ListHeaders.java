package org.listguard.compose;

import java.util.Locale;
import org.listguard.config.Addresses;
import org.listguard.config.Campaign;
import org.listguard.config.Config;
import org.listguard.config.Sender;

/**
 * The list headers of a campaign (RFC 2369, RFC 2919, RFC 8058), fixed per campaign except the
 * token of the one-click URL.
 *
 * <ul>
 *   <li>List-Id: {@code sender.list_id} as written, or {@code <campaign.fromDomain>} (the campaign
 *       name lower-cased, characters outside {@code a-z0-9-} replaced by '-').
 *   <li>List-Unsubscribe: {@code <https://…{token}…>} first when {@code sender.unsubscribe_url} is
 *       set (RFC 2369 §2: clients use the left-most method they support, and one-click is the one
 *       receivers reward), then always {@code <mailto:LOCAL+u-TOKEN@DOMAIN?subject=unsubscribe>}
 *       where LOCAL@DOMAIN is {@code sender.unsubscribe_mailto} or the return path, and TOKEN the
 *       recipient's keyed unsubscribe token ({@code bounces process} applies such mail; the
 *       address must therefore reach the bounce mailbox).
 *   <li>List-Unsubscribe-Post: {@code List-Unsubscribe=One-Click}, only with the https URL
 *       (RFC 8058 §3.1: it must accompany an HTTPS URI that identifies the recipient, hence
 *       {@code {token}} is required in the URL).
 * </ul>
 */
public final class ListHeaders {
    static final String TOKEN = "{token}";

    /** The local-part prefix of a mailto unsubscribe token: {@code bounces+u-TOKEN@domain}. */
    public static final String MAILTO_PREFIX = "u-";

    final String listId;
    private final String mailtoLocal;
    private final String mailtoDomain;
    private final String httpsPrefix;
    private final String httpsSuffix;

    ListHeaders(Config config, Campaign campaign) {
        Sender s = config.sender();
        HeaderText.requireCleanConfig(config, "sender.list_id", s.listId());
        HeaderText.requireCleanConfig(config, "sender.unsubscribe_url", s.unsubscribeUrl());
        HeaderText.requireCleanConfig(config, "sender.unsubscribe_mailto", s.unsubscribeMailto());
        this.listId = s.listId() != null ? s.listId().strip()
                : "<" + campaign.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-") + "." + s.fromDomain() + ">";
        String mailto = s.unsubscribeMailto() != null ? Addresses.addressOf(s.unsubscribeMailto()) : s.returnPath();
        this.mailtoLocal = Addresses.localOf(mailto);
        this.mailtoDomain = mailto.substring(mailto.lastIndexOf('@') + 1);
        String url = s.unsubscribeUrl();
        if (url != null) {
            int at = url.indexOf(TOKEN);
            if (at < 0 || url.indexOf(TOKEN, at + 1) >= 0) throw HeaderText.configError(config, "sender.unsubscribe_url",
                    "must contain {token} exactly once: one-click unsubscribe (RFC 8058) needs a URL that identifies the recipient");
            if (url.indexOf('>') >= 0 || url.indexOf(' ') >= 0 || url.indexOf(',') >= 0) {
                throw HeaderText.configError(config, "sender.unsubscribe_url", "must not contain spaces, ',' or '>' (percent-encode them)");
            }
            this.httpsPrefix = url.substring(0, at);
            this.httpsSuffix = url.substring(at + TOKEN.length());
        } else {
            this.httpsPrefix = null;
            this.httpsSuffix = null;
        }
    }

    boolean oneClick() { return httpsPrefix != null; }

    /** The https URL for this unsubscribe token, or null when none is configured. */
    String httpsUrl(String token) {
        return httpsPrefix == null ? null : httpsPrefix + token + httpsSuffix;
    }

    /** {@code mailto:LOCAL+u-TOKEN@DOMAIN?subject=unsubscribe} for this unsubscribe token. */
    String mailtoUri(String token) {
        return "mailto:" + mailtoLocal + '+' + MAILTO_PREFIX + token + '@' + mailtoDomain + "?subject=unsubscribe";
    }

    /** The footer link: the https URL when configured, else the mailto URI. */
    String footerUrl(String token) {
        return oneClick() ? httpsUrl(token) : mailtoUri(token);
    }

    String listUnsubscribe(String token) {
        return oneClick() ? "<" + httpsUrl(token) + ">, <" + mailtoUri(token) + ">" : "<" + mailtoUri(token) + ">";
    }
}
