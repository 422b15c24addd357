package org.listguard.mailbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.listguard.guard.Seed;
import org.listguard.guard.SeedWatcher;
import org.listguard.placement.Arrival;
import org.listguard.placement.HeaderFields;
import org.listguard.placement.Placement;

/**
 * {@link SeedWatcher} over a local directory of messages: a Maildir ({@code cur/} and {@code new/})
 * or a plain directory of {@code .eml} files (the {@code --sandbox} relay's store). The junk folder
 * is a Maildir++ subfolder ({@code .Junk}, as Dovecot keeps it; or {@code junk_folder}, or another
 * of the usual names). Reads only the header section of each file (at most
 * {@link HeaderFields#MAX_BYTES}), looking for {@code X-Listguard-Seed} or {@code Message-ID}.
 */
public final class MaildirSeedWatcher implements SeedWatcher {
    /** At most this many files are read per folder and look (a hostile or huge folder cannot stall the run). */
    static final int MAX_FILES = 20_000;

    private final Path dir;
    private final String junkFolder;
    private final String authservId;

    public MaildirSeedWatcher(Path dir) {
        this(dir, null, null);
    }

    /**
     * @param junkFolder the seed's {@code junk_folder} (a Maildir++ name like {@code Junk} or {@code .Junk}), or null to find it
     * @param authservId the receiver's authserv-id, or null
     */
    public MaildirSeedWatcher(Path dir, String junkFolder, String authservId) {
        this.dir = dir;
        this.junkFolder = junkFolder;
        this.authservId = authservId;
    }

    @Override
    public Look look(Collection<Seed> seeds) {
        Set<String> seen = new HashSet<>();
        Map<String, String> received = new HashMap<>();
        Map<String, Arrival> arrivals = new HashMap<>();
        try {
            scan(dir, "INBOX", Placement.INBOX, seeds, seen, received, arrivals);
            Optional<Path> junk = junkDir();
            if (junk.isPresent()) scan(junk.get(), junk.get().getFileName().toString(), Placement.JUNK, seeds, seen, received, arrivals);
            return new Look.Seen(seen, received, arrivals, Map.of());
        } catch (IOException e) {
            return new Look.Unreachable(describe() + ": " + e);
        }
    }

    private void scan(Path folder, String name, Placement placement, Collection<Seed> seeds, Set<String> seen, Map<String, String> received,
                      Map<String, Arrival> arrivals) throws IOException {
        for (Path f : files(folder)) {
            byte[] head = headerSection(f);
            List<HeaderFields.Field> fields = HeaderFields.parse(head);
            for (Seed s : seeds) {
                if (!carries(fields, s)) continue;
                if (placement == Placement.INBOX && arrivals.containsKey(s.marker())) continue;
                seen.add(s.marker());
                SeedHeaders h = SeedHeaders.read(head, authservId, s.marker());
                if (h.received() != null) received.put(s.marker(), h.received());
                arrivals.put(s.marker(), new Arrival(placement, name, h.verdict()));
            }
        }
    }

    private static boolean carries(List<HeaderFields.Field> fields, Seed s) {
        for (HeaderFields.Field f : fields) {
            if (f.is(Seed.HEADER) && f.value().equals(s.marker())) return true;
            if (f.is("Message-ID") && f.value().equals(s.messageId())) return true;
        }
        return false;
    }

    /** The junk folder: {@code junk_folder}, else the first usual name that exists (Maildir++ {@code .Name} or a plain subdirectory). */
    private Optional<Path> junkDir() {
        List<String> names = junkFolder != null ? List.of(junkFolder) : JunkFolders.USUAL;
        for (String n : names) {
            String dotted = n.startsWith(".") ? n : "." + n.replace('/', '.');
            for (String candidate : List.of(dotted, n)) {
                if (candidate.contains("..") || candidate.startsWith("/")) continue; // stays inside the mailbox
                Path p = dir.resolve(candidate);
                if (Files.isDirectory(p)) return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    @Override
    public String describe() { return "maildir " + dir; }

    private static List<Path> files(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        List<Path> dirs = Files.isDirectory(dir.resolve("cur")) || Files.isDirectory(dir.resolve("new"))
                ? List.of(dir.resolve("cur"), dir.resolve("new")) : List.of(dir);
        for (Path d : dirs) {
            if (!Files.isDirectory(d)) continue;
            try (Stream<Path> s = Files.list(d)) {
                s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).limit(MAX_FILES).forEach(out::add);
            }
        }
        return out;
    }

    /** The file's header section (up to the first empty line), at most {@link HeaderFields#MAX_BYTES}. */
    private static byte[] headerSection(Path f) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = Files.newInputStream(f)) {
            byte[] buf = new byte[8192];
            int n;
            while (out.size() < HeaderFields.MAX_BYTES && (n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                String s = out.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
                if (s.contains("\n\n") || s.contains("\r\n\r\n")) break;
            }
        }
        return out.toByteArray();
    }
}
