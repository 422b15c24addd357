package org.listguard.send;

import org.listguard.audit.Verdict;

/**
 * How a send ended: one case for each way it can end, as a value. The command line maps each case
 * to its documented exit code in one place ({@code cli/ExitCode.of}); the use case knows no exit
 * codes. Every case says which run it concerns ({@code null} when none was started or touched) and
 * carries the one line the operator reads.
 *
 * <p>Bad input (config, list, template) is not a case: it is found while preparing, before any of
 * these, and raised as {@link org.listguard.InputException}, which names file, line and field and
 * is mapped like every other command's bad input (exit 2). A failing journal is likewise an
 * exception ({@code JournalException}, exit 75).
 */
public sealed interface SendOutcome {
    /** The run this outcome concerns, or null when none was started or touched. */
    String runId();

    /** One line for the operator. */
    String message();

    /** The run ended with every recipient journaled; the run is {@code completed}. */
    record Completed(String runId, String message) implements SendOutcome {}

    /** The guard paused the run for {@code reason} (journaled with its evidence); the next send resumes it. */
    record Paused(String runId, String reason, String message) implements SendOutcome {}

    /**
     * SIGINT or SIGTERM stopped the send cleanly: the run (if one had started) is journaled
     * {@code interrupted} and the next send resumes it.
     */
    record Interrupted(String runId, String signal, String message) implements SendOutcome {}

    /** The gate refused on the audit's verdict, {@code no-go} or {@code unknown}; nothing was sent. */
    record GateRefused(Verdict verdict, String message) implements SendOutcome {
        public GateRefused {
            if (verdict == Verdict.GO) throw new IllegalArgumentException("a go verdict refuses nothing");
        }

        @Override
        public String runId() { return null; }
    }

    /** The campaign was already sent in its period ({@link PeriodRule}) and {@code --again} was not given; nothing was sent. */
    record AlreadySent(String message) implements SendOutcome {
        @Override
        public String runId() { return null; }
    }

    /** Another send holds the campaign's lock ({@code holder}); nothing was sent. */
    record Busy(String holder, String message) implements SendOutcome {
        @Override
        public String runId() { return null; }
    }

    /** {@code --dry-run}: gate, plan, every message composed and signed; nothing sent or journaled. */
    record Rehearsed(String message) implements SendOutcome {
        @Override
        public String runId() { return null; }
    }

    /** The operator declined the plan or the resume; nothing was sent, the unfinished run (if any) stays as it was. */
    record NotConfirmed(String runId, String message) implements SendOutcome {}
}
