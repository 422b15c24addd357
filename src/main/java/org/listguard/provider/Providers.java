package org.listguard.provider;

import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.listguard.dns.DnsAnswer;
import org.listguard.dns.DnsClient;
import org.listguard.domain.RegistrableDomain;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Type;

/**
 * Groups recipient domains by the provider that receives their mail (DELIVERABILITY.md s5):
 * the domain's most preferred MX host is matched against {@link ProviderRules}; otherwise the
 * provider is that host's registrable domain ({@link RegistrableDomain}, the Public Suffix List).
 * Each domain is resolved once and cached for the life of this object (one run). A domain without
 * MX records is received by itself (implicit MX, RFC 5321 s5.1); a lookup that fails groups the domain under its own registrable domain, marked
 * unresolved, and is asked again next time (a failure is never cached).
 */
public final class Providers {
    private final DnsClient dns;
    private final ProviderRules rules;
    private final Map<String, Provider> cache = new ConcurrentHashMap<>();

    public Providers(DnsClient dns, ProviderRules rules) {
        this.dns = dns;
        this.rules = rules;
    }

    public Providers(DnsClient dns) {
        this(dns, ProviderRules.standard());
    }

    /** The provider of a recipient domain (or of an address: everything up to the last '@' is ignored). */
    public Provider of(String domainOrAddress) {
        String domain = ProviderRules.strip(domainOrAddress.substring(domainOrAddress.lastIndexOf('@') + 1));
        Provider cached = cache.get(domain);
        if (cached != null) return cached;
        Provider p = resolve(domain);
        if (!p.via().startsWith("unresolved")) cache.put(domain, p);
        return p;
    }

    private Provider resolve(String domain) {
        DnsAnswer a;
        try {
            a = dns.query(domain, Type.MX).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Provider(RegistrableDomain.of(domain), "unresolved: interrupted");
        } catch (ExecutionException e) {
            return new Provider(RegistrableDomain.of(domain), "unresolved: " + e.getCause());
        }
        if (a instanceof DnsAnswer.Records r) {
            Optional<String> best = r.records().stream().filter(x -> x instanceof MXRecord).map(x -> (MXRecord) x)
                    .min(Comparator.comparingInt(MXRecord::getPriority).thenComparing(x -> x.getTarget().toString()))
                    .map(x -> ProviderRules.strip(x.getTarget().toString()));
            if (best.isPresent() && !best.get().isEmpty()) {
                String host = best.get();
                return new Provider(rules.byMx(host).orElseGet(() -> RegistrableDomain.of(host)), host);
            }
        }
        if (a instanceof DnsAnswer.NxDomain || a instanceof DnsAnswer.NoData || a instanceof DnsAnswer.Records) {
            return new Provider(RegistrableDomain.of(domain), "no MX (implicit MX, RFC 5321 s5.1)");
        }
        return new Provider(RegistrableDomain.of(domain), "unresolved: " + a);
    }
}
