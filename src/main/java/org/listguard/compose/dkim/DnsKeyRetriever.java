package org.listguard.compose.dkim;

import java.util.List;
import org.apache.james.jdkim.api.PublicKeyRecordRetriever;
import org.apache.james.jdkim.exceptions.PermFailException;
import org.apache.james.jdkim.exceptions.TempFailException;
import org.listguard.dns.DnsAnswer;
import org.listguard.dns.DnsClient;
import org.xbill.DNS.Type;

/**
 * jDKIM's key lookup over our {@link DnsClient}, so that verification sees the same DNS as the
 * rest of the audit (the configured resolvers, the sandbox zones, the test server). A DNS failure
 * is a {@link TempFailException} (temperror), a missing record a {@link PermFailException}
 * (RFC 6376 §6.1.2). Blocks the calling thread for at most the DNS client's timeout.
 */
final class DnsKeyRetriever implements PublicKeyRecordRetriever {
    private final DnsClient dns;

    DnsKeyRetriever(DnsClient dns) {
        this.dns = dns;
    }

    @Override
    public List<String> getRecords(CharSequence methodAndOptions, CharSequence selector, CharSequence token)
            throws TempFailException, PermFailException {
        if (!"dns/txt".equals(methodAndOptions.toString())) {
            throw new PermFailException("only q=dns/txt is supported, not " + methodAndOptions);
        }
        String name = selector + "._domainkey." + token;
        DnsAnswer a;
        try {
            a = dns.query(name, Type.TXT).join();
        } catch (IllegalArgumentException e) {
            throw new PermFailException("bad key name " + name + ": " + e.getMessage());
        }
        if (a instanceof DnsAnswer.Records r && !r.texts().isEmpty()) return r.texts();
        if (a instanceof DnsAnswer.Failure f) throw new TempFailException("key lookup of " + name + " failed: " + f);
        throw new PermFailException("no key record at " + name + " (" + a.describe() + ")");
    }
}
