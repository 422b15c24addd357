package org.listguard.audit.content;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.listguard.audit.AuditContext;
import org.listguard.audit.Check;
import org.listguard.audit.Finding;
import org.listguard.audit.Role;
import org.listguard.audit.Status;
import org.listguard.audit.dnsbl.DnsblCheck;
import org.listguard.audit.dnsbl.ZoneCatalog;
import org.listguard.audit.dnsbl.ZoneHealth;
import org.listguard.config.Campaign;
import org.listguard.config.ZoneSpec;
import org.listguard.dns.DnsNames;

/**
 * With a campaign: the registrable domain of every http(s) link in its templates
 * ({@code <template>.txt}, {@code .html}, {@code .subject}) against the selected domain zones
 * (Spamhaus DBL, SURBL and URIBL bitmasks). One finding per domain: listed anywhere = fail; else
 * any zone unanswered or in error = unknown; else pass. All queries are issued at once.
 */
public final class ContentCheck implements Check {
    @Override
    public String name() { return "content"; }

    @Override
    public CompletableFuture<List<Finding>> run(AuditContext ctx) {
        if (ctx.campaign().isEmpty()) return CompletableFuture.completedFuture(List.of());
        Campaign camp = ctx.campaign().get();
        List<ZoneSpec> zones = ZoneCatalog.selected(ctx.config()).stream().filter(z -> "domain".equals(z.kind())).toList();
        Set<String> domains = new LinkedHashSet<>();
        List<Finding> out = new ArrayList<>();
        for (String ext : List.of(".subject", ".txt", ".html")) {
            Path f = Path.of(camp.template() + ext);
            if (!Files.exists(f)) continue;
            try {
                domains.addAll(LinkDomains.in(Files.readString(f)));
            } catch (IOException e) {
                out.add(Finding.of(name(), f.toString(), Role.CONTENT, Status.UNKNOWN)
                        .withDetail("cannot read the template: " + e.getMessage()).withRemediation("check the file's permissions"));
            }
        }
        if (domains.isEmpty()) {
            out.add(Finding.of(name(), camp.template().toString(), Role.CONTENT, Status.PASS)
                    .withMeaning("no link domains").withDetail("the templates contain no http(s) links to check"));
            return CompletableFuture.completedFuture(out);
        }
        Map<ZoneSpec, String> queryZones = new LinkedHashMap<>();
        Map<ZoneSpec, CompletableFuture<ZoneHealth.Result>> health = new LinkedHashMap<>();
        for (ZoneSpec z : zones) {
            String qz = ZoneCatalog.queryZone(z, ctx.env());
            if (qz == null) continue;
            queryZones.put(z, qz);
            health.put(z, ZoneHealth.probe(z, qz, ctx.dns()));
        }
        Map<String, List<CompletableFuture<List<Finding>>>> perDomain = new LinkedHashMap<>();
        for (String d : domains) {
            List<CompletableFuture<List<Finding>>> qs = new ArrayList<>();
            queryZones.forEach((z, qz) -> qs.add(DnsblCheck.lookup(ctx.dns(), z, DnsNames.name(d + "." + qz), d, Role.CONTENT,
                    "link domain", health.get(z))));
            perDomain.put(d, qs);
        }
        List<CompletableFuture<?>> all = new ArrayList<>(health.values());
        perDomain.values().forEach(all::addAll);
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenApply(v -> {
            perDomain.forEach((d, qs) -> out.add(combine(d, qs.stream().flatMap(q -> q.join().stream()).toList(), queryZones)));
            for (CompletableFuture<ZoneHealth.Result> h : health.values()) if (h.join().broken()) out.add(h.join().finding());
            return out;
        });
    }

    /** One finding for one domain from its per-zone findings. */
    static Finding combine(String domain, List<Finding> perZone, Map<ZoneSpec, String> zones) {
        Finding base = Finding.of("content", domain, Role.CONTENT, Status.PASS);
        List<Finding> listed = perZone.stream().filter(f -> f.status() == Status.FAIL).toList();
        if (!listed.isEmpty()) {
            return base.withStatus(Status.FAIL).withSource(join(listed, Finding::source)).withCode(join(listed, Finding::code))
                    .withMeaning(join(listed, Finding::meaning))
                    .withDetail("a link in the newsletter points to " + domain + ", which is listed: "
                            + listed.stream().map(f -> f.source() + " " + f.code()).collect(Collectors.joining("; "))
                            + ". Receivers that check URIs will junk or reject the message")
                    .withRemediation("remove or replace the links to " + domain + " (a link shortener or tracker domain is often the "
                            + "culprit); if the domain is yours, fix the cause and request removal")
                    .withUrl(listed.get(0).url());
        }
        List<Finding> unknown = perZone.stream().filter(f -> f.status() == Status.UNKNOWN).toList();
        if (!unknown.isEmpty()) {
            return base.withStatus(Status.UNKNOWN).withSource(join(unknown, Finding::source)).withCode(join(unknown, Finding::code))
                    .withMeaning(join(unknown, Finding::meaning))
                    .withDetail(unknown.stream().map(Finding::detail).collect(Collectors.joining("; ")))
                    .withRemediation(unknown.get(0).remediation());
        }
        if (zones.isEmpty()) {
            return base.withStatus(Status.WARN).withMeaning("not checked")
                    .withDetail("no domain zone (dbl.spamhaus.org, multi.surbl.org, multi.uribl.com) is selected in reputation.zones")
                    .withRemediation("add the domain zones to reputation.zones (they are in 'default')");
        }
        String names = zones.keySet().stream().map(ZoneSpec::catalogName).collect(Collectors.joining(", "));
        return base.withSource(names).withMeaning("not listed").withDetail(domain + " is not listed on " + names);
    }

    private static String join(List<Finding> fs, java.util.function.Function<Finding, String> f) {
        return fs.stream().map(f).filter(Objects::nonNull).distinct().collect(Collectors.joining("; "));
    }
}
