package org.listguard.dmarc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.listguard.domain.RegistrableDomain;

/**
 * Whether a report speaks for its reporter (DELIVERABILITY.md s9): the message that carried it
 * has a passing DKIM signature whose {@code d=} is the domain of the report's contact address
 * ({@code report_metadata/email}) or a parent of it ({@code sicher.gmx.net} is signed by
 * {@code gmx.net}; never above its registrable domain, {@link RegistrableDomain}), or a domain the
 * bundled {@code reporter-aliases.txt} names for it (each line cites its source). A child domain never counts: whoever holds {@code evil.example.com} cannot
 * speak for {@code example.com}.
 */
public final class Reporters {
    private static final Map<String, String> ALIASES = load();

    private Reporters() {}

    /** The first verified signing domain ({@code d=}) that speaks for the report's reporter, if any. */
    public static Optional<String> speaksFor(List<String> signingDomains, AggregateReport report) {
        String contact = domainOf(report.email());
        if (contact == null) return Optional.empty();
        String alias = ALIASES.get(contact);
        for (String signer : signingDomains) {
            String d = signer.toLowerCase(Locale.ROOT);
            if (contact.equals(d) || (contact.endsWith("." + d) && OurMail.within(d, RegistrableDomain.of(contact)))) return Optional.of(d);
            if (alias != null && (alias.equals(d) || alias.endsWith("." + d))) return Optional.of(d);
        }
        return Optional.empty();
    }

    /** The domain of a contact address ({@code mailto:} and angle brackets tolerated), lower case, or null. */
    public static String domainOf(String email) {
        if (email == null) return null;
        String e = email.strip();
        if (e.regionMatches(true, 0, "mailto:", 0, 7)) e = e.substring(7);
        e = e.replace("<", "").replace(">", "");
        int at = e.lastIndexOf('@');
        String d = (at < 0 ? e : e.substring(at + 1)).strip().toLowerCase(Locale.ROOT);
        return d.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+") ? d : null;
    }

    private static Map<String, String> load() {
        Map<String, String> m = new HashMap<>();
        try (InputStream in = Reporters.class.getResourceAsStream("reporter-aliases.txt")) {
            if (in == null) throw new IllegalStateException("reporter-aliases.txt is missing from the jar");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                String l = line.replaceAll("#.*", "").strip();
                if (l.isEmpty()) continue;
                String[] f = l.split("\\s+");
                if (f.length != 2) throw new IllegalStateException("reporter-aliases.txt: expected 'contact-domain signing-domain': " + line);
                m.put(f[0].toLowerCase(Locale.ROOT), f[1].toLowerCase(Locale.ROOT));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(m);
    }
}
