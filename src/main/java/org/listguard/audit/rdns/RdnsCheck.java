package org.listguard.audit.rdns;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.listguard.audit.AuditContext;
import org.listguard.audit.Check;
import org.listguard.audit.Finding;
import org.listguard.audit.Role;
import org.listguard.audit.Status;
import org.listguard.audit.dnsbl.Targets;
import org.listguard.dns.DnsAnswer;
import org.listguard.dns.DnsClient;
import org.listguard.dns.DnsNames;
import org.xbill.DNS.Type;

/**
 * Reverse DNS of the origin and of every relay egress IP (DELIVERABILITY.md §2): {@code rdns}
 * (a PTR exists), {@code fcrdns} (the PTR name's A/AAAA include the IP) and {@code rdns-generic}
 * (a score of how dynamic the name looks, with the signals). On a relay each problem fails; on the
 * origin it warns: the smart host hides the origin from receivers that judge the connecting IP,
 * but parsers of Received: headers see it. A lookup that fails is {@code unknown}.
 */
public final class RdnsCheck implements Check {
    static final String ORIGIN_NOTE = "this is the origin behind the smart host: receivers judge the relay's IP, "
            + "but Received: header parsers (Cloudmark, SpamAssassin's deep header checks) still see the origin";
    static final String RELAY_NOTE = "receivers judge this relay IP directly (Gmail requires forward-confirmed rDNS; "
            + "Yahoo wants a meaningful PTR naming your domain; Cloudmark refuses to remediate dynamic-looking rDNS)";

    private final GenericNames fixed;

    /** Signals from {@code reputation.rdns_generic}, else the bundled {@code rdns-generic.yaml}. */
    public RdnsCheck() {
        this(null);
    }

    public RdnsCheck(GenericNames generic) {
        this.fixed = generic;
    }

    @Override
    public String name() { return "rdns"; }

    @Override
    public CompletableFuture<List<Finding>> run(AuditContext ctx) {
        java.nio.file.Path file = ctx.config().reputation().rdnsGeneric();
        GenericNames generic = fixed != null ? fixed : file != null ? GenericNames.load(file) : GenericNames.bundled();
        return Targets.of(ctx, name()).thenCompose(t -> {
            List<CompletableFuture<List<Finding>>> parts = new ArrayList<>();
            for (Targets.Target target : t.targets()) parts.add(check(ctx.dns(), target, generic));
            return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(v -> {
                List<Finding> out = new ArrayList<>(t.problems());
                for (CompletableFuture<List<Finding>> p : parts) out.addAll(p.join());
                return out;
            });
        });
    }

    private static CompletableFuture<List<Finding>> check(DnsClient dns, Targets.Target t, GenericNames generic) {
        String ptrName = DnsNames.strip(DnsNames.ptr(t.ip()).toString());
        return dns.query(DnsNames.ptr(t.ip()), Type.PTR).thenCompose(a -> {
            Finding base = Finding.of("rdns", t.address(), t.role(), Status.UNKNOWN).withSource(ptrName);
            if (a instanceof DnsAnswer.Failure f) {
                return done(base.withDetail("the PTR lookup for " + t.address() + " (" + t.who() + ") failed: " + f
                        + "; whether it has reverse DNS is unknown").withRemediation("check dns.resolvers"));
            }
            List<String> names = a instanceof DnsAnswer.Records r ? r.names() : List.of();
            if (names.isEmpty()) {
                return done(problem(base, t).withCode(a instanceof DnsAnswer.NxDomain ? "NXDOMAIN" : "NODATA")
                        .withMeaning("no PTR record").withDetail(t.address() + " (" + t.who() + ") has no reverse DNS; " + note(t))
                        .withRemediation("ask whoever owns the IP (ISP or hosting provider) for a PTR naming a host of your domain, "
                                + "with a matching A record"));
            }
            Finding rdns = base.withStatus(Status.PASS).withCode(String.join(", ", names)).withMeaning("PTR exists")
                    .withDetail(t.address() + " (" + t.who() + ") → " + String.join(", ", names));
            List<Finding> out = new ArrayList<>(List.of(rdns));
            out.add(genericFinding(generic, t, names.get(0), ptrName));
            return forward(dns, t, names, ptrName).thenApply(fc -> {
                out.add(fc);
                return out;
            });
        });
    }

