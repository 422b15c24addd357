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
import org.listguard.InputException;
import org.listguard.config.Config;
import org.listguard.config.Defaults;

/**
 * The secret key of the keyed tokens ({@code sender.token_key_file}) and, during a rotation, the
 * previous one ({@code sender.previous_token_key_file}): new tokens are made with the current key;
 * tokens made with either verify, so messages already in mailboxes keep working after a rotation.
 *
 * <p>A key file holds one line, the base64 of at least 32 random bytes. A missing current key file
 * is created with a fresh 256-bit key from {@link SecureRandom}, mode 0600, atomically (written
 * to a private temporary file, then hard-linked into place, so two processes starting at once end
 * up with the same key). The key is never logged, printed or journaled: {@link #toString} masks it.
 */
public final class TokenKeys {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(TokenKeys.class);
    static final int MIN_BYTES = 32;

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

    /** The configured key files: {@code sender.token_key_file} (default {@value Defaults#TOKEN_KEY_FILE}), created when missing. */
    public static TokenKeys forConfig(Config config) {
        Path file = config.sender().tokenKeyFile() != null ? config.sender().tokenKeyFile() : Path.of(Defaults.TOKEN_KEY_FILE);
        return load(file, config.sender().previousTokenKeyFile());
    }

    /**
     * @param currentFile  created with a new random key when missing
     * @param previousFile null when no rotation is under way; must exist when given
     * @throws InputException naming the file when a key file is unreadable or not a key
     */
    public static TokenKeys load(Path currentFile, Path previousFile) {
        byte[] cur = Files.exists(currentFile) ? read(currentFile, "sender.token_key_file") : create(currentFile);
        byte[] prev = previousFile == null ? null : read(previousFile, "sender.previous_token_key_file");
        return new TokenKeys(cur, prev);
    }

    byte[] current() { return current; }

    /** The previous key, or null. */
    byte[] previous() { return previous; }

    private static byte[] read(Path file, String key) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (NoSuchFileException e) {
            throw new InputException(file.toString(), 0, key, "token key file not found");
        } catch (IOException e) {
            throw new InputException(file.toString(), 0, key, "cannot read the token key file: " + e.getMessage());
        }
        warnIfShared(file, key);
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

    /** Anyone who can read the key can forge unsubscribes and reports: say so (the path only, never the key). */
    private static void warnIfShared(Path file, String key) {
        try {
            var perms = Files.getPosixFilePermissions(file);
            if (perms.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ)
                    || perms.contains(java.nio.file.attribute.PosixFilePermission.GROUP_READ)) {
                log.warn("{} ({}) is readable by other users: anyone who can read it can forge unsubscribe links and reports; chmod 600 it",
                        file, key);
            }
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: nothing to check
        }
    }

    private static byte[] create(Path file) {
        byte[] k = new byte[MIN_BYTES];
        new SecureRandom().nextBytes(k);
        byte[] line = (Base64.getEncoder().encodeToString(k) + "\n").getBytes(StandardCharsets.US_ASCII);
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
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
