package org.listguard.send;

import org.listguard.journal.Journal;
import org.listguard.journal.Run;
import org.listguard.journal.RunStatus;

/**
 * What a resume would do, shown before asking on a terminal (issue 10), as a new run shows its
 * plan: the run, why it stopped, and what is left (pending, deferred, unknown).
 */
final class ResumePlan {
    private ResumePlan() {}

    static String text(Journal journal, Run run) {
        RunStatus s = journal.runs().status(run.id()).orElseThrow();
        StringBuilder b = new StringBuilder();
        b.append("campaign ").append(run.campaign()).append(": resume run ").append(run.id()).append(" (")
                .append(run.state().db()).append(run.pauseReason() == null ? "" : ": " + run.pauseReason()).append(")\n");
        b.append("left to send: ").append(s.count("pending")).append(" pending, ").append(s.count("deferred"))
                .append(" deferred (retried when due); already done: ").append(s.count("accepted")).append(" accepted, ")
                .append(s.count("rejected")).append(" rejected, ").append(s.count("skipped")).append(" skipped, ")
                .append(s.count("unknown")).append(" unknown (not re-sent without --resend-unknown)");
        if (s.count("unconfirmed") > 0) {
            b.append(", ").append(s.count("unconfirmed")).append(" unconfirmed (their provider's seed never arrived; not re-sent without --resend-unconfirmed)");
        }
        if (run.relay() != null) b.append("\nrelay in use: ").append(run.relay());
        return b.toString();
    }
}
