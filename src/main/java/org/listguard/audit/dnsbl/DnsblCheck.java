package org.listguard.audit.dnsbl;

import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.listguard.audit.AuditContext;
import org.listguard.audit.Check;
import org.listguard.audit.Finding;
import org.listguard.audit.Role;
import org.listguard.audit.Status;
import org.listguard.config.ZoneSpec;
import org.listguard.dns.DnsAnswer;
import org.listguard.dns.DnsClient;
import org.listguard.dns.DnsNames;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * The origin IP and every relay egress IP against every selected IP zone (DELIVERABILITY.md §1,
 * RFC 5782). All queries (listings and the zones' health probes) are issued at once, so the check
 * takes one DNS round trip (two when relay hosts must be resolved first; one more for the TXT
 * reason of a listing). The zone selection is read synchronously: an unknown zone name is a
 * {@link org.listguard.config.ConfigException} thrown by {@link #run}, before any query.
 */
public final class DnsblCheck implements Check {
    @Override
    public String name() { return "dnsbl"; }

    @Override
    public CompletableFuture<List<Finding>> run(AuditContext ctx) {
        List<ZoneSpec> zones = ZoneCatalog.selected(ctx.config()).stream().filter(z -> "ip".equals(z.kind())).toList();
        DnsClient dns = ctx.dns();
        Map<ZoneSpec, String> queryZones = new LinkedHashMap<>();
        Map<ZoneSpec, CompletableFuture<ZoneHealth.Result>> health = new LinkedHashMap<>();
        for (ZoneSpec z : zones) {
            String qz = ZoneCatalog.queryZone(z, ctx.env());
            queryZones.put(z, qz);
            if (qz != null) health.put(z, ZoneHealth.probe(z, qz, dns));
        }
        return Targets.of(ctx, name()).thenCompose(t -> {
            List<CompletableFuture<List<Finding>>> parts = new ArrayList<>();
            for (Targets.Target target : t.targets()) {
                if (target.ip() instanceof Inet6Address && zones.stream().noneMatch(ZoneSpec::ipv6)) {
                    parts.add(CompletableFuture.completedFuture(List.of(noIpv6Zone(target))));
                }
                for (ZoneSpec z : zones) {
                    if (target.ip() instanceof Inet6Address && !z.ipv6()) continue;
                    String qz = queryZones.get(z);
                    if (qz == null) {
                        parts.add(CompletableFuture.completedFuture(List.of(missingKey(z, target))));
                    } else {
                        parts.add(lookup(dns, z, DnsNames.reversed(target.ip(), qz), target.address(), target.role(),
                                target.who(), health.get(z)));
                    }
                }
            }
            List<CompletableFuture<?>> all = new ArrayList<>(parts);
            all.addAll(health.values());
            return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenApply(v -> {
                List<Finding> out = new ArrayList<>(t.problems());
                if (ctx.config().sender().origin().isEmpty()) out.add(noOrigin());
                if (zones.isEmpty()) {
                    out.add(Finding.of("dnsbl", "-", null, Status.WARN).withMeaning("no IP reputation zone is selected")
                            .withDetail("reputation.zones selects no zone of kind ip: no IP was checked against any list")
                            .withRemediation("use reputation.zones: default, or add IP zones"));
                }
                for (CompletableFuture<List<Finding>> p : parts) out.addAll(p.join());
                for (CompletableFuture<ZoneHealth.Result> h : health.values()) {
                    if (h.join().broken()) out.add(h.join().finding());
                }
                return out;
            });
        });
    }

    /**
     * One zone, one target: the A query, then (only for a listing on a block zone) the TXT reason;
     * judged once the zone's health is known. Shared with the content check.
     */
    public static CompletableFuture<List<Finding>> lookup(DnsClient dns, ZoneSpec zone, Name qname, String target, Role role,
                                                         String who, CompletableFuture<ZoneHealth.Result> health) {
        CompletableFuture<ZoneHealth.Result> h = health == null
                ? CompletableFuture.completedFuture(new ZoneHealth.Result(zone, ZoneHealth.State.SKIPPED, null)) : health;
        return dns.query(qname, Type.A).thenCompose(a -> {
            Reading r = AnswerReader.read(zone, a);
            CompletableFuture<List<String>> txt = r instanceof Reading.Listed && "block".equals(zone.type())
                    ? dns.query(qname, Type.TXT).thenApply(x -> x instanceof DnsAnswer.Records rec ? rec.texts() : List.<String>of())
                    : CompletableFuture.completedFuture(List.of());
            return txt.thenCombine(h, (texts, health1) -> ZoneFindings.of(zone, target, role, who, r, texts, health1));
        });
    }

    private static Finding missingKey(ZoneSpec z, Targets.Target t) {
        return Finding.of("block".equals(z.type()) ? "dnsbl" : "reputation", t.address(), t.role(), Status.UNKNOWN)
                .withSource(z.catalogName())
                .withMeaning("the zone needs a key")
                .withDetail(z.catalogName() + " is a keyed zone and the environment variable " + z.keyEnv() + " is not set")
                .withRemediation("export " + z.keyEnv() + "=<your key> (from the provider's portal), or remove "
                        + z.catalogName() + " from reputation.zones");
    }

    private static Finding noIpv6Zone(Targets.Target t) {
        return Finding.of("dnsbl", t.address(), t.role(), Status.WARN)
                .withMeaning("not checked: no selected zone lists IPv6 addresses")
                .withDetail(t.address() + " (" + t.who() + ") is IPv6 and none of reputation.zones has ipv6: true")
                .withRemediation("add zen.spamhaus.org (it lists IPv6) to reputation.zones");
    }

    private static Finding noOrigin() {
        return Finding.of("dnsbl", "-", Role.ORIGIN, Status.WARN)
                .withMeaning("the origin IP was not checked")
                .withDetail("sender.origin_ip is not set, so the list server's own IP was not looked up; receivers that parse "
                        + "Received: headers still see it")
                .withRemediation("set sender.origin_ip to the list server's public IP");
    }
}
