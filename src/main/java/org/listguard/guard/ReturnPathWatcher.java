package org.listguard.guard;

import java.util.List;
import org.listguard.reply.Action;

/**
 * The port through which a run reads its return path ({@code bounces.mailbox}) between batches:
 * each look parses, ties and applies every new report exactly as {@code bounces process} does
 * (the same report is never applied twice, whichever reads it first) and tells what it applied.
 * The adapter is in feedback/. Every call is bounded by the mailbox adapter's timeouts; it never
 * throws for I/O.
 */
public interface ReturnPathWatcher extends AutoCloseable {
    /** Reads and applies what is new in the return path. */
    Look look();

    /** Where the return path is, for messages (never a credential). */
    String describe();

    @Override
    default void close() {}

    /** The answer of one look. */
    sealed interface Look {
        /** What was applied by this look, records tied to no recipient, and messages skipped as not reports. */
        record Read(List<Report> reports, List<Skipped> skipped) implements Look {
            public Read {
                reports = List.copyOf(reports);
                skipped = List.copyOf(skipped);
            }
        }

        /** The mailbox could not be read: nothing is known (fail closed). */
        record Unreachable(String why) implements Look {}
    }

    /**
     * One report record: applied to {@code run}/{@code seq} by this look, or ({@code run} null)
     * tied to no recipient row — a seed's report is one, matched by {@code originalMessageId}.
     * {@code provenance}: who proved it (a member's token or Message-ID speaks for that member
     * only); null for a record tied to nothing (the watcher ties a seed's own report by Message-ID).
     */
    record Report(String run, long seq, String recipient, Action action, String reason, String status, int replyCode,
                  String diagnostic, String reportingMta, String remoteMta, String egressIp, String zone,
                  String originalMessageId, String source, Provenance provenance) {
        public boolean applied() { return run != null; }

        public String recipientDomain() {
            if (recipient == null) return null;
            return recipient.substring(recipient.lastIndexOf('@') + 1).toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A message in the return path that is not a readable report (hostile or malformed), left where it is. */
    record Skipped(String source, String why) {}
}
