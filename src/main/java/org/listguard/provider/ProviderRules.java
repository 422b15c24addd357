package org.listguard.provider;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The known providers of {@code providers.yaml}, matched by MX host name suffix. */
public final class ProviderRules {
    record Rule(String name, List<String> mx, String source) {}

    private record Doc(List<Rule> providers) {}

    private final List<Rule> rules;

    private ProviderRules(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The bundled rules. */
    public static ProviderRules standard() {
        try (InputStream in = ProviderRules.class.getResourceAsStream("providers.yaml")) {
            if (in == null) throw new IllegalStateException("providers.yaml is missing from the jar");
            Doc d = new ObjectMapper(new YAMLFactory()).readValue(in, Doc.class);
            for (Rule r : d.providers()) {
                if (r.name() == null || r.mx() == null || r.mx().isEmpty() || r.source() == null) {
                    throw new IllegalStateException("providers.yaml: every provider needs name, mx and source: " + r);
                }
            }
            return new ProviderRules(d.providers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The known provider whose MX suffix the host matches, if any. */
    public Optional<String> byMx(String mxHost) {
        String h = strip(mxHost);
        for (Rule r : rules) {
            for (String suffix : r.mx()) {
                String s = strip(suffix);
                if (h.equals(s) || h.endsWith("." + s)) return Optional.of(r.name());
            }
        }
        return Optional.empty();
    }

    static String strip(String host) {
        String h = host.toLowerCase(Locale.ROOT).trim();
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }
}
