package org.listguard.send;

import java.util.List;
import java.util.Optional;
import org.listguard.events.RunRecord;
import org.listguard.guard.Decision;
import org.listguard.journal.Journal;
import org.listguard.journal.RunState;
import org.listguard.journal.RunStatus;

/**
 * A clean stop on SIGTERM or SIGINT (issue 10). The operator reports the signal
 * ({@link Operator#stopRequested()}); the run loop checks it at its boundaries (before each batch,
 * before each transaction) and stops like a pause: the transaction in flight finishes and is
 * journaled with its real outcome, nothing new starts. The run becomes {@code interrupted}, which
 * the next {@code send} resumes like a pause ({@link SendOutcome.Interrupted}; the command exits
 * 130 for SIGINT, 143 for SIGTERM).
 */
final class Interruption {
    private static final String PREFIX = "interrupted by ";

    private Interruption() {}

    static boolean requested(Operator operator) {
        return operator.stopRequested().isPresent();
    }

    /** How the run loop reports the stop: a pause the pipeline recognises ({@link #of}). */
    static Decision.Pause pause(Operator operator) {
        return new Decision.Pause(PREFIX + operator.stopRequested().orElse("a signal"), List.of());
    }

    /** The signal, when {@code end} is the run loop's answer to one. */
    static Optional<String> of(Decision end, Operator operator) {
        if (end instanceof Decision.Pause p && p.reason().startsWith(PREFIX)) return operator.stopRequested();
        return Optional.empty();
    }

    /** Before a run was created or resumed: nothing to journal. */
    static SendOutcome beforeRun(String signal, String campaign) {
        return new SendOutcome.Interrupted(null, signal, "listguard: " + signal + " received before campaign " + campaign
                + " started sending; nothing was sent and nothing changed.");
    }

    /** Journals the run as interrupted and says, in one line, what happened and how to resume. */
    static SendOutcome finish(Journal journal, String runId, String signal) {
        journal.runs().setState(runId, RunState.INTERRUPTED, PREFIX + signal, null);
        journal.runEvents().append(runId, new RunRecord.Interrupted(signal));
        RunStatus s = journal.runs().status(runId).orElseThrow();
        return new SendOutcome.Interrupted(runId, signal, "run " + runId + " " + PREFIX + signal + ": stopped cleanly after "
                + (s.total() - s.count("pending") - s.count("deferred")) + " of " + s.total() + " recipient(s) ("
                + s.count("accepted") + " accepted, " + s.count("pending") + " pending, " + s.count("deferred")
                + " deferred); every transaction started was finished and journaled, the campaign lock is released. "
                + "Resume with: listguard send --campaign " + s.campaign());
    }
}
