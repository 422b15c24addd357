package org.listguard.audit.content;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.listguard.config.ConfigMapper;

/**
 * The registrable domains of the http(s) links in a text, as URI lists are queried (SURBL and
 * URIBL list registrable domains; Spamhaus DBL too). Two-label public suffixes come from
 * {@code public-suffixes.yaml}; hosts that are IP literals or template variables are skipped.
 */
public final class LinkDomains {
    private static final Pattern LINK = Pattern.compile("(?i)\\bhttps?://([^/\\s\"'<>?#\\\\]+)");
    private static volatile Set<String> suffixes;

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
            out.add(registrable(host));
        }
        return out;
    }

    /** {@code a.b.example.co.uk} → {@code example.co.uk}; {@code www.example.org} → {@code example.org}. */
    public static String registrable(String host) {
        String[] l = host.split("\\.");
        if (l.length <= 2) return host;
        String lastTwo = l[l.length - 2] + "." + l[l.length - 1];
        int keep = suffixes().contains(lastTwo) ? 3 : 2;
        StringBuilder sb = new StringBuilder();
        for (int i = l.length - keep; i < l.length; i++) sb.append(sb.length() == 0 ? "" : ".").append(l[i]);
        return sb.toString();
    }

    private static Set<String> suffixes() {
        Set<String> s = suffixes;
        if (s == null) {
            try (InputStream in = LinkDomains.class.getResourceAsStream("/org/listguard/audit/public-suffixes.yaml")) {
                JsonNode root = ConfigMapper.yaml().readTree(in);
                Set<String> set = new HashSet<>();
                for (JsonNode n : root.get("suffixes")) set.add(n.asText().toLowerCase(Locale.ROOT));
                s = Set.copyOf(set);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            suffixes = s;
        }
        return s;
    }
}
