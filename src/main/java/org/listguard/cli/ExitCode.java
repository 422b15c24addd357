package org.listguard.cli;

import org.listguard.audit.Verdict;
import org.listguard.send.SendOutcome;

/**
 * The documented exit codes (README, DESIGN.md). Cron jobs and scripts rely on them. The send use
 * case returns a {@link SendOutcome}; {@link #of(SendOutcome)} is the one place it becomes a code.
 */
public final class ExitCode {
    private ExitCode() {}

    /** Done / go (audit: only pass and warn). */
    public static final int OK = 0;
    /** Internal error: a bug in listguard. */
    public static final int BUG = 1;
    /** Bad usage, bad config, bad input; nothing was sent. */
    public static final int INPUT = 2;
    /** No-go: a blocking finding (audit) or the gate refused (send). */
    public static final int NO_GO = 3;
    /** Unknown: a required check could not be decided; nothing was sent. */
    public static final int UNKNOWN = 4;
    /**
     * The journal failed (disk full, permissions, database down): EX_TEMPFAIL like a pause, since
     * nothing is lost and the same command resumes once the journal works (issue 13).
     */
    public static final int JOURNAL = 75;
    /** Paused (EX_TEMPFAIL): the run stopped safely and resumes on the next send. */
    public static final int PAUSED = 75;
    /** Interrupted by SIGINT (128 + 2, as a shell reports it); the run resumes on the next send. */
    public static final int SIGINT = 130;
    /** Interrupted by SIGTERM (128 + 15). */
    public static final int SIGTERM = 143;

    /** 130 for SIGINT, 143 for SIGTERM (and any other signal that stops us). */
    public static int interruptedBy(String signal) {
        return "SIGINT".equals(signal) ? SIGINT : SIGTERM;
    }

    /**
     * How a send ended, as its exit code: completed, a dry run and a declined confirmation 0; the
     * gate refused on no-go 3, on unknown 4; already sent in its period 3; paused, or the campaign
     * locked by another send, 75; interrupted 130/143.
     */
    public static int of(SendOutcome outcome) {
        if (outcome instanceof SendOutcome.Completed || outcome instanceof SendOutcome.Rehearsed
                || outcome instanceof SendOutcome.NotConfirmed) return OK;
        if (outcome instanceof SendOutcome.GateRefused g) return g.verdict() == Verdict.UNKNOWN ? UNKNOWN : NO_GO;
        if (outcome instanceof SendOutcome.AlreadySent) return NO_GO;
        if (outcome instanceof SendOutcome.Paused || outcome instanceof SendOutcome.Busy) return PAUSED;
        if (outcome instanceof SendOutcome.Interrupted i) return interruptedBy(i.signal());
        // Java 17 checks no exhaustiveness here: ExitCodesTest maps one of every permitted case
        throw new IllegalStateException("no exit code for " + outcome.getClass().getSimpleName());
    }
}
