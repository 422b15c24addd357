package org.listguard.audit.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The organizational domain (RFC 7489 §3.2): the public suffix plus one label. Without the full
 * Public Suffix List this knows single-label suffixes and the multi-label suffixes listed in
 * {@code public-suffixes.yaml}; a domain under an unlisted multi-label suffix is treated as if the
 * suffix were one label (alignment may then be judged too generous for such domains).
 */
public final class OrgDomain {
    private static final Set<String> MULTI_LABEL = load();

    private OrgDomain() {}

    public static String of(String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        if (d.endsWith(".")) d = d.substring(0, d.length() - 1);
        String[] labels = d.split("\\.");
        if (labels.length <= 2) return d;
        String lastTwo = labels[labels.length - 2] + "." + labels[labels.length - 1];
        int keep = MULTI_LABEL.contains(lastTwo) ? 3 : 2;
        if (labels.length <= keep) return d;
        return String.join(".", List.of(labels).subList(labels.length - keep, labels.length));
    }

    private static Set<String> load() {
        try (InputStream in = OrgDomain.class.getResourceAsStream("public-suffixes.yaml")) {
            if (in == null) throw new IllegalStateException("public-suffixes.yaml is missing from the jar");
            Doc d = new ObjectMapper(new YAMLFactory()).readValue(in, Doc.class);
            return Set.copyOf(d.suffixes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Doc(List<String> suffixes) {}
}
