package org.listguard.report;

import java.util.Locale;

/**
 * The receiving provider a recipient belongs to, for grouping outcomes in reports. For now the
 * recipient's domain, lower-cased; the one place to swap for an MX-based grouping (several
 * domains served by one provider's mail exchangers) when the journal records it.
 */
public final class Providers {
    private Providers() {}

    /** The provider of an address or a bare domain; "(unknown)" when there is none. */
    public static String of(String addressOrDomain) {
        if (addressOrDomain == null || addressOrDomain.isBlank()) return "(unknown)";
        int at = addressOrDomain.lastIndexOf('@');
        String domain = at < 0 ? addressOrDomain : addressOrDomain.substring(at + 1);
        domain = domain.trim().toLowerCase(Locale.ROOT);
        return domain.isEmpty() ? "(unknown)" : domain;
    }
}
