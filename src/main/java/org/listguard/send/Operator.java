package org.listguard.send;

/**
 * The person (or cron job) running the send, as the pipeline sees them: told what is happening,
 * asked to confirm the plan. The CLI implements it for a terminal and for cron (no questions:
 * {@code --yes} is required there).
 */
public interface Operator {
    /** A line of progress or explanation (stderr in the CLI). */
    void say(String line);

    /**
     * A sentence of listguard's own (never remote text) with every {@code listguard COMMAND} in it
     * made to run as printed for this invocation (the CLI adds {@code -c}, {@code --sandbox}…).
     * Lines that quote a reply, a pause reason or a header are built from suggested parts and the
     * quote, so a reply saying "listguard audit" is shown exactly as the receiver wrote it.
     */
    default String suggest(String ours) {
        return ours;
    }

    /** A warning that must not be missed (e.g. --force). */
    void warn(String line);

    /** Shows the plan and asks to go ahead; true when confirmed. */
    boolean confirm(String plan);

    /** Called after every recipient; the CLI draws a progress bar on a TTY or logs periodically. */
    void progress(Progress p);

    /** The throttle's schedule of the batches about to run, for an ETA that agrees with the plan's. */
    default void pace(Pace pace) {}

    /**
     * One recipient's SMTP outcome (the CLI logs one line per recipient under cron and the daemon):
     * the relay's reply, and {@code journaled}, the status the journal gives the recipient (a
     * reputation refusal is the relay's "rejected" but the member's "deferred": they wait, issue 19).
     */
    default void outcome(String run, org.listguard.deliver.SubmitResult result, String journaled) {}

    /**
     * The signal ("SIGTERM", "SIGINT") asking the run to stop cleanly, once one has arrived
     * (issue 10; see {@link Interruption}). Checked at the run loop's boundaries.
     */
    default java.util.Optional<String> stopRequested() {
        return java.util.Optional.empty();
    }
}
