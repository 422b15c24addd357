package org.listguard.send;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.listguard.audit.AuditReport;
import org.listguard.audit.Finding;
import org.listguard.audit.Role;
import org.listguard.audit.Status;
import org.listguard.config.BounceSettings;
import org.listguard.config.Config;
import org.listguard.feedback.ComplaintLevel;
import org.listguard.journal.ComplaintRate;
import org.listguard.journal.Journal;

/**
 * The gate's complaint check: the complaint rate of the campaign's latest run, as
 * {@code bounces process} counted it, against {@code bounces.complaint_warn}/{@code complaint_stop}.
 * Only complaints a member cannot steer count ({@link ComplaintRate}, DESIGN.md invariant 11): those
 * a feedback loop proved, and member-proven ones once {@code guard.corroborate} distinct members
 * complained in the run; one member's reports, however many, never trip it.
 * Over the stop limit it is a {@code complaints} finding with status fail, so the next send of the
 * campaign is refused like any no-go ({@code --force} overrides it and is journaled); over the warn
 * limit a warning; otherwise no finding. It reads the journal, so it joins the audit here rather
 * than in audit/ (only journal/ touches the database, and the audit has no journal).
 */
public final class ComplaintGate {
    private ComplaintGate() {}

    /** The finding for the campaign, if its latest run's complaint rate is over a limit. */
    public static Optional<Finding> finding(Journal journal, Config config, String campaign) {
        return finding(journal, config.bounceSettings().orElse(new BounceSettings(null, null, null)), config.guard().corroborate(), campaign);
    }

    /** The finding for the campaign against these limits, member-proven complaints counting from {@code corroborate} members. */
    public static Optional<Finding> finding(Journal journal, BounceSettings limits, int corroborate, String campaign) {
        Optional<ComplaintRate> rate = journal.feedback().complaintRate(campaign, corroborate);
        if (rate.isEmpty()) return Optional.empty();
        ComplaintRate r = rate.get();
        ComplaintLevel level = ComplaintLevel.of(r, limits);
        if (level == ComplaintLevel.OK) return Optional.empty();
        boolean stop = level == ComplaintLevel.STOP;
        double limit = stop ? limits.complaintStop() : limits.complaintWarn();
        return Optional.of(Finding.of("complaints", r.run(), Role.LIST, stop ? Status.FAIL : Status.WARN)
                .withSource("journal")
                .withCode(String.format(Locale.ROOT, "%.2f%%", r.percent()))
                .withMeaning("complaint rate of the campaign's latest run over bounces.complaint_" + (stop ? "stop" : "warn")
                        + " (" + limit + " %)")
                .withDetail(r.complaints() + " complaint(s) of " + r.accepted() + " accepted message(s) in run " + r.run()
                        + " (" + r.proven() + " proven by a feedback loop, " + (r.corroborated() ? r.members() : 0)
                        + " by members' own reports, corroborated by at least guard.corroborate=" + r.corroborate() + ")")
                .withRemediation(stop
                        ? "Do not send this campaign again until you know why members complain: confirm opt-in, remove old or "
                                + "bought addresses, make unsubscribing easy. Gmail and Yahoo treat 0.3 % as the limit. "
                                + "Override with --force at your own risk."
                        : "Gmail and Yahoo ask bulk senders to stay under 0.1 %: review consent and list hygiene before it reaches 0.3 %.")
                .withUrl("https://support.google.com/a/answer/81126"));
    }

    /** The audit with the campaign's complaint finding added (the verdict recomputed), or unchanged. */
    public static AuditReport apply(AuditReport audit, Journal journal, Config config, String campaign) {
        Optional<Finding> f = finding(journal, config, campaign);
        if (f.isEmpty()) return audit;
        List<Finding> all = new ArrayList<>(audit.findings());
        all.add(f.get());
        return AuditReport.of(audit.checkedAt(), all);
    }
}
