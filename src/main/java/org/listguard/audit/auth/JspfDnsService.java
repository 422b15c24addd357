package org.listguard.audit.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.james.jspf.core.DNSRequest;
import org.apache.james.jspf.core.DNSService;
import org.apache.james.jspf.core.exceptions.TimeoutException;
import org.listguard.dns.DnsAnswer;
import org.listguard.dns.DnsClient;
import org.listguard.dns.DnsNames;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * jSPF's DNS over our {@link DnsClient}, so SPF is evaluated through the configured resolvers,
 * the sandbox zones and the test server alike. Follows jSPF's own conventions: records as strings
 * (addresses, MX targets with the trailing dot, PTR names without, TXT strings joined), null for
 * "no such record", and a {@link TimeoutException} for an unanswered question, which jSPF turns
 * into {@code temperror} (RFC 7208 §5). Blocking calls are bounded by the client's timeout.
 */
final class JspfDnsService implements DNSService {
    private final DnsClient dns;
    private volatile int recordLimit = 10;

    JspfDnsService(DnsClient dns) {
        this.dns = dns;
    }

    @Override
    public List<String> getRecords(DNSRequest request) throws TimeoutException {
        DnsAnswer a = query(request).join();
        if (a instanceof DnsAnswer.Failure f) throw new TimeoutException(request.getHostname() + ": " + f);
        return strings(a);
    }

    @Override
    public CompletionStage<List<String>> getRecordsAsync(DNSRequest request) {
        return query(request).thenCompose(a -> a instanceof DnsAnswer.Failure f
                ? CompletableFuture.failedFuture(new TimeoutException(request.getHostname() + ": " + f))
                : CompletableFuture.completedFuture(strings(a)));
    }

    private CompletableFuture<DnsAnswer> query(DNSRequest request) {
        int type = switch (request.getRecordType()) {
            case DNSRequest.A -> Type.A;
            case DNSRequest.AAAA -> Type.AAAA;
            case DNSRequest.MX -> Type.MX;
            case DNSRequest.PTR -> Type.PTR;
            case DNSRequest.SPF -> Type.SPF;
            default -> Type.TXT;
        };
        try {
            return dns.query(DnsNames.name(request.getHostname()), type);
        } catch (IllegalArgumentException badName) {
            // A name that cannot exist (e.g. a label over 63 characters after macro expansion).
            return CompletableFuture.completedFuture(new DnsAnswer.NxDomain(0));
        }
    }

    private static List<String> strings(DnsAnswer a) {
        if (!(a instanceof DnsAnswer.Records r)) return null;
        List<String> out = new ArrayList<>();
        for (Record rec : r.records()) {
            if (rec instanceof ARecord x) out.add(x.getAddress().getHostAddress());
            else if (rec instanceof AAAARecord x) out.add(x.getAddress().getHostAddress());
            else if (rec instanceof MXRecord x) out.add(x.getTarget().toString());
            else if (rec instanceof PTRRecord x) out.add(DnsNames.strip(x.getTarget().toString()));
            else if (rec instanceof TXTRecord x) out.add(String.join("", x.getStrings()));
            else if (rec instanceof org.xbill.DNS.SPFRecord x) out.add(String.join("", x.getStrings()));
        }
        return out.isEmpty() ? null : out;
    }

    /** No local-host names: jSPF uses them only for the "trusted forwarder" feature we do not enable. */
    @Override
    public List<String> getLocalDomainNames() { return List.of(); }

    /** The timeout is the DNS client's. */
    @Override
    public void setTimeOut(int seconds) {}

    @Override
    public int getRecordLimit() { return recordLimit; }

    @Override
    public void setRecordLimit(int limit) { this.recordLimit = limit; }
}
