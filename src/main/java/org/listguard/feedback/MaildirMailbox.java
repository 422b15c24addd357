package org.listguard.feedback;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A local Maildir as the bounce mailbox (the format of https://cr.yp.to/proto/maildir.html, with
 * Maildir++ sub-folders as Courier and Dovecot keep them).
 * <ul>
 *   <li>Waiting messages: the files of {@code new/} and {@code cur/}, oldest first (names start
 *       with the delivery time); {@code tmp/} is still being delivered and is never read.</li>
 *   <li>Processed, move mode: renamed into the sub-folder {@code .<processed_folder>/cur/} with
 *       the Seen flag added ({@code :2,S}); the sub-folder is created with a {@code maildirfolder}
 *       marker. A rename within one file system is atomic: the message is never lost or doubled.</li>
 *   <li>Processed, flag mode ({@code processed_folder: none}): renamed from {@code new/} to
 *       {@code cur/} with the Seen flag; it stays in the folder, and the journal's record of its
 *       key is what keeps it from being applied twice.</li>
 * </ul>
 * Nothing is ever deleted.
 */
public final class MaildirMailbox implements BounceMailbox {
    private final Path root;
    private final Optional<String> processedFolder;
    private final long maxMessageSize;
    /**
     * The listed files by id. A file name that is not UTF-8 does not survive a round trip through
     * a String (it decodes to U+FFFD), so the Path listed is kept and used, never rebuilt from the id.
     */
    private final Map<String, Path> listed = new HashMap<>();

    private MaildirMailbox(Path root, Optional<String> processedFolder, long maxMessageSize) {
        this.root = root;
        this.processedFolder = processedFolder;
        this.maxMessageSize = maxMessageSize;
    }

    /**
     * Opens a Maildir; it must have {@code cur/} or {@code new/}.
     *
     * @param processedFolder the Maildir++ folder name without the leading dot, or empty for flag mode
     */
    public static MaildirMailbox open(Path root, Optional<String> processedFolder) throws MailboxException {
        return open(root, processedFolder, org.listguard.config.Sizes.parse(org.listguard.config.Defaults.MAX_MESSAGE_SIZE));
    }

    /** As {@link #open(Path, Optional)}; messages over {@code maxMessageSize} bytes are not read ({@link MessageTooLarge}). */
    public static MaildirMailbox open(Path root, Optional<String> processedFolder, long maxMessageSize) throws MailboxException {
        if (!Files.isDirectory(root.resolve("cur")) && !Files.isDirectory(root.resolve("new"))) {
            throw new MailboxException("maildir", root + " is not a Maildir (it has neither cur/ nor new/)");
        }
        if (processedFolder.isPresent() && (processedFolder.get().contains("/") || processedFolder.get().startsWith("."))) {
            throw new MailboxException("processed_folder", "'" + processedFolder.get()
                    + "' cannot be a Maildir++ folder name (no '/' and no leading '.')");
        }
        return new MaildirMailbox(root, processedFolder, maxMessageSize);
    }

    @Override
    public String describe() { return "Maildir " + root; }

    @Override
    public List<MailboxMessage> messages() throws MailboxException {
        List<Path> files = new ArrayList<>();
        for (String sub : List.of("new", "cur")) {
            Path d = root.resolve(sub);
            if (!Files.isDirectory(d)) continue;
            try (Stream<Path> s = Files.list(d)) {
                s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).forEach(files::add);
            } catch (IOException e) {
                throw new MailboxException("maildir", "cannot list " + d + ": " + e.getMessage(), e);
            }
        }
        files.sort(Comparator.comparing((Path p) -> p.getFileName().toString()));
        listed.clear();
        List<MailboxMessage> out = new ArrayList<>();
        for (Path p : files) {
            String id = root.relativize(p).toString();
            if (listed.putIfAbsent(id, p) != null) id = id + "#" + out.size(); // two names that decode alike
            listed.put(id, p);
            out.add(new MailboxMessage(id, p.toString()));
        }
        return out;
    }

    private Path path(MailboxMessage m) {
        return listed.getOrDefault(m.id(), root.resolve(m.id()));
    }

    @Override
    public byte[] read(MailboxMessage m) throws MailboxException {
        Path p = path(m);
        try (InputStream in = Files.newInputStream(p)) {
            long size = Files.size(p);
            if (size > maxMessageSize) throw new MessageTooLarge(m.source(), size, maxMessageSize);
            byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxMessageSize + 1));
            if (data.length > maxMessageSize) throw new MessageTooLarge(m.source(), -1, maxMessageSize); // grew while read
            return data;
        } catch (MailboxException e) {
            throw e;
        } catch (IOException e) {
            throw new MailboxException("maildir", "cannot read " + m.source() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String setAside(MailboxMessage m, String why) throws MailboxException {
        Path dir = root.resolve("." + SET_ASIDE_FOLDER);
        try {
            createFolder(dir);
            move(path(m), dir.resolve("cur").resolve(path(m).getFileName().toString()));
            return dir.toString();
        } catch (IOException e) {
            throw new MailboxException("maildir", "cannot set " + m.source() + " aside in " + dir + " (" + why + "): " + e.getMessage(), e);
        }
    }

    @Override
    public void markProcessed(MailboxMessage m) throws MailboxException {
        Path from = path(m);
        String name = seen(from.getFileName().toString());
        Path dir = processedFolder.map(f -> root.resolve("." + f)).orElse(root);
        try {
            if (processedFolder.isPresent()) createFolder(dir);
            move(from, dir.resolve("cur").resolve(name));
        } catch (NoSuchFileException e) {
            throw new MailboxException("maildir", m.source() + " vanished while being processed (another reader?)", e);
        } catch (IOException e) {
            throw new MailboxException("processed_folder", "cannot move " + m.source() + " to " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        // nothing held open
    }

    /** The file name with the Seen flag in its info part ("unique:2,FLAGS", flags in ASCII order). */
    static String seen(String name) {
        int info = name.indexOf(":2,");
        String unique = info < 0 ? name : name.substring(0, info);
        TreeSet<Character> flags = new TreeSet<>();
        if (info >= 0) for (char c : name.substring(info + 3).toCharArray()) flags.add(c);
        flags.add('S');
        StringBuilder sb = new StringBuilder(unique).append(":2,");
        flags.forEach(sb::append);
        return sb.toString();
    }

    private static void createFolder(Path dir) throws IOException {
        for (String sub : List.of("cur", "new", "tmp")) Files.createDirectories(dir.resolve(sub));
        Path marker = dir.resolve("maildirfolder");
        if (!Files.exists(marker)) Files.createFile(marker);
    }

    private static void move(Path from, Path to) throws IOException {
        if (from.equals(to)) return;
        if (Files.exists(to)) throw new IOException(to + " already exists");
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the processed folder must be on the same file system as the Maildir", e);
        }
    }
}
