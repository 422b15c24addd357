package org.listguard.schedule;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.listguard.journal.Journal;
import org.listguard.journal.LockResult;
import org.listguard.journal.PgSessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Before a firing resumes a run left {@code running}: waits until nobody holds the campaign lock.
 * The process that ran it may be alive (another daemon still sending: the wait ends in
 * {@link #WAIT} and nothing is resumed here), or dead. A dead process on this host, or one killed
 * on another, loses its lock at once; a host that vanished (power cut) keeps it until PostgreSQL
 * ends its session, within {@link PgSessions#DEAD_HOST}. Resuming at once would meet the lock, and
 * the run would wait for the campaign's next firing, a month later for a monthly newsletter.
 */
final class SenderGone {
    private static final Logger log = LoggerFactory.getLogger(SenderGone.class);
    /** How often the lock is tried while it is held. */
    static final Duration POLL = Duration.ofMillis(500);
    /** How long a held lock is waited for: a vanished host's session has ended by then. */
    static final Duration WAIT = PgSessions.DEAD_HOST.plus(POLL);

    /** Sleeps; {@link Thread#sleep} in the daemon. */
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final Journal journal;
    private final Sleeper sleeper;
    private final BooleanSupplier stopping;

    SenderGone(Journal journal, Sleeper sleeper, BooleanSupplier stopping) {
        this.journal = journal;
        this.sleeper = sleeper;
        this.stopping = stopping;
    }

    /** Whether the campaign lock is free (tried and released again), within {@link #WAIT}; false if still held or stopping. */
    boolean await(String campaign, String run) {
        long tries = WAIT.toMillis() / POLL.toMillis(); // counted, not clocked: the wait ends whatever the clock does
        for (long waited = 0; ; waited++) {
            LockResult lock = journal.runs().lock(campaign);
            if (lock instanceof LockResult.Acquired a) {
                a.close(); // the send takes it again; a daemon elsewhere taking it first is the send's ordinary "locked"
                if (waited > 0) {
                    log.warn("campaign {}: run {}: the campaign lock was released after about {} s (the session of the process "
                            + "that ran it has ended); resuming", campaign, run, POLL.multipliedBy(waited).toSeconds());
                }
                return true;
            }
            LockResult.Held held = (LockResult.Held) lock;
            if (waited >= tries) {
                log.warn("campaign {}: run {} is still locked by {} after {} s: its sender is alive; not resumed here",
                        campaign, run, held.holder(), WAIT.toSeconds());
                return false;
            }
            if (stopping.getAsBoolean()) return false;
            try {
                sleeper.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
