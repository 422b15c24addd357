package org.listguard.audit.rdns;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.listguard.config.ConfigMapper;

/**
 * Scores how generic (dynamic, residential) a PTR name looks, from the signals in
 * {@code rdns-generic.yaml} (DELIVERABILITY.md §2: SpamAssassin RDNS_DYNAMIC, rspamd hfilter).
 * The answer is a score and the signals that matched, not a bare yes/no.
 */
public final class GenericNames {
    static final String RESOURCE = "/org/listguard/audit/rdns-generic.yaml";
    private static volatile GenericNames bundled;

    /** One signal as in the data file: {@code pattern} or {@code tokens}, and a weight (negative = less generic). */
    public record Signal(String name, String pattern, List<String> tokens, int weight) {}

    record File(int threshold, List<Signal> signals) {}

    /** @param matched the names of the signals that matched, with their weights */
    public record Score(int score, int threshold, List<String> matched) {
        public boolean generic() { return score >= threshold; }

        public String signals() { return matched.isEmpty() ? "none" : String.join(", ", matched); }
    }

    private final File file;

    private GenericNames(File file) {
        this.file = file;
    }

    public static GenericNames bundled() {
        GenericNames g = bundled;
        if (g == null) {
            try (InputStream in = GenericNames.class.getResourceAsStream(RESOURCE)) {
                if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the jar");
                g = parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            bundled = g;
        }
        return g;
    }

    /** A replacement file ({@code reputation.rdns_generic}); a broken one is a ConfigException naming it. */
    public static GenericNames load(java.nio.file.Path file) {
        try {
            return parse(java.nio.file.Files.readString(file));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNr());
            throw new org.listguard.config.ConfigException(file.toString(), line, "signals", e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new org.listguard.config.ConfigException(file.toString(), 0, null, "cannot read the generic-rDNS signals: "
                    + e.getMessage(), e);
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new org.listguard.config.ConfigException(file.toString(), 0, "signals", "a pattern is not a regex: " + e.getMessage(), e);
        }
    }

    static GenericNames parse(String yaml) throws IOException {
        ObjectMapper m = ConfigMapper.yaml();
        GenericNames g = new GenericNames(m.readValue(yaml, File.class));
        for (Signal sig : g.file.signals()) compile(sig, java.net.InetAddress.getLoopbackAddress()); // fail at load, not per name
        return g;
    }

    public Score score(String ptrName, InetAddress ip) {
        String name = ptrName.toLowerCase(Locale.ROOT);
        int total = 0;
        List<String> matched = new ArrayList<>();
        for (Signal s : file.signals()) {
            Pattern p = compile(s, ip);
            if (p != null && p.matcher(name).find()) {
                total += s.weight();
                matched.add(s.name() + " (" + (s.weight() > 0 ? "+" : "") + s.weight() + ")");
            }
        }
        return new Score(total, file.threshold(), matched);
    }

    /** The signal as a regex for this IP; null when it needs IPv4 octets and the IP is IPv6. */
    static Pattern compile(Signal s, InetAddress ip) {
        if (s.tokens() != null && !s.tokens().isEmpty()) {
            String alt = s.tokens().stream().map(Pattern::quote).collect(Collectors.joining("|"));
            return Pattern.compile("(?<![a-z])(?:" + alt + ")(?![a-z])");
        }
        String p = s.pattern();
        if (p.contains("{")) {
            if (!(ip instanceof Inet4Address)) return null;
            byte[] b = ip.getAddress();
            String[] o = {"a", "b", "c", "d"};
            StringBuilder hex = new StringBuilder();
            for (int i = 0; i < 4; i++) {
                int v = b[i] & 0xff;
                p = p.replace("{" + o[i] + "3}", String.format("%03d", v)).replace("{" + o[i] + "}", Integer.toString(v));
                hex.append(String.format("%02x", v));
            }
            p = p.replace("{hex}", hex);
        }
        return Pattern.compile(p, Pattern.CASE_INSENSITIVE);
    }
}
