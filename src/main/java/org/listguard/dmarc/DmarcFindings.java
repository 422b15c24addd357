package org.listguard.dmarc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.listguard.audit.Finding;
import org.listguard.audit.Role;
import org.listguard.audit.Status;
import org.listguard.config.Defaults;
import org.listguard.config.DmarcSettings;
import org.listguard.journal.DmarcReports;
import org.listguard.journal.EgressIp;

/**
 * The gate's DMARC findings (issue 24), from the verified reports whose date range ends within
 * {@code dmarc.window}; an unverified report changes nothing here.
 * <ul>
 * <li>{@code dmarc-dkim}, per reporter: of our messages from our egress, the share a receiver saw
 *     with our DKIM not passing — warn over {@code dmarc.max_dkim_fail}, fail over
 *     {@value Defaults#DMARC_DKIM_FAIL_STOP} %, pass otherwise (the view of what receivers saw).
 *     Only a receiver of {@code reporting-receivers.txt} can fail the gate: a report is "verified"
 *     when its own domain signed it, and anyone owning a domain can sign one, so an unknown
 *     reporter's failure rate is a warning.</li>
 * <li>{@code dmarc-egress}, per IP learned from a report (journal {@code egress_ips}, source dmarc)
 *     and not in {@code relays[].ips}: warn; the gate audits the IP itself like every learned egress.</li>
 * <li>{@code dmarc-spf}, per egress of ours that receivers saw fail SPF for the envelope domain: warn, with the fix.</li>
 * <li>{@code dmarc-coverage}, per reporting receiver that got more than {@value Defaults#DMARC_COVERAGE_MIN}
 *     of the last run's accepted messages and sent no report since (two days after the run began): warn.</li>
 * </ul>
 */
public final class DmarcFindings {
    static final String RFC = "https://www.rfc-editor.org/rfc/rfc7489#appendix-C";

    /** The last run's accepted messages per reporting receiver ({@link ReportingReceivers}). */
    public record LastRun(String run, Instant started, Map<String, Long> acceptedByReceiver) {}

    private DmarcFindings() {}

    public static List<Finding> of(List<DmarcReports.Report> reports, List<EgressIp> learned, OurMail us, DmarcSettings settings,
                                   Optional<LastRun> lastRun, Instant now) {
        Instant since = now.minus(settings.window());
        List<DmarcReports.Report> recent = reports.stream().filter(r -> r.verified() && !r.end().isBefore(since)).toList();
        List<Finding> out = new ArrayList<>(dkim(recent, us, settings));
        out.addAll(egress(learned, us));
        out.addAll(spf(recent, us));
        // coverage: only a verified report says a receiver reported (an unsigned one could silence the warning)
        List<DmarcReports.Report> verified = reports.stream().filter(DmarcReports.Report::verified).toList();
        lastRun.ifPresent(run -> out.addAll(coverage(verified, run, us, now)));
        return out;
    }

    private static List<Finding> dkim(List<DmarcReports.Report> reports, OurMail us, DmarcSettings s) {
        // grouped by the reporter's contact domain, which the report's verified signature speaks for;
        // org_name is free text anyone can write ("google.com"), so it never groups nor vouches
        Map<String, long[]> byOrg = new LinkedHashMap<>(); // reporter domain -> {ours, failed}
        Map<String, Set<String>> failIps = new LinkedHashMap<>();
        Map<String, Set<String>> ids = new LinkedHashMap<>();
        Set<String> known = new LinkedHashSet<>();
        for (DmarcReports.Report r : reports) {
            String org = Reporters.domainOf(r.email());
            if (org == null) continue; // a verified report has a contact domain; nothing to group under otherwise
            if (ReportingReceivers.ALL.stream().anyMatch(rr -> ReportingReceivers.sentBy(rr, r.email()))) known.add(org);
            for (DmarcReports.Row row : r.rows()) {
                RowClass c = RowClass.parse(row.rowClass());
                if (!c.ourEgress()) continue;
                long[] n = byOrg.computeIfAbsent(org, k -> new long[2]);
                n[0] += row.count();
                ids.computeIfAbsent(org, k -> new LinkedHashSet<>()).add(r.reportId());
                if (c == RowClass.DKIM_FAIL) {
                    n[1] += row.count();
                    failIps.computeIfAbsent(org, k -> new LinkedHashSet<>()).add(row.sourceIp());
                }
            }
        }
        List<Finding> out = new ArrayList<>();
        byOrg.forEach((org, n) -> {
            double pct = 100.0 * n[1] / n[0];
            Status st = pct > Defaults.DMARC_DKIM_FAIL_STOP ? Status.FAIL : pct > s.maxDkimFail() ? Status.WARN : Status.PASS;
            // anyone who owns a domain can sign a report of its own: only a receiver of reporting-receivers.txt may stop the gate
            boolean capped = st == Status.FAIL && !known.contains(org);
            if (capped) st = Status.WARN;
            String window = org + " reported our DKIM (d=" + us.dkimDomain() + ", s=" + us.dkimSelector() + ") not passing for " + n[1]
                    + " of " + n[0] + " message(s) from our egress";
            Finding f = Finding.of("dmarc-dkim", org, Role.DOMAIN, st)
                    .withSource("DMARC reports " + String.join(", ", ids.get(org)))
                    .withCode(String.format(Locale.ROOT, "%.1f%%", pct))
                    .withMeaning(window + (st == Status.PASS ? "" : " (over " + (st == Status.FAIL ? Defaults.DMARC_DKIM_FAIL_STOP
                            + " %, the stop limit" : "dmarc.max_dkim_fail " + s.maxDkimFail() + " %") + ")")
                            + (capped ? "; a warning only: " + org + " is not a receiver listguard knows (reporting-receivers.txt)" : ""))
                    .withUrl(RFC);
            if (st != Status.PASS) {
                f = f.withDetail("failing from " + String.join(", ", failIps.get(org)))
                        .withRemediation("Check that " + us.dkimSelector() + "._domainkey." + us.dkimDomain() + " publishes the public half of "
                                + "dkim.private_key (`listguard audit` compares them), and that the smart host does not change signed messages "
                                + "(added footers, re-encoding, line wrapping): ask your ISP, or sign after its last change.");
            }
            out.add(f);
        });
        return out;
    }

