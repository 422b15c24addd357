package org.listguard.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * The campaign lock for a SQLite journal: an OS lock ({@code fcntl} on Linux) on
 * {@code <db>.<campaign>.lock} next to the database. The OS drops it when the process dies, so a
 * crash never leaves a stale lock. The holder writes who it is into the file for the refusal message.
 *
 * <p>Within one JVM the lock is tracked in a table first and the file is not even opened when the
 * campaign is already held: on POSIX, closing <em>any</em> descriptor of a file releases every lock
 * the process holds on it (FileChannel's own javadoc warns of this), so probing with a second
 * channel and closing it would silently drop the first holder's lock.
 */
final class FileCampaignLock {
    /** Lock file → holder description, for locks held by this JVM. */
    private static final Map<Path, String> HELD_HERE = new HashMap<>();

    private FileCampaignLock() {}

    static LockResult acquire(Path db, String campaign, Clock clock) {
        Path file = lockFile(db, campaign);
        synchronized (HELD_HERE) {
            String here = HELD_HERE.get(file);
            if (here != null) return new LockResult.Held(campaign, here);
            FileChannel ch;
            try {
                ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open the campaign lock " + file, e);
            }
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by this JVM outside our table: still "held"
            } catch (IOException e) {
                closeQuietly(ch);
                throw new UncheckedIOException("cannot lock " + file, e);
            }
            if (lock == null) {
                String holder = readHolder(file);
                closeQuietly(ch);
                return new LockResult.Held(campaign, holder);
            }
            String me = "pid " + ProcessHandle.current().pid() + " (" + ManagementFactory.getRuntimeMXBean().getName()
                    + ") since " + Timestamps.format(clock.instant());
            try {
                ch.truncate(0);
                ch.write(ByteBuffer.wrap((me + "\n").getBytes(StandardCharsets.UTF_8)), 0);
                ch.force(false);
            } catch (IOException e) {
                closeQuietly(ch);
                throw new UncheckedIOException("cannot write the campaign lock " + file, e);
            }
            HELD_HERE.put(file, me);
            FileLock held = lock;
            return new LockResult.Acquired(campaign, () -> release(file, held, ch));
        }
    }

    static Path lockFile(Path db, String campaign) {
        String safe = campaign.replaceAll("[^A-Za-z0-9._-]", "_");
        Path abs = db.toAbsolutePath().normalize();
        return abs.resolveSibling(abs.getFileName() + "." + safe + ".lock");
    }

    private static void release(Path file, FileLock lock, FileChannel ch) {
        synchronized (HELD_HERE) {
            try {
                // the file stays: deleting it would race with a process that just opened it
                ch.truncate(0);
                lock.release();
            } catch (IOException e) {
                // closing the channel below releases the lock anyway
            } finally {
                closeQuietly(ch);
                HELD_HERE.remove(file);
            }
        }
    }

    private static String readHolder(Path file) {
        try {
            String s = Files.readString(file, StandardCharsets.UTF_8).strip();
            return s.isEmpty() ? "another process (lock file " + file + ")" : s + " (lock file " + file + ")";
        } catch (IOException e) {
            return "another process (lock file " + file + ")";
        }
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing to do: the descriptor is gone either way
        }
    }
}
