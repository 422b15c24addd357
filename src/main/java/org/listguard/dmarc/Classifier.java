package org.listguard.dmarc;

/** One report row → {@link RowClass}, by the rule of issue 24 (DELIVERABILITY.md s9 and s11). */
public final class Classifier {
    private Classifier() {}

    public static RowClass classify(AggregateReport.Row row, OurMail us) {
        boolean ourFrom = row.headerFrom() == null || OurMail.within(row.headerFrom(), us.fromDomain());
        boolean known = us.knownIps().contains(row.sourceIp());
        if (ourFrom && ourDkimPassed(row, us)) {
            if (known) return RowClass.RELAY;
            return spfPassedForUs(row, us) ? RowClass.NEW_EGRESS : RowClass.FORWARDER;
        }
        return ourFrom && known ? RowClass.DKIM_FAIL : RowClass.NOT_US;
    }

    /** Our signature ({@code d=} our DKIM domain, and our selector where the reporter names one) passed. */
    static boolean ourDkimPassed(AggregateReport.Row row, OurMail us) {
        if (us.dkimDomain() == null) return false;
        for (AggregateReport.DkimResult d : row.dkimResults()) {
            if ("pass".equals(d.result()) && us.dkimDomain().equals(d.domain())
                    && (d.selector() == null || d.selector().equals(us.dkimSelector()))) {
                return true;
            }
        }
        return false;
    }

    /** SPF passed for our envelope domain, or for a relay's own domain (a smart host that rewrites the envelope). */
    static boolean spfPassedForUs(AggregateReport.Row row, OurMail us) {
        for (AggregateReport.SpfResult s : row.spfResults()) {
            if (!"pass".equals(s.result()) || "helo".equals(s.scope())) continue;
            if (OurMail.within(s.domain(), us.envelopeDomain())) return true;
            for (String r : us.relayDomains()) if (OurMail.within(s.domain(), r)) return true;
        }
        return false;
    }

    /** SPF failed (fail or softfail) for our envelope domain: the egress is not in our SPF record. */
    public static boolean spfFailedForUs(AggregateReport.Row row, OurMail us) {
        for (AggregateReport.SpfResult s : row.spfResults()) {
            if (("fail".equals(s.result()) || "softfail".equals(s.result())) && OurMail.within(s.domain(), us.envelopeDomain())) return true;
        }
        return false;
    }
}
