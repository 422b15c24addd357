package org.listguard.send;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.listguard.audit.AuditReport;
import org.listguard.audit.Finding;
import org.listguard.config.Config;
import org.listguard.dmarc.DmarcFindings;
import org.listguard.dmarc.OurMail;
import org.listguard.dmarc.ReportingReceivers;
import org.listguard.journal.EgressIp;
import org.listguard.journal.Journal;
import org.listguard.journal.RecipientStatus;
import org.listguard.journal.Run;

/**
 * The gate's DMARC findings ({@link DmarcFindings}): what receivers' verified aggregate reports
 * said about our DKIM, SPF and egress within {@code dmarc.window}. It reads the journal, so it
 * joins the audit here like {@link ComplaintGate}. The egress IPs the reports taught are audited
 * by the gate's learned-egress step ({@code LearnedEgress}), which reads the same journal table.
 */
public final class DmarcGate {
    private DmarcGate() {}

    /** The DMARC findings of the journal's reports. */
    public static List<Finding> findings(Journal journal, Config config, Clock clock) {
        var now = clock.instant();
        var reports = journal.dmarcReports().endingSince(now.minus(config.dmarc().window()).minus(java.time.Duration.ofDays(31)));
        List<EgressIp> learned = journal.downstream().egressIps();
        java.util.Set<String> configured = new java.util.HashSet<>();
        config.relays().forEach(r -> r.ips().forEach(ip -> configured.add(ip.getHostAddress())));
        List<EgressIp> unconfigured = learned.stream().filter(e -> !configured.contains(e.ip())).toList();
        OurMail us = OurMail.of(config, learned.stream().map(EgressIp::ip).toList());
        return DmarcFindings.of(reports, unconfigured, us, config.dmarc(), lastRun(journal), now);
    }

    /** The audit with the DMARC findings added (the verdict recomputed), or unchanged when there are none. */
    public static AuditReport apply(AuditReport audit, Journal journal, Config config, Clock clock) {
        List<Finding> f = findings(journal, config, clock);
        if (f.isEmpty()) return audit;
        List<Finding> all = new ArrayList<>(audit.findings());
        all.addAll(f);
        return AuditReport.of(audit.checkedAt(), all);
    }

    /** The latest run's accepted messages per reporting receiver (by recipient domain). */
    private static Optional<DmarcFindings.LastRun> lastRun(Journal journal) {
        Optional<Run> run = journal.runs().latest();
        if (run.isEmpty()) return Optional.empty();
        Map<String, Long> counts = new HashMap<>();
        journal.recipients(run.get().id(), EnumSet.of(RecipientStatus.ACCEPTED), row -> {
            String e = row.email();
            int at = e.lastIndexOf('@');
            if (at < 0) return;
            ReportingReceivers.forRecipientDomain(e.substring(at + 1)).ifPresent(r -> counts.merge(r.name(), 1L, Long::sum));
        });
        return Optional.of(new DmarcFindings.LastRun(run.get().id(), run.get().startedAt(), counts));
    }
}
