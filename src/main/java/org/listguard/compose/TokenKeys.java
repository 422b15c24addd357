package org.listguard.compose;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.time.Instant;
import org.listguard.InputException;
import org.listguard.config.Config;
import org.listguard.config.Defaults;

/**
 * The secret key of the keyed tokens ({@code sender.token_key_file}) and, during a rotation, the
 * previous one ({@code sender.previous_token_key_file}, by default the key file's name plus
 * {@code .previous}): new tokens are made with the current key; tokens made with either verify,
 * so messages already in mailboxes keep working after a rotation, until the previous key's
 * {@code # verify-until:} time (written by {@code keys rotate}) has passed.
 *
 * <p>A key file holds one line, the base64 of at least 32 random bytes (lines starting with
 * {@code #} are comments). Only {@code keys init}, {@code keys rotate} and a first {@code send}
 * ({@link #forSending}) create one: every other reader refuses a missing key, naming the path,
 * because a fresh key would silently make every token already sent invalid (issue 20). A key is
 * created with a fresh 256-bit key from {@link SecureRandom}, mode 0600 in a directory created
 * 0700, atomically (written to a private temporary file, then hard-linked into place, so two
 * processes starting at once end up with the same key). A key file readable by group or others
 * is refused with the fix. The key is never logged, printed or journaled: {@link #toString} masks it.
 */
public final class TokenKeys {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(TokenKeys.class);
    static final int MIN_BYTES = 32;
    static final String VERIFY_UNTIL = "# verify-until: ";

    private final byte[] current;
    private final byte[] previous;

    private TokenKeys(byte[] current, byte[] previous) {
        if (current.length < MIN_BYTES || (previous != null && previous.length < MIN_BYTES)) {
            throw new IllegalArgumentException("a token key has at least " + MIN_BYTES + " bytes");
        }
        this.current = current.clone();
        this.previous = previous == null ? null : previous.clone();
    }

    /** Keys given directly (tests). */
    public static TokenKeys of(byte[] current, byte[] previous) {
        return new TokenKeys(current, previous);
    }

    /** The current key file of a config: {@code sender.token_key_file}, default {@value Defaults#TOKEN_KEY_FILE} next to the config. */
    public static Path file(Config config) {
        if (config.sender().tokenKeyFile() != null) return config.sender().tokenKeyFile();
        Path dir = config.source() == null || config.source().file() == null ? null : config.source().file().toAbsolutePath().getParent();
        return dir == null ? Path.of(Defaults.TOKEN_KEY_FILE) : dir.resolve(Defaults.TOKEN_KEY_FILE);
    }

    /** Where the previous key is: {@code sender.previous_token_key_file}, or the current file's name plus {@code .previous}. */
    public static Path previousFile(Config config) {
        if (config.sender().previousTokenKeyFile() != null) return config.sender().previousTokenKeyFile();
        Path cur = file(config);
        return cur.resolveSibling(cur.getFileName() + ".previous");
    }

    /**
     * The configured keys for a command that verifies or issues tokens but must not invent a key
     * ({@code serve}, {@code daemon}, {@code bounces process}, …).
     *
     * @throws InputException naming the path and the fix when the key file is missing, shared or broken
     */
    public static TokenKeys forConfig(Config config) {
        return forConfig(config, Instant.now());
    }

    public static TokenKeys forConfig(Config config, Instant now) {
        Path file = file(config);
        if (!Files.exists(file)) {
            String cfg = config.source() == null || config.source().file() == null ? "CONFIG" : config.source().file().toString();
            throw new InputException(file.toString(), 0, "sender.token_key_file", "no token key here: create it with `listguard keys init -c "
                    + cfg + "` (or copy the key that signed the messages already sent; a new key makes their tokens invalid)");
        }
        return readKeys(file, previousFile(config), config.sender().previousTokenKeyFile() != null, now);
    }

    /** For a send: the configured keys, creating the key file when this is the first send (and saying so). */
    public static TokenKeys forSending(Config config) {
        Path file = file(config);
        if (!Files.exists(file)) {
            byte[] k = create(file);
            if (k != null) {
                log.warn("created the token key {} (sender.token_key_file) for this first send: keep it and back it up; serve, daemon and "
                        + "bounces process verify the tokens of these messages with it", file);
            }
        }
        return forConfig(config);
    }

    /** {@code keys init}: creates the key file; false (nothing changed) when it exists. */
    public static boolean init(Path file) {
        if (Files.exists(file)) return false;
        return create(file) != null;
    }

    /**
     * {@code keys rotate}: the current key becomes the previous one, verifying until {@code until};
     * a new key becomes current. The previous file is written first, so a crash between the steps
     * leaves the old key both current and previous, never lost.
     */
    public static void rotate(Path file, Path previousFile, Instant until) {
        byte[] old = read(file, "sender.token_key_file");
        byte[] line = (Base64.getEncoder().encodeToString(old) + "\n" + VERIFY_UNTIL + until + "\n").getBytes(StandardCharsets.US_ASCII);
        try {
            replacePrivately(previousFile, line);
            byte[] k = new byte[MIN_BYTES];
            new SecureRandom().nextBytes(k);
            replacePrivately(file, (Base64.getEncoder().encodeToString(k) + "\n").getBytes(StandardCharsets.US_ASCII));
            Arrays.fill(k, (byte) 0);
        } catch (IOException e) {
            throw new InputException(file.toString(), 0, "sender.token_key_file", "cannot rotate the token key: " + e.getMessage());
        } finally {
            Arrays.fill(line, (byte) 0);
            Arrays.fill(old, (byte) 0);
        }
    }

