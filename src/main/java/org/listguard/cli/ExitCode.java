package org.listguard.cli;

/** The documented exit codes (README, DESIGN.md). Cron jobs and scripts rely on them. */
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
}
