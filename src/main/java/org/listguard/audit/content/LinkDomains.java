package org.listguard.audit.content;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.listguard.domain.RegistrableDomain;

/**
 * The registrable domains of the http(s) links in a text, as URI lists are queried (SURBL and
 * URIBL list registrable domains; Spamhaus DBL too), by the Public Suffix List
 * ({@link RegistrableDomain}); hosts that are IP literals or template variables are skipped.
 */
public final class LinkDomains {
    private static final Pattern LINK = Pattern.compile("(?i)\\bhttps?://([^/\\s\"'<>?#\\\\]+)");

    private LinkDomains() {}

    /** In order of first appearance, lower-cased, without duplicates. */
    public static Set<String> in(String text) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = LINK.matcher(text);
        while (m.find()) {
            String host = m.group(1);
            int at = host.lastIndexOf('@');
            if (at >= 0) host = host.substring(at + 1);
            if (host.startsWith("[") || host.contains("{")) continue;
            int colon = host.indexOf(':');
            if (colon >= 0) host = host.substring(0, colon);
            host = host.toLowerCase(Locale.ROOT).replaceAll("\\.+$", "");
            if (host.isEmpty() || host.matches("[0-9.]+") || !host.contains(".")) continue;
            if (!host.matches("[a-z0-9.-]+")) continue;
            out.add(RegistrableDomain.of(host));
        }
        return out;
    }
}
