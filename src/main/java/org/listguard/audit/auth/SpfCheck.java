package org.listguard.audit.auth;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.james.jspf.executor.SPFResult;
import org.apache.james.jspf.impl.SPF;
import org.listguard.audit.AuditContext;
import org.listguard.audit.Check;
import org.listguard.audit.Finding;
import org.listguard.audit.RelayAddresses;
import org.listguard.audit.Role;
import org.listguard.audit.Status;
import org.listguard.config.Relay;
import org.listguard.config.Sender;
import org.listguard.dns.DnsAnswer;
import org.xbill.DNS.Type;

/**
 * SPF (RFC 7208) for the envelope sender: every relay egress IP must get {@code pass} for the
 * return-path domain (jSPF, synchronous executor, on a worker thread), and the policy itself is
 * linted ({@link SpfLint}). Gmail, Yahoo and Outlook require SPF of bulk senders, so
 * {@code none} fails. Results: pass → pass; fail, softfail, none, permerror → fail; neutral →
 * warn; temperror or an unresolvable relay → unknown.
 */
public final class SpfCheck implements Check {
    static final String CHECK = "spf";
    static final String EXPLANATION = "see the SPF record of %{d} (RFC 7208)";

    @Override
    public String name() { return CHECK; }

    @Override
    public CompletableFuture<List<Finding>> run(AuditContext ctx) {
        Sender s = ctx.config().sender();
        String domain = s.returnPathDomain();
        CompletableFuture<DnsAnswer> txt = ctx.dns().query(domain, Type.TXT);
        List<CompletableFuture<List<Finding>>> parts = new ArrayList<>();
        for (Relay relay : ctx.config().relays()) {
            parts.add(RelayAddresses.of(relay, ctx.dns()).thenCompose(resolved -> {
                if (resolved.failed() && resolved.ips().isEmpty()) {
                    return CompletableFuture.completedFuture(List.of(Finding.of(CHECK, relay.host(), Role.RELAY, Status.UNKNOWN)
                            .withSource(domain).withDetail("cannot check SPF for relay " + relay.name() + ": " + resolved.failure())));
                }
                return txt.thenCompose(t -> Blocking.run(() -> {
                    List<Finding> out = new ArrayList<>(checkIps(ctx, relay, resolved.ips(), domain, t));
                    if (resolved.failed()) {
                        out.add(Finding.of(CHECK, relay.host(), Role.RELAY, Status.UNKNOWN).withSource(domain)
                                .withDetail("some egress IPs of relay " + relay.name() + " may be unchecked: " + resolved.failure()));
                    }
                    return out;
                }));
            }));
        }
        parts.add(txt.thenCompose(t -> Blocking.run(() -> lint(ctx, domain, t))));
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(v -> {
            List<Finding> out = new ArrayList<>();
            for (CompletableFuture<List<Finding>> p : parts) out.addAll(p.join());
            return out;
        });
    }

    private List<Finding> checkIps(AuditContext ctx, Relay relay, List<InetAddress> ips, String domain, DnsAnswer txt) {
        Sender s = ctx.config().sender();
        String helo = s.helo() != null ? s.helo() : domain;
        SPF spf = new SPF(new JspfDnsService(ctx.dns()));
        spf.setDefaultExplanation(EXPLANATION);
        spf.setUseBestGuess(false);
        String record = txt instanceof DnsAnswer.Records r ? String.join(" | ", SpfLint.spfRecords(r.texts())) : txt.describe();
        List<Finding> out = new ArrayList<>();
        for (InetAddress ip : ips) {
            SPFResult result = spf.checkSPF(ip.getHostAddress(), s.returnPath(), helo);
            out.add(judge(ip.getHostAddress(), relay, domain, record, result.getResult(), result.getExplanation()));
        }
        return out;
    }

    static Finding judge(String ip, Relay relay, String domain, String record, String result, String explanation) {
        Finding f = Finding.of(CHECK, ip, Role.RELAY, Status.PASS).withSource(domain).withCode(result)
                .withMeaning("SPF result for relay " + relay.name() + " sending as the return path's domain " + domain);
        String fix = "add the relay's egress IP to the SPF record of " + domain + " (e.g. ip4:" + ip
                + ") or include: the relay provider's SPF record";
        switch (result == null ? "" : result) {
            case "pass":
                return f.withDetail(ip + " is authorised by " + record);
            case "fail":
            case "softfail":
                return f.withStatus(Status.FAIL).withDetail(ip + " is not authorised by the SPF record of " + domain + ": " + record)
                        .withRemediation(fix);
            case "neutral":
                return f.withStatus(Status.WARN).withDetail("the SPF record of " + domain + " says nothing definite about " + ip + ": " + record)
                        .withRemediation(fix);
            case "none":
                return f.withStatus(Status.FAIL).withDetail(domain + " publishes no SPF record (Gmail, Yahoo and Outlook require SPF of bulk senders)")
                        .withRemediation("publish TXT at " + domain + ": \"v=spf1 ip4:" + ip + " -all\"");
            case "permerror":
                return f.withStatus(Status.FAIL).withDetail("the SPF record of " + domain + " is broken (permerror)"
                        + (explanation == null ? "" : ": " + explanation) + "; record: " + record)
                        .withRemediation("fix the record; see the spf lint findings");
            case "temperror":
                return f.withStatus(Status.UNKNOWN).withDetail("SPF could not be evaluated: a DNS lookup failed (temperror)");
            default:
                return f.withStatus(Status.UNKNOWN).withDetail("unexpected SPF result '" + result + "'");
        }
    }

    private List<Finding> lint(AuditContext ctx, String domain, DnsAnswer txt) {
        Finding base = Finding.of(CHECK, domain, Role.DOMAIN, Status.PASS).withSource(domain + " TXT")
                .withMeaning("the SPF record's syntax and limits (RFC 7208)");
        if (txt instanceof DnsAnswer.Failure) {
            return List.of(base.withStatus(Status.UNKNOWN).withDetail("the TXT lookup of " + domain + " failed: " + txt));
        }
        List<String> recs = txt instanceof DnsAnswer.Records r ? SpfLint.spfRecords(r.texts()) : List.of();
        if (recs.isEmpty()) return List.of(); // the per-IP findings already say "none"
        List<Finding> out = new ArrayList<>();
        if (recs.size() > 1) {
            out.add(base.withStatus(Status.FAIL).withCode(recs.size() + " records")
                    .withDetail(domain + " publishes " + recs.size() + " v=spf1 records; RFC 7208 §4.5 makes that a permerror: " + String.join(" | ", recs))
                    .withRemediation("merge them into one record"));
        }
        SpfLint.Result r = SpfLint.lint(ctx.dns(), domain, recs.get(0));
        for (SpfLint.Problem p : r.problems()) {
            out.add(base.withStatus(p.blocking() ? Status.FAIL : Status.WARN).withCode(recs.get(0)).withDetail(p.text())
                    .withRemediation("correct the SPF record of " + domain));
        }
        if (out.isEmpty() && !r.unresolved().isEmpty()) {
            out.add(base.withStatus(Status.UNKNOWN).withCode(recs.get(0))
                    .withDetail("could not follow the whole record: " + String.join(", ", r.unresolved())));
        }
        if (out.isEmpty()) {
            out.add(base.withCode(recs.get(0)).withDetail(r.lookups() + " DNS-querying terms of 10 allowed, " + r.voids() + " void lookups"));
        }
        return out;
    }
}