    private static List<Finding> egress(List<EgressIp> learned, OurMail us) {
        List<Finding> out = new ArrayList<>();
        for (EgressIp e : learned) {
            if (!"dmarc".equals(e.source()) || !org.listguard.guard.EgressPolicy.audited(e.source(), e.ip())) continue;
            out.add(Finding.of("dmarc-egress", e.ip(), Role.RELAY, Status.WARN)
                    .withSource("dmarc")
                    .withMeaning("receivers saw our DKIM and SPF pass on mail from " + e.ip() + ", which relays[].ips does not list: "
                            + "an egress of the smart host, learned; the gate audits it with the relays")
                    .withDetail(e.detail())
                    .withRemediation("Add " + e.ip() + " to relays[].ips so every check names it; if it is not your relay's, "
                            + "`listguard egress forget " + e.ip() + "` and find who sends with your DKIM key.")
                    .withUrl(RFC));
        }
        return out;
    }

    private static List<Finding> spf(List<DmarcReports.Report> reports, OurMail us) {
        Map<String, long[]> byIp = new LinkedHashMap<>();
        Map<String, Set<String>> orgs = new LinkedHashMap<>();
        for (DmarcReports.Report r : reports) {
            for (DmarcReports.Row row : r.rows()) {
                RowClass c = RowClass.parse(row.rowClass());
                if (c != RowClass.RELAY && c != RowClass.DKIM_FAIL) continue;
                AggregateReport.Row parsed = new AggregateReport.Row(row.sourceIp(), row.count(), row.disposition(), row.dkim(), row.spf(),
                        row.headerFrom(), row.envelopeFrom(), List.of(), RowJson.spf(row.spfResultsJson()));
                if (!Classifier.spfFailedForUs(parsed, us)) continue;
                byIp.computeIfAbsent(row.sourceIp(), k -> new long[1])[0] += row.count();
                orgs.computeIfAbsent(row.sourceIp(), k -> new LinkedHashSet<>()).add(r.org());
            }
        }
        List<Finding> out = new ArrayList<>();
        byIp.forEach((ip, n) -> out.add(Finding.of("dmarc-spf", ip, Role.RELAY, Status.WARN)
                .withSource("DMARC reports from " + String.join(", ", orgs.get(ip)))
                .withMeaning("receivers saw SPF fail for the envelope domain " + us.envelopeDomain() + " on " + n[0]
                        + " message(s) from our egress " + ip + ": DMARC rests on DKIM alone")
                .withRemediation("Authorise the smart host in the SPF record of " + us.envelopeDomain() + ": add the include: your ISP "
                        + "publishes for its outgoing servers (or ip4:" + ip + "), keeping within 10 DNS lookups.")
                .withUrl("https://www.rfc-editor.org/rfc/rfc7208#section-5.2")));
        return out;
    }

    private static List<Finding> coverage(List<DmarcReports.Report> reports, LastRun run, OurMail us, Instant now) {
        List<Finding> out = new ArrayList<>();
        if (now.isBefore(run.started().plus(java.time.Duration.ofDays(2)))) return out; // reports come the next day
        for (ReportingReceivers.Reporter rr : ReportingReceivers.ALL) {
            long n = run.acceptedByReceiver().getOrDefault(rr.name(), 0L);
            if (n <= Defaults.DMARC_COVERAGE_MIN) continue;
            boolean reported = reports.stream().anyMatch(r -> !r.end().isBefore(run.started()) && ReportingReceivers.sentBy(rr, r.email()));
            if (reported) continue;
            out.add(Finding.of("dmarc-coverage", rr.name(), Role.DOMAIN, Status.WARN)
                    .withSource("journal")
                    .withMeaning(rr.name() + " accepted " + n + " message(s) of run " + run.run() + " and sent no DMARC report since "
                            + run.started())
                    .withRemediation("Check that _dmarc." + us.fromDomain() + " publishes rua=mailto:… pointing at dmarc.mailbox, that "
                            + "mail to that address arrives, and run `listguard dmarc process`.")
                    .withUrl(RFC));
        }
        return out;
    }
}
