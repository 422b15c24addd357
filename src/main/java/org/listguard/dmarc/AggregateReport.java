package org.listguard.dmarc;

import java.time.Instant;
import java.util.List;

/**
 * One DMARC aggregate report as a receiver sent it (RFC 7489 appendix C; DMARCbis, namespace
 * {@code urn:ietf:params:xml:ns:dmarc-2.0}), normalised by {@link ReportParser}: results lower
 * case, domains lower case without a trailing dot, empty elements null, IPs in canonical form.
 *
 * @param org       the reporter's {@code org_name} as written (trimmed)
 * @param email     the reporter's contact address ({@code email}), whose domain its signature must match
 * @param schema    "1.0" (no namespace, RFC 7489), "draft" ({@code http://dmarc.org/dmarc-xml/0.1}) or "2.0" (DMARCbis)
 */
public record AggregateReport(String org, String email, String reportId, Instant begin, Instant end, String schema,
                              Policy policy, List<Row> rows) {
    public AggregateReport {
        rows = List.copyOf(rows);
    }

    /** {@code policy_published}: the DMARC record the receiver found (p, sp, np, adkim, aspf, pct or testing). */
    public record Policy(String domain, String p, String sp, String np, String adkim, String aspf, String pct, String testing) {}

    /**
     * One {@code record}: messages from one source IP with one set of results.
     *
     * @param disposition {@code none | quarantine | reject} (DMARCbis adds {@code pass})
     * @param dkim        DMARC's DKIM verdict ({@code policy_evaluated/dkim}: aligned pass or fail)
     * @param spf         DMARC's SPF verdict ({@code policy_evaluated/spf})
     */
    public record Row(String sourceIp, long count, String disposition, String dkim, String spf, String headerFrom,
                      String envelopeFrom, List<DkimResult> dkimResults, List<SpfResult> spfResults) {
        public Row {
            dkimResults = List.copyOf(dkimResults);
            spfResults = List.copyOf(spfResults);
        }
    }

    /** {@code auth_results/dkim}: one signature the receiver checked ({@code d=}, {@code s=}, result). */
    public record DkimResult(String domain, String selector, String result) {}

    /** {@code auth_results/spf}: the SPF check of one identity (scope {@code mfrom} or {@code helo}). */
    public record SpfResult(String domain, String scope, String result) {}

    /** Messages in all rows. */
    public long messages() {
        return rows.stream().mapToLong(Row::count).sum();
    }
}
