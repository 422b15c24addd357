package org.listguard.audit.auth;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.listguard.audit.AuditContext;
import org.listguard.audit.Check;
import org.listguard.audit.Finding;
import org.listguard.audit.Role;
import org.listguard.audit.Status;
import org.listguard.dns.DnsAnswer;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Type;

/**
 * The return-path domain can receive mail, so bounces come back (RFC 5321 §5.1): MX records pass;
 * a null MX ("0 .", RFC 7505) or a domain that does not exist fails; no MX but an address record
 * is the implicit MX (§5.1), a warning; a failed lookup is unknown.
 */
public final class MxCheck implements Check {
    static final String CHECK = "mx";

    @Override
    public String name() { return CHECK; }

    @Override
    public CompletableFuture<List<Finding>> run(AuditContext ctx) {
        String domain = ctx.config().sender().returnPathDomain();
        Finding base = Finding.of(CHECK, domain, Role.DOMAIN, Status.PASS).withSource(domain + " MX")
                .withMeaning("where bounces to the return path (" + ctx.config().sender().returnPath() + ") are delivered");
        return ctx.dns().query(domain, Type.MX).thenCompose(mx -> {
            if (mx instanceof DnsAnswer.Failure) {
                return done(base.withStatus(Status.UNKNOWN).withDetail("the MX lookup failed: " + mx));
            }
            if (mx instanceof DnsAnswer.NxDomain) {
                return done(base.withStatus(Status.FAIL).withCode("NXDOMAIN").withDetail(domain + " does not exist: bounces cannot come back")
                        .withRemediation("use a return_path in a domain that receives mail"));
            }
            if (mx instanceof DnsAnswer.Records r) {
                boolean nullMx = r.records().stream().anyMatch(x -> x instanceof MXRecord m && m.getTarget().equals(org.xbill.DNS.Name.root));
                if (nullMx) {
                    return done(base.withStatus(Status.FAIL).withCode("0 .")
                            .withDetail(domain + " publishes a null MX (RFC 7505): it accepts no mail, so bounces cannot come back")
                            .withRemediation("publish an MX for " + domain + " or use a return_path in a domain that receives mail"));
                }
                return done(base.withCode(r.toString()).withDetail(domain + " receives mail: " + r));
            }
            // NODATA: the domain exists without MX; RFC 5321 §5.1 falls back to its address records.
            return ctx.dns().query(domain, Type.A).thenCombine(ctx.dns().query(domain, Type.AAAA), (a, aaaa) -> {
                if (a instanceof DnsAnswer.Records || aaaa instanceof DnsAnswer.Records) {
                    return List.of(base.withStatus(Status.WARN).withCode("no MX")
                            .withDetail(domain + " has no MX; mail goes to its address record (implicit MX, RFC 5321 §5.1)")
                            .withRemediation("publish an explicit MX for " + domain));
                }
                if (a.isFailure() || aaaa.isFailure()) {
                    return List.of(base.withStatus(Status.UNKNOWN).withDetail("no MX, and the address lookup failed: " + (a.isFailure() ? a : aaaa)));
                }
                return List.of(base.withStatus(Status.FAIL).withCode("no MX")
                        .withDetail(domain + " has neither MX nor address records: bounces cannot come back")
                        .withRemediation("publish an MX for " + domain));
            });
        });
    }

    private static CompletableFuture<List<Finding>> done(Finding f) {
        return CompletableFuture.completedFuture(List.of(f));
    }
}
