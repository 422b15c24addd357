package org.listguard.dmarc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The reporting receivers of {@code reporting-receivers.txt}: which recipient domains each receives for, and its reports' contact domain. */
public final class ReportingReceivers {
    /** One reporting receiver. */
    public record Reporter(String name, String contactDomain, List<String> recipientDomains) {}

    public static final List<Reporter> ALL = load();

    private ReportingReceivers() {}

    /** The reporter receiving mail for this recipient domain. */
    public static Optional<Reporter> forRecipientDomain(String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        return ALL.stream().filter(r -> r.recipientDomains().contains(d)).findFirst();
    }

    /** Whether a report with this contact address came from {@code r}. */
    public static boolean sentBy(Reporter r, String contactEmail) {
        return OurMail.within(Reporters.domainOf(contactEmail), r.contactDomain());
    }

    private static List<Reporter> load() {
        List<Reporter> out = new ArrayList<>();
        try (InputStream in = ReportingReceivers.class.getResourceAsStream("reporting-receivers.txt")) {
            if (in == null) throw new IllegalStateException("reporting-receivers.txt is missing from the jar");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                String l = line.replaceAll("#.*", "").strip();
                if (l.isEmpty()) continue;
                String[] f = l.toLowerCase(Locale.ROOT).split("\\s+");
                if (f.length < 3) throw new IllegalStateException("reporting-receivers.txt: expected 'provider contact-domain recipient-domain…': " + line);
                out.add(new Reporter(f[0], f[1], List.of(f).subList(2, f.length)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(out);
    }
}
