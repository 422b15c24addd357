package org.listguard.report;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.listguard.events.Journaled;
import org.listguard.journal.DmarcReports;
import org.listguard.journal.Journal;
import org.listguard.journal.RecipientRow;
import org.listguard.journal.RecipientStatus;
import org.listguard.journal.Run;
import org.listguard.journal.RunHistory;
import org.listguard.journal.RunStatus;

/**
 * What a run report shows: the run, its counts, its events, the bounces journaled against it,
 * the advice for it (from the same {@link Advisor} {@code status} uses), and its recipients, which
 * are streamed from the journal (a run may have a million) rather than held here; and the DMARC
 * reports receivers sent about the run's days (issue 24).
 */
public record RunData(Run run, RunStatus status, List<Journaled> events, List<RunHistory.Dsn> dsns, List<Advice> advice, Rows rows,
                      List<DmarcReports.Report> dmarc) {

    /** Streams recipients in seq order, only those in the given statuses (all when empty). */
    @FunctionalInterface
    public interface Rows {
        void forEach(Set<RecipientStatus> only, Consumer<RecipientRow> sink);
    }

    public RunData {
        events = List.copyOf(events);
        dsns = List.copyOf(dsns);
        advice = List.copyOf(advice);
        dmarc = dmarc == null ? List.of() : List.copyOf(dmarc);
    }

    /** Without DMARC reports. */
    public RunData(Run run, RunStatus status, List<Journaled> events, List<RunHistory.Dsn> dsns, List<Advice> advice, Rows rows) {
        this(run, status, events, dsns, advice, rows, List.of());
    }

    public static RunData of(Journal journal, Run run) {
        return of(journal, run, Advisor.bundled().advise(run));
    }

    public static RunData of(Journal journal, Run run, List<Advice> advice) {
        return new RunData(run, journal.runs().status(run.id()).orElseThrow(), journal.runEvents().list(run.id()), journal.history().dsns(run.id()),
                advice, (only, sink) -> journal.recipients(run.id(), only, sink), dmarcReports(journal, run));
    }

    /** The DMARC reports about the run's days (issue 24): periods ending after it began and beginning before the day after it finished. */
    static List<DmarcReports.Report> dmarcReports(Journal journal, Run run) {
        java.time.Instant last = run.finishedAt() == null ? null : run.finishedAt().plus(java.time.Duration.ofDays(1));
        return journal.dmarcReports().endingSince(run.startedAt()).stream().filter(r -> last == null || !r.begin().isAfter(last)).toList();
    }
}
