package org.listguard.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code listguard sandbox lift}: the scenario's block is over (the receiver delisted the relay,
 * the smart host's operator lifted its limit). Kept as a small file next to the sandbox journal so
 * that the next {@code send --sandbox --scenario NAME} runs in the clean world and resumes the
 * paused run; cleared when a sandbox run completes, so the same scenario can be shown again.
 */
public final class Lift {
    private final Path file;

    /** @param sandboxDir the directory of the sandbox journal (out/sandbox by default) */
    public Lift(Path sandboxDir) {
        this.file = sandboxDir.resolve("scenario-lifted");
    }

    /** Records the lift; returns when it was lifted. */
    public Instant lift(Instant now) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, now.toString() + "\n");
            return now;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** When the block was lifted, if it was. */
    public Optional<Instant> lifted() {
        try {
            return Files.isRegularFile(file) ? Optional.of(Instant.parse(Files.readString(file).strip())) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.of(Instant.EPOCH);   // unreadable: still a lift the user asked for
        }
    }

    /** The scenario may block again (a sandbox run completed). */
    public void clear() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() { return file; }
}