    /** FCrDNS: the A/AAAA of every PTR name, at once; one match suffices. */
    private static CompletableFuture<Finding> forward(DnsClient dns, Targets.Target t, List<String> names, String ptrName) {
        int type = t.ip() instanceof java.net.Inet4Address ? Type.A : Type.AAAA;
        List<CompletableFuture<DnsAnswer>> qs = new ArrayList<>();
        for (String n : names) qs.add(dns.query(n, type));
        return CompletableFuture.allOf(qs.toArray(CompletableFuture[]::new)).thenApply(v -> {
            Finding base = Finding.of("fcrdns", t.address(), t.role(), Status.UNKNOWN).withSource(String.join(", ", names));
            List<String> seen = new ArrayList<>();
            String failed = null;
            for (int i = 0; i < names.size(); i++) {
                DnsAnswer fa = qs.get(i).join();
                if (fa instanceof DnsAnswer.Failure f) failed = names.get(i) + ": " + f;
                if (fa instanceof DnsAnswer.Records r) {
                    for (InetAddress ip : r.addresses()) {
                        if (ip.equals(t.ip())) {
                            return base.withStatus(Status.PASS).withCode(names.get(i)).withMeaning("forward-confirmed")
                                    .withDetail(names.get(i) + " resolves back to " + t.address());
                        }
                        seen.add(names.get(i) + " → " + ip.getHostAddress());
                    }
                } else if (!(fa instanceof DnsAnswer.Failure)) {
                    seen.add(names.get(i) + " → " + fa.describe());
                }
            }
            if (failed != null) {
                return base.withDetail("the forward lookup failed (" + failed + "); whether the PTR is forward-confirmed is unknown")
                        .withRemediation("check dns.resolvers");
            }
            return problem(base, t).withCode(String.join(", ", names)).withMeaning("PTR is not forward-confirmed")
                    .withDetail("the PTR name does not resolve back to " + t.address() + " (" + String.join("; ", seen) + "); " + note(t))
                    .withRemediation("add an " + (type == Type.A ? "A" : "AAAA") + " record " + names.get(0) + " → " + t.address()
                            + ", or have the IP's owner set a PTR to a name that resolves to it");
        });
    }

    private static Finding genericFinding(GenericNames generic, Targets.Target t, String name, String ptrName) {
        GenericNames.Score s = generic.score(name, t.ip());
        Finding base = Finding.of("rdns-generic", t.address(), t.role(), Status.PASS).withSource(ptrName).withCode(name);
        String figures = "score " + s.score() + " (generic at " + s.threshold() + " or more); signals: " + s.signals();
        if (!s.generic()) return base.withMeaning("the PTR name does not look generic").withDetail(name + ": " + figures);
        return problem(base, t).withMeaning("the PTR name looks generic (dynamic or residential)")
                .withDetail(name + ": " + figures + "; " + note(t))
                .withRemediation("ask the IP's owner for a meaningful PTR naming your domain (e.g. mail.example.org) with a "
                        + "matching A record; SpamRATS Dyna and Abusix policy lists such names");
    }

    private static Finding problem(Finding f, Targets.Target t) {
        return f.withStatus(t.role() == Role.RELAY ? Status.FAIL : Status.WARN);
    }

    private static String note(Targets.Target t) {
        return t.role() == Role.RELAY ? RELAY_NOTE : ORIGIN_NOTE;
    }

    private static CompletableFuture<List<Finding>> done(Finding f) {
        return CompletableFuture.completedFuture(List.of(f));
    }
}
