package org.listguard.audit;

import java.util.List;
import org.listguard.audit.auth.DkimCheck;
import org.listguard.audit.auth.DmarcCheck;
import org.listguard.audit.auth.MxCheck;
import org.listguard.audit.auth.SpfCheck;
import org.listguard.audit.content.ContentCheck;
import org.listguard.audit.dnsbl.DnsblCheck;
import org.listguard.audit.list.ListCheck;
import org.listguard.audit.rdns.RdnsCheck;
import org.listguard.audit.relay.RelayCheck;

/** The checks of a full preflight audit. The list and content checks act only with a campaign. */
public final class Checks {
    private Checks() {}

    /** @param endpoints asks the one-click endpoint (an adapter in deliver/: audit/ opens no socket) */
    public static List<Check> standard(org.listguard.audit.bulk.EndpointProbe endpoints) {
        return standard(endpoints, org.listguard.audit.bulk.BulkSenderCheck.ComplaintHistory.NONE);
    }

    /** @param complaints the campaigns' complaint rates for the bulk-sender section (from the journal) */
    public static List<Check> standard(org.listguard.audit.bulk.EndpointProbe endpoints,
                                       org.listguard.audit.bulk.BulkSenderCheck.ComplaintHistory complaints) {
        return List.of(
                new ResolverCheck(),
                new DnsblCheck(),
                new RdnsCheck(),
                new SpfCheck(),
                new DkimCheck(),
                new DmarcCheck(),
                new MxCheck(),
                new RelayCheck(),
                new ContentCheck(),
                new ListCheck(),
                new org.listguard.audit.bulk.BulkSenderCheck(endpoints, complaints));
    }

    /** Only the reputation checks: what the guard re-runs between batches. */
    public static List<Check> reputation() {
        return List.of(new DnsblCheck());
    }
}
