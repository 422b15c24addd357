package org.listguard.audit;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.listguard.dns.DnsAnswer;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Whether the resolver answers at all, asked once before its answers are trusted: every other
 * check reads DNS, and a resolver that does not answer (or answers NXDOMAIN to everything, as
 * some filtering resolvers do) would otherwise show as dozens of separate "unknown" findings, or
 * worse, as "the sender's domain does not exist" and "remove this list". Two questions: the
 * sender's own domain (SOA: it exists for anyone who sends mail from it) and RFC 5782 §5's test
 * entry 127.0.0.2 on Spamhaus ZEN (every working resolver that reaches it answers). The resolver is
 * judged unusable when the domain's question fails (timeout, refused, SERVFAIL), or when both
 * answer NXDOMAIN. Then one {@code resolver} finding, status unknown, names the resolver and the
 * fix, and the audit's verdict is unknown (exit 4): nothing it found can be trusted.
 */
public final class ResolverCheck implements Check {
    public static final String NAME = "resolver";

    @Override
    public String name() { return NAME; }

    @Override
    public CompletableFuture<List<Finding>> run(AuditContext ctx) {
        String domain = ctx.config().sender().fromDomain();
        Name soa;
        Name test;
        try {
            soa = Name.fromString(domain, Name.root);
            test = Name.fromString("2.0.0.127.zen.spamhaus.org.");
        } catch (TextParseException e) {
            return CompletableFuture.completedFuture(List.of());
        }
        CompletableFuture<DnsAnswer> a = ctx.dns().query(soa, Type.SOA);
        CompletableFuture<DnsAnswer> b = ctx.dns().query(test, Type.A);
        return a.thenCombine(b, (own, listed) -> judge(ctx, domain, own, listed));
    }

    private static List<Finding> judge(AuditContext ctx, String domain, DnsAnswer own, DnsAnswer listed) {
        String who = resolvers(ctx);
        if (own instanceof DnsAnswer.Failure f) {
            return List.of(finding(who, "the resolver did not answer for " + domain + " (" + f + ")",
                    "every check that reads DNS is unknown: the reputation lists, reverse DNS, SPF, DKIM, DMARC and MX"));
        }
        if (own instanceof DnsAnswer.NxDomain && listed instanceof DnsAnswer.NxDomain) {
            return List.of(finding(who, "the resolver answers NXDOMAIN for the sender's domain " + domain
                    + " and for RFC 5782's test entry 127.0.0.2 on zen.spamhaus.org, which always exist",
                    "it answers NXDOMAIN to everything (a filtering, captive or broken resolver): its answers cannot be trusted"));
        }
        return List.of();
    }

    private static Finding finding(String who, String what, String consequence) {
        return Finding.of(NAME, who, null, Status.UNKNOWN)
                .withMeaning("the DNS resolver cannot be used")
                .withDetail(what + "; " + consequence)
                .withRemediation("set dns.resolvers (or --dns HOST[:PORT]) to a recursive resolver of your own that answers, "
                        + "e.g. unbound on the list server; public resolvers are refused by most reputation lists");
    }

    private static String resolvers(AuditContext ctx) {
        var rs = ctx.config().dns().resolvers();
        return rs.isEmpty() ? "the system's resolver" : String.join(", ", rs.stream().map(Object::toString).toList());
    }
}
