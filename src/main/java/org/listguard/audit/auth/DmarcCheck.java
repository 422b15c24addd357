package org.listguard.audit.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.listguard.audit.AuditContext;
import org.listguard.audit.Check;
import org.listguard.audit.Finding;
import org.listguard.audit.Role;
import org.listguard.audit.Status;
import org.listguard.dns.DnsAnswer;
import org.listguard.domain.RegistrableDomain;
import org.xbill.DNS.Type;

/**
 * DMARC (RFC 7489): a record at {@code _dmarc.<From domain>}, else at the organizational domain
 * (§6.6.3; §3.2, the Public Suffix List: {@link RegistrableDomain}); Gmail, Yahoo and Outlook require p=none or stronger of bulk senders. The DKIM
 * {@code d=} or the return-path (SPF) domain must align with the From domain (§3.1: relaxed =
 * same organizational domain, unless {@code adkim}/{@code aspf} say {@code s}). A missing
 * {@code rua} is a warning: without reports nobody sees forged or failing mail.
 */
public final class DmarcCheck implements Check {
    static final String CHECK = "dmarc";

    @Override
    public String name() { return CHECK; }

    @Override
    public CompletableFuture<List<Finding>> run(AuditContext ctx) {
        String from = ctx.config().sender().fromDomain();
        String org = RegistrableDomain.of(from);
        return lookup(ctx, from).thenCompose(first -> {
            if (first.found() || first.failure() != null || first.several() || org.equalsIgnoreCase(from)) return CompletableFuture.completedFuture(first);
            return lookup(ctx, org);
        }).thenApply(found -> judge(ctx, from, found));
    }

    /** The DMARC record at {@code _dmarc.<domain>}: found, absent, several (no policy, no fallback), or a lookup failure. */
    private record Lookup(String name, String record, String failure, String answer, boolean several) {
        Lookup(String name, String record, String failure, String answer) {
            this(name, record, failure, answer, false);
        }

        boolean found() { return record != null; }
    }

    private static CompletableFuture<Lookup> lookup(AuditContext ctx, String domain) {
        String name = "_dmarc." + domain;
        return ctx.dns().query(name, Type.TXT).thenApply(a -> {
            if (a instanceof DnsAnswer.Failure f) return new Lookup(name, null, f.toString(), a.describe());
            if (a instanceof DnsAnswer.Records r) {
                // §6.6.3: only records starting with v=DMARC1 count; more than one means no policy at all.
                List<String> recs = r.texts().stream().map(String::trim).filter(t -> t.startsWith("v=DMARC1")).toList();
                if (recs.size() > 1) return new Lookup(name, null, null, recs.size() + " v=DMARC1 records at " + name + " (RFC 7489 §6.6.3: then none applies)", true);
                if (recs.size() == 1) return new Lookup(name, recs.get(0), null, a.describe());
            }
            return new Lookup(name, null, null, a.describe());
        });
    }

    private List<Finding> judge(AuditContext ctx, String from, Lookup l) {
        Finding base = Finding.of(CHECK, from, Role.DOMAIN, Status.PASS).withSource(l.name());
        if (l.failure() != null) {
            return List.of(base.withStatus(Status.UNKNOWN).withDetail("the DMARC lookup of " + l.name() + " failed: " + l.failure()));
        }
        if (!l.found()) {
            return List.of(base.withStatus(Status.FAIL).withCode(l.answer()).withSource("_dmarc." + from)
                    .withDetail("no usable DMARC record for " + from + " (" + l.answer() + "; Gmail, Yahoo and Outlook require one of bulk senders, p=none at least)")
                    .withRemediation("publish TXT at _dmarc." + from + ": \"v=DMARC1; p=none; rua=mailto:dmarc-reports@" + from + "\"")
                    .withUrl("https://support.google.com/a/answer/2466563"));
        }
        Map<String, String> tags = TagList.parse(l.record());
        List<Finding> out = new ArrayList<>();
        String p = tags.getOrDefault("p", "").toLowerCase(Locale.ROOT);
        String policy = "p=" + p + (tags.containsKey("sp") ? " sp=" + tags.get("sp") : "") + " pct=" + tags.getOrDefault("pct", "100");
        if (!List.of("none", "quarantine", "reject").contains(p)) {
            out.add(base.withStatus(Status.FAIL).withCode(l.record())
                    .withDetail("the DMARC record has no valid p= (none, quarantine or reject): receivers ignore it (RFC 7489 §6.6.3)")
                    .withRemediation("publish e.g. \"v=DMARC1; p=none; rua=mailto:dmarc-reports@" + from + "\""));
        } else {
            out.add(base.withCode(policy).withMeaning("the policy receivers apply to mail failing DMARC")
                    .withDetail("DMARC record " + l.record() + " at " + l.name()));
        }
        out.add(alignment(ctx, from, tags, base));
        if (!tags.containsKey("rua")) {
            out.add(base.withStatus(Status.WARN).withCode("no rua")
                    .withDetail("the DMARC record asks for no aggregate reports: failures and forgeries go unseen")
                    .withRemediation("add rua=mailto:dmarc-reports@" + from + " to the record"));
        }
        return out;
    }

    private static Finding alignment(AuditContext ctx, String from, Map<String, String> tags, Finding base) {
        boolean strictDkim = "s".equalsIgnoreCase(tags.getOrDefault("adkim", "r"));
        boolean strictSpf = "s".equalsIgnoreCase(tags.getOrDefault("aspf", "r"));
        String dkimDomain = ctx.config().dkimSettings().map(d -> d.domain().toLowerCase(Locale.ROOT)).orElse(null);
        String spfDomain = ctx.config().sender().returnPathDomain();
        boolean dkimAligned = dkimDomain != null && aligned(dkimDomain, from, strictDkim);
        boolean spfAligned = spfDomain != null && aligned(spfDomain, from, strictSpf);
        String seen = "From " + from + "; DKIM d=" + (dkimDomain == null ? "(none configured)" : dkimDomain)
                + " " + (dkimAligned ? "aligned" : "not aligned") + (strictDkim ? " (adkim=s)" : "")
                + "; return path " + spfDomain + " " + (spfAligned ? "aligned" : "not aligned") + (strictSpf ? " (aspf=s)" : "");
        Finding f = base.withMeaning("DMARC passes only when DKIM or SPF passes for a domain aligned with From (RFC 7489 §3.1)");
        if (!dkimAligned && !spfAligned) {
            return f.withStatus(Status.FAIL).withCode("not aligned").withDetail(seen)
                    .withRemediation("sign with d=" + from + " (dkim.domain) or use a return_path in " + from);
        }
        return f.withCode(dkimAligned && spfAligned ? "dkim+spf aligned" : dkimAligned ? "dkim aligned" : "spf aligned").withDetail(seen);
    }

    static boolean aligned(String domain, String from, boolean strict) {
        String a = domain.toLowerCase(Locale.ROOT);
        String b = from.toLowerCase(Locale.ROOT);
        return strict ? a.equals(b) : RegistrableDomain.of(a).equals(RegistrableDomain.of(b));
    }
}
