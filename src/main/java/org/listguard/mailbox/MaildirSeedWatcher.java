package org.listguard.mailbox;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.listguard.guard.Seed;
import org.listguard.guard.SeedWatcher;

/**
 * {@link SeedWatcher} over a local directory of messages: a Maildir ({@code cur/} and {@code new/})
 * or a plain directory of {@code .eml} files (the {@code --sandbox} relay's store). Reads only the
 * header section of each file, looking for {@code X-Listguard-Seed} or {@code Message-ID}.
 */
public final class MaildirSeedWatcher implements SeedWatcher {
    private final Path dir;

    public MaildirSeedWatcher(Path dir) {
        this.dir = dir;
    }

    @Override
    public Look look(Collection<Seed> seeds) {
        Set<String> seen = new HashSet<>();
        java.util.Map<String, String> received = new java.util.HashMap<>();
        try {
            for (Path f : files()) {
                for (String value : headerValues(f)) {
                    for (Seed s : seeds) {
                        if (!value.equals(s.marker()) && !value.equals(s.messageId())) continue;
                        seen.add(s.marker());
                        String r = firstReceived(f);
                        if (r != null) received.putIfAbsent(s.marker(), r);
                    }
                }
            }
            return new Look.Seen(seen, received);
        } catch (IOException e) {
            return new Look.Unreachable(describe() + ": " + e);
        }
    }

    @Override
    public String describe() { return "maildir " + dir; }

    private List<Path> files() throws IOException {
        List<Path> out = new ArrayList<>();
        List<Path> dirs = Files.isDirectory(dir.resolve("cur")) || Files.isDirectory(dir.resolve("new"))
                ? List.of(dir.resolve("cur"), dir.resolve("new")) : List.of(dir);
        for (Path d : dirs) {
            if (!Files.isDirectory(d)) continue;
            try (Stream<Path> s = Files.list(d)) {
                s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).forEach(out::add);
            }
        }
        return out;
    }

    /** The topmost Received: header, unfolded, at most 1,000 characters; null when there is none. */
    static String firstReceived(Path f) throws IOException {
        StringBuilder v = null;
        try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.ISO_8859_1)) {
            String line;
            while ((line = r.readLine()) != null && !line.isEmpty()) {
                if (v != null) {
                    if (!line.startsWith(" ") && !line.startsWith("\t")) break;
                    if (v.length() < 1000) v.append(' ').append(line.strip());
                } else if (line.regionMatches(true, 0, "Received:", 0, 9)) {
                    v = new StringBuilder(line.substring(9).strip());
                }
            }
        }
        return v == null ? null : v.length() > 1000 ? v.substring(0, 1000) : v.toString();
    }

    /** Values of the X-Listguard-Seed and Message-ID headers (unfolded is not needed: both are one token). */
    private static List<String> headerValues(Path f) throws IOException {
        List<String> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.ISO_8859_1)) {
            String line;
            String pending = null;
            while ((line = r.readLine()) != null && !line.isEmpty()) {
                if (pending != null && (line.startsWith(" ") || line.startsWith("\t"))) {
                    out.add(line.strip());
                    pending = null;
                    continue;
                }
                pending = null;
                String lower = line.toLowerCase(Locale.ROOT);
                for (String h : new String[] {Seed.HEADER.toLowerCase(Locale.ROOT) + ":", "message-id:"}) {
                    if (lower.startsWith(h)) {
                        String v = line.substring(h.length()).strip();
                        if (v.isEmpty()) pending = h;
                        else out.add(v);
                    }
                }
            }
        }
        return out;
    }
}
