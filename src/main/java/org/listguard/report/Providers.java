package org.listguard.report;

import java.util.Locale;
import org.listguard.domain.RegistrableDomain;

/**
 * The receiving provider a recipient belongs to, for grouping outcomes in reports. For now the
 * registrable domain of the recipient's domain ({@link RegistrableDomain}: {@code mail.example.net.nz}
 * and {@code example.net.nz} are one receiver); the one place to swap for an MX-based grouping
 * (several domains served by one provider's mail exchangers) when the journal records it.
 */
public final class Providers {
    private Providers() {}

    /** The provider of an address or a bare domain; "(unknown)" when there is none. */
    public static String of(String addressOrDomain) {
        if (addressOrDomain == null || addressOrDomain.isBlank()) return "(unknown)";
        int at = addressOrDomain.lastIndexOf('@');
        String domain = at < 0 ? addressOrDomain : addressOrDomain.substring(at + 1);
        domain = domain.trim().toLowerCase(Locale.ROOT);
        return domain.isEmpty() ? "(unknown)" : RegistrableDomain.of(domain);
    }
}
