package org.listguard.domain;

import com.google.common.net.InetAddresses;
import com.google.common.net.InternetDomainName;
import java.net.IDN;
import java.util.Locale;

/**
 * The registrable domain of a host name: its public suffix plus one label, by the Public Suffix
 * List (https://publicsuffix.org/list/) — the one function for DMARC's organizational domain
 * (RFC 7489 §3.2), for grouping recipients by provider and for the link domains URI blocklists
 * are queried with. {@code mail.example.net.nz} → {@code example.net.nz}.
 *
 * <p>The list is Guava's {@link InternetDomainName} copy, compiled into the jar and refreshed
 * with each Guava release: no file to read, no network, the same answer on every host. Both of
 * its sections count, ICANN and private ({@code blogspot.com}, {@code github.io}): that is how
 * DMARC implementations read RFC 7489 §3.2 ("the public suffix list"), and it keeps a blog
 * host's customers apart from each other and from the host itself. A name under no listed suffix
 * takes the list's default rule {@code *} (RFC 7489 §3.2 step 3, the PSL's own algorithm): its
 * last two labels.
 *
 * <p>Input may be upper case, carry a trailing dot, or be an internationalised name in U-labels
 * or A-labels; the answer is lower case, without the dot, in A-labels (what DNS is queried with
 * and what {@code d=} and {@code header.from} carry). A name that has no registrable domain — a
 * public suffix itself ({@code co.uk}), a single label, an IP literal, or something that is not a
 * domain name — is returned itself, normalised the same way.
 */
public final class RegistrableDomain {
    private RegistrableDomain() {}

    public static String of(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        if (n.startsWith("[") && n.endsWith("]")) return n.substring(1, n.length() - 1); // an address literal (RFC 5321 §4.1.3)
        if (n.endsWith(".")) n = n.substring(0, n.length() - 1);
        if (n.isEmpty() || InetAddresses.isInetAddress(n)) return n;
        String ascii;
        InternetDomainName d;
        try {
            ascii = IDN.toASCII(n, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
            d = InternetDomainName.from(IDN.toUnicode(ascii, IDN.ALLOW_UNASSIGNED)); // the list is kept in U-labels
        } catch (IllegalArgumentException notADomainName) {
            return n;
        }
        if (d.isUnderPublicSuffix()) return IDN.toASCII(d.topPrivateDomain().toString(), IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        if (d.hasPublicSuffix()) return ascii;   // a public suffix itself: nothing above it to register
        String[] labels = ascii.split("\\.");
        return labels.length <= 2 ? ascii : labels[labels.length - 2] + "." + labels[labels.length - 1];
    }
}
