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

    /** Records the lift of every scenario's block; returns when it was lifted. */
    public Instant lift(Instant now) {
        return lift(now, null);
    }

    /** Records the lift of {@code scenario}'s block (null: whichever scenario runs next); returns when. */
    public Instant lift(Instant now, String scenario) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, now.toString() + (scenario == null ? "" : " " + scenario) + "\n");
            return now;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** When the block was lifted, if it was. */
    public Optional<Instant> lifted() {
        try {
            return Files.isRegularFile(file) ? Optional.of(Instant.parse(Files.readString(file).strip().split("\\s+")[0])) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.of(Instant.EPOCH);   // unreadable: still a lift the user asked for
        }
    }

    /** Whether {@code scenario}'s block was lifted (a lift that names no scenario lifts any). */
    public boolean liftedFor(String scenario) {
        if (lifted().isEmpty()) return false;
        try {
            String[] f = Files.readString(file).strip().split("\\s+");
            return f.length < 2 || f[1].equals(scenario);
        } catch (IOException e) {
            return true;
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
