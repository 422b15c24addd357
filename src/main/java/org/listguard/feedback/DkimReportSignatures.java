package org.listguard.feedback;

import java.util.List;
import org.listguard.compose.dkim.DkimVerifier;
import org.listguard.dns.DnsClient;

/** {@link ReportAuthenticator.Signatures} over jDKIM with keys fetched through our DNS client. */
public final class DkimReportSignatures implements ReportAuthenticator.Signatures {
    private final DkimVerifier verifier;

    public DkimReportSignatures(DnsClient dns) {
        this.verifier = new DkimVerifier(dns);
    }

    @Override
    public List<ReportAuthenticator.Signature> verified(byte[] rawMessage) {
        return verifier.passes(rawMessage).stream().map(p -> new ReportAuthenticator.Signature(p.domain(), p.selector())).toList();
    }
}
