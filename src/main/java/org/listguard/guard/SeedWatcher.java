package org.listguard.guard;

import java.util.Collection;
import java.util.Set;

/**
 * The port through which the pipeline looks for seed messages in their mailboxes (each seed's own,
 * or {@code guard.seed_mailbox}; adapters in mailbox/: IMAP, or a local Maildir): in the inbox and
 * in the junk folder, so a look tells the seed's placement (DELIVERABILITY.md s10). Read-only: it never moves, flags or deletes
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
        record Seen(Set<String> markers, java.util.Map<String, String> received,
                    java.util.Map<String, org.listguard.placement.Arrival> arrivals, java.util.Map<String, String> unreadable) implements Look {
            public Seen {
                markers = Set.copyOf(markers);
                received = java.util.Map.copyOf(received);
                arrivals = java.util.Map.copyOf(arrivals);
                unreadable = java.util.Map.copyOf(unreadable);
            }

            public Seen(Set<String> markers, java.util.Map<String, String> received) {
                this(markers, received, java.util.Map.of(), java.util.Map.of());
            }

            public Seen(Set<String> markers) {
                this(markers, java.util.Map.of());
            }

            /**
             * Where the seed with {@code marker} was found (inbox or junk, the folder, the receiver's
             * verdict); an adapter that cannot tell the folders apart says inbox.
             */
            public org.listguard.placement.Arrival arrival(String marker) {
                org.listguard.placement.Arrival a = arrivals.get(marker);
                return a != null ? a : new org.listguard.placement.Arrival(org.listguard.placement.Placement.INBOX, null, null);
            }
        }

        /** The mailbox could not be read: nothing is known about the seeds (fail closed: not "arrived"). */
        record Unreachable(String why) implements Look {}
    }
}