    /** When the previous key stops verifying, or empty when there is none (or it has no end). */
    public static java.util.Optional<Instant> previousUntil(Path previousFile) {
        if (!Files.exists(previousFile)) return java.util.Optional.empty();
        return verifyUntil(previousFile);
    }

    /**
     * @param currentFile  created with a new random key when missing
     * @param previousFile null when no rotation is under way; must exist when given
     * @throws InputException naming the file when a key file is unreadable or not a key
     */
    public static TokenKeys load(Path currentFile, Path previousFile) {
        if (!Files.exists(currentFile)) create(currentFile);
        return readKeys(currentFile, previousFile, previousFile != null, Instant.now());
    }

    private static TokenKeys readKeys(Path currentFile, Path previousFile, boolean previousRequired, Instant now) {
        byte[] cur = read(currentFile, "sender.token_key_file");
        byte[] prev = null;
        if (previousFile != null && (previousRequired || Files.exists(previousFile))) {
            java.util.Optional<Instant> until = Files.exists(previousFile) ? verifyUntil(previousFile) : java.util.Optional.empty();
            if (until.isPresent() && !now.isBefore(until.get())) {
                log.info("the previous token key {} stopped verifying at {} (keys rotate); remove it", previousFile, until.get());
            } else {
                prev = read(previousFile, "sender.previous_token_key_file");
            }
        }
        return new TokenKeys(cur, prev);
    }

    private static java.util.Optional<Instant> verifyUntil(Path file) {
        try {
            for (String l : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
                if (l.startsWith(VERIFY_UNTIL)) return java.util.Optional.of(Instant.parse(l.substring(VERIFY_UNTIL.length()).strip()));
            }
            return java.util.Optional.empty();
        } catch (IOException | java.time.format.DateTimeParseException e) {
            throw new InputException(file.toString(), 2, "sender.previous_token_key_file", "unreadable '" + VERIFY_UNTIL.strip() + "' line: " + e.getMessage());
        }
    }

    byte[] current() { return current; }

    /** The previous key, or null. */
    byte[] previous() { return previous; }

    private static byte[] read(Path file, String key) {
        String text;
        try {
            text = Files.readAllLines(file, StandardCharsets.US_ASCII).stream().filter(l -> !l.startsWith("#"))
                    .collect(java.util.stream.Collectors.joining()).strip();
        } catch (NoSuchFileException e) {
            throw new InputException(file.toString(), 0, key, "token key file not found");
        } catch (IOException e) {
            throw new InputException(file.toString(), 0, key, "cannot read the token key file: " + e.getMessage());
        }
        refuseIfShared(file, key);
        byte[] k;
        try {
            k = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new InputException(file.toString(), 1, key, "not a token key: expected one line of base64");
        }
        if (k.length < MIN_BYTES) {
            throw new InputException(file.toString(), 1, key, "token key too short: " + k.length + " bytes, at least " + MIN_BYTES);
        }
        return k;
    }

    /** Anyone who can read the key can forge unsubscribes and reports: refuse it, with the fix (the path only, never the key). */
    private static void refuseIfShared(Path file, String key) {
        java.util.Set<java.nio.file.attribute.PosixFilePermission> perms;
        try {
            perms = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException | IOException e) {
            return; // not a POSIX file system: nothing to check
        }
        if (perms.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ)
                || perms.contains(java.nio.file.attribute.PosixFilePermission.GROUP_READ)) {
            throw new InputException(file.toString(), 0, key, "the token key is readable by other users ("
                    + PosixFilePermissions.toString(perms) + "): anyone who can read it can forge unsubscribe links and reports; fix: chmod 600 "
                    + file);
        }
    }

    /** Writes {@code bytes} to {@code file} through a private temporary file and an atomic rename. */
    private static void replacePrivately(Path file, byte[] bytes) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        createPrivateDirectories(dir);
        Path tmp = createPrivate(dir);
        try {
            Files.write(tmp, bytes);
            try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Creates the missing directories of {@code dir} 0700 (a key's directory is nobody else's business). */
    public static void createPrivateDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) return;
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createDirectories(dir);
        }
    }

    private static byte[] create(Path file) {
        byte[] k = new byte[MIN_BYTES];
        new SecureRandom().nextBytes(k);
        byte[] line = (Base64.getEncoder().encodeToString(k) + "\n").getBytes(StandardCharsets.US_ASCII);
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            createPrivateDirectories(dir);
            tmp = createPrivate(dir);
            Files.write(tmp, line);
            try {
                Files.createLink(file, tmp);
                return k;
            } catch (FileAlreadyExistsException raced) {
                return read(file, "sender.token_key_file"); // another process made it first: use theirs
            } catch (UnsupportedOperationException noLinks) {
                Files.move(tmp, file);
                tmp = null;
                return k;
            }
        } catch (IOException e) {
            throw new InputException(file.toString(), 0, "sender.token_key_file", "cannot create the token key file: " + e.getMessage());
        } finally {
            Arrays.fill(line, (byte) 0);
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a leftover private temp file in the key's directory; harmless
                }
            }
        }
    }

    private static Path createPrivate(Path dir) throws IOException {
        try {
            return Files.createTempFile(dir, ".token-key", ".tmp", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            return Files.createTempFile(dir, ".token-key", ".tmp");
        }
    }

    @Override
    public String toString() {
        return "TokenKeys[current=***" + (previous == null ? "" : ", previous=***") + "]";
    }
}
