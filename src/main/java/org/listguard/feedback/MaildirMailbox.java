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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 *
 * <p>Incremental (issue 21): with {@link ReadMarks} kept in the journal, a message read and left
 * ({@link #left}: junk, a report tied to nothing of ours; in flag mode also a processed one) is
 * remembered by its unique name — the file name up to {@code ":2,"}, which stays the same when a
 * mail reader moves it from {@code new/} to {@code cur/} or changes its flags — and is not listed
 * or read again; a look lists the two directories (no read, no stat of a remembered name) and
 * reads only the new messages. Marks of files that are gone are dropped. A name that is not UTF-8
 * is never remembered (it would not survive the round trip through a String): it is read at every look.
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
    private final ReadMarks marks;
    private final String reader;
    /** The unique names read and left, loaded from the marks on the first listing. */
    private Set<String> left;
    /** Names left since the marks were last written. */
    private final Set<String> unsaved = new HashSet<>();
    /** Marks written in one transaction at least this often (a pass over 10,000 junk files writes 10). */
    static final int SAVE_EVERY = 1_000;

    private MaildirMailbox(Path root, Optional<String> processedFolder, long maxMessageSize, ReadMarks marks) {
        this.root = root;
        this.processedFolder = processedFolder;
        this.maxMessageSize = maxMessageSize;
        this.marks = marks;
        this.reader = "maildir " + root.toAbsolutePath().normalize();
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
        return open(root, processedFolder, maxMessageSize, ReadMarks.NONE);
    }

    /** As {@link #open(Path, Optional, long)}; messages read and left are remembered in {@code marks} and not read again. */
    public static MaildirMailbox open(Path root, Optional<String> processedFolder, long maxMessageSize, ReadMarks marks)
            throws MailboxException {
        if (!Files.isDirectory(root.resolve("cur")) && !Files.isDirectory(root.resolve("new"))) {
            throw new MailboxException("maildir", root + " is not a Maildir (it has neither cur/ nor new/)");
        }
        if (processedFolder.isPresent() && (processedFolder.get().contains("/") || processedFolder.get().startsWith("."))) {
            throw new MailboxException("processed_folder", "'" + processedFolder.get()
                    + "' cannot be a Maildir++ folder name (no '/' and no leading '.')");
        }
        return new MaildirMailbox(root, processedFolder, maxMessageSize, marks);
    }

    @Override
    public String describe() { return "Maildir " + root; }

    @Override
    public List<MailboxMessage> messages() throws MailboxException {
        if (left == null) left = new HashSet<>(marks.left(reader));
        saveMarks(Set.of());
        List<Path> files = new ArrayList<>();
        Set<String> stillThere = new HashSet<>();
        for (String sub : List.of("new", "cur")) {
            Path d = root.resolve(sub);
            if (!Files.isDirectory(d)) continue;
            try (Stream<Path> s = Files.list(d)) {
                s.filter(p -> !p.getFileName().toString().startsWith(".")).filter(p -> {
                    String unique = unique(p.getFileName().toString());
                    if (!left.contains(unique)) return true;
                    stillThere.add(unique);
                    return false;
                }).filter(Files::isRegularFile).forEach(files::add);
            } catch (IOException | java.io.UncheckedIOException e) {
                throw new MailboxException("maildir", "cannot list " + d + ": " + e.getMessage(), e);
            }
        }
        if (stillThere.size() < left.size()) { // files moved away or deleted by someone else: their marks go
            Set<String> gone = new HashSet<>(left);
            gone.removeAll(stillThere);
            left.removeAll(gone);
            saveMarks(gone);
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

    /** The header block: the file read up to its blank line, at most {@link ReportCandidate#MAX_HEADER_BYTES}. */
    @Override
    public byte[] headers(MailboxMessage m) throws MailboxException {
        try (InputStream in = Files.newInputStream(path(m))) {
            byte[] head = in.readNBytes(8192);
            if (head.length < 8192 || ReportCandidate.headerEnd(head) >= 0) return head;
            byte[] more = in.readNBytes(ReportCandidate.MAX_HEADER_BYTES - head.length);
            byte[] all = java.util.Arrays.copyOf(head, head.length + more.length);
            System.arraycopy(more, 0, all, head.length, more.length);
            return all;
        } catch (IOException e) {
            throw new MailboxException("maildir", "cannot read " + m.source() + ": " + e.getMessage(), e);
        }
    }

    /** Remembers the message as read and left: it is not listed again while its file stays. */
    @Override
    public void left(MailboxMessage m) {
        remember(path(m).getFileName().toString());
    }

    private void remember(String fileName) {
        String unique = unique(fileName);
        if (unique.indexOf('\uFFFD') >= 0 || unique.length() > 400 || marks == ReadMarks.NONE) return;
        if (left == null) left = new HashSet<>(marks.left(reader));
        if (left.add(unique)) unsaved.add(unique);
        if (unsaved.size() >= SAVE_EVERY) saveMarks(Set.of());
    }

    private void saveMarks(Set<String> gone) {
        if (unsaved.isEmpty() && gone.isEmpty()) return;
        marks.update(reader, List.copyOf(unsaved), gone);
        unsaved.clear();
    }

    /** The Maildir unique name: the file name without its info part (":2,FLAGS"). */
    static String unique(String fileName) {
        int info = fileName.indexOf(':');
        return info < 0 ? fileName : fileName.substring(0, info);
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
            if (processedFolder.isEmpty()) remember(name); // flag mode: it stays, and its key is in the journal
        } catch (NoSuchFileException e) {
            throw new MailboxException("maildir", m.source() + " vanished while being processed (another reader?)", e);
        } catch (IOException e) {
            throw new MailboxException("processed_folder", "cannot move " + m.source() + " to " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (left != null) saveMarks(Set.of()); // nothing else held open
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
