package org.listguard.feedback;

import java.util.Optional;
import org.listguard.compose.dkim.DkimVerification;
import org.listguard.compose.dkim.DkimVerifier;
import org.listguard.dns.DnsClient;

/** {@link ReportAuthenticator.Signatures} over jDKIM with keys fetched through our DNS client. */
public final class DkimReportSignatures implements ReportAuthenticator.Signatures {
    private final DkimVerifier verifier;

    public DkimReportSignatures(DnsClient dns) {
        this.verifier = new DkimVerifier(dns);
    }

    @Override
    public Optional<String> verifiedDomain(byte[] rawReport) {
        return verifier.verify(rawReport) instanceof DkimVerification.Pass p ? Optional.of(p.domain()) : Optional.empty();
    }
}
