package org.listguard.guard;

import java.util.Collection;
import java.util.Set;

/**
 * The port through which the pipeline looks for seed messages in {@code guard.seed_mailbox}
 * (adapters in deliver/: IMAP, or a local Maildir). Read-only: it never moves, flags or deletes
 * a message. Every call is bounded by the adapter's timeouts; it never throws for I/O.
 */
public interface SeedWatcher extends AutoCloseable {
    /** Which of {@code seeds} are in the mailbox now (by {@link Seed#marker()} or {@link Seed#messageId()}). */
    Look look(Collection<Seed> seeds);

    /** A description of the mailbox for evidence and messages (host and folder; never a credential). */
    String describe();

    @Override
    default void close() {}

    /** The answer of one look. */
    sealed interface Look {
        /**
         * The markers of the seeds that are in the mailbox, and for each the topmost {@code Received:}
         * header the receiving provider added (unfolded; it names the IP that delivered the seed:
         * behind a smart host, the real egress), when the adapter could read it.
         */
        record Seen(Set<String> markers, java.util.Map<String, String> received) implements Look {
            public Seen {
                markers = Set.copyOf(markers);
                received = java.util.Map.copyOf(received);
            }

            public Seen(Set<String> markers) {
                this(markers, java.util.Map.of());
            }
        }

        /** The mailbox could not be read: nothing is known about the seeds (fail closed: not "arrived"). */
        record Unreachable(String why) implements Look {}
    }
}
