package org.listguard.audit.dnsbl;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.listguard.audit.Finding;
import org.listguard.audit.Status;
import org.listguard.config.ZoneSpec;
import org.listguard.dns.DnsClient;
import org.listguard.dns.DnsNames;
import org.xbill.DNS.Address;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * RFC 5782 §5 test entries: a working IPv4 list lists 127.0.0.2 and does not list 127.0.0.1
 * (domain lists: TEST and INVALID; catalog entries may name their own test entry). A zone that
 * fails is not trusted: its findings become {@code unknown}, plus one {@code zone-health} finding.
 */
public final class ZoneHealth {
    private ZoneHealth() {}

    public enum State { OK, BROKEN, UNVERIFIED, SKIPPED }

    /** @param detail why it is broken or unverified; null when OK */
    public record Result(ZoneSpec zone, State state, String detail) {
        public boolean broken() { return state == State.BROKEN; }

        /** The one {@code zone-health} finding of a broken zone. */
        public Finding finding() {
            return Finding.of("zone-health", zone.catalogName(), null, Status.UNKNOWN)
                    .withSource(zone.catalogName())
                    .withMeaning("the zone fails its RFC 5782 §5 test entries")
                    .withDetail(detail + "; its answers are not trusted (findings on this zone are unknown)")
                    .withRemediation("remove " + zone.catalogName() + " from reputation.zones (a dead or abandoned zone can list "
                            + "the world), or check that your resolver is not blocked by it");
        }
    }

    /** Both probes at once; {@code queryZone} is the zone name to query (key substituted). */
    public static CompletableFuture<Result> probe(ZoneSpec zone, String queryZone, DnsClient dns) {
        if (!zone.health()) return CompletableFuture.completedFuture(new Result(zone, State.SKIPPED, null));
        CompletableFuture<Reading> a;
        CompletableFuture<Reading> b;
        try {
            a = probe(zone, zone.probeListed(), queryZone, dns, new Reading.Listed(List.of()));
            b = probe(zone, zone.probeUnlisted(), queryZone, dns, new Reading.NotListed("NXDOMAIN", "not probed"));
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(new Result(zone, State.UNVERIFIED, "bad test entry: " + e.getMessage()));
        }
        return a.thenCombine(b, (l, u) -> judge(zone, l, u));
    }

    /** {@code none} skips a probe (a zone that documents no such test entry): it counts as passed. */
    private static CompletableFuture<Reading> probe(ZoneSpec zone, String entry, String queryZone, DnsClient dns, Reading skipped) {
        if ("none".equals(entry)) return CompletableFuture.completedFuture(skipped);
        Name n = probeName(zone, entry, queryZone);
        return dns.query(n, Type.A).thenApply(x -> AnswerReader.read(zone, x));
    }

    static Result judge(ZoneSpec zone, Reading listed, Reading unlisted) {
        String pl = zone.probeListed();
        String pu = zone.probeUnlisted();
        if (unlisted instanceof Reading.Listed x) {
            return new Result(zone, State.BROKEN, "lists " + pu + " (answer " + (x.hits().isEmpty() ? "?" : x.hits().get(0).code())
                    + "): it is blocking you or listing the world");
        }
        if (unlisted instanceof Reading.Foreign f) {
            return new Result(zone, State.BROKEN, "answers " + f.code() + " for " + pu + ", which must not exist: "
                    + "a wildcard or a resolver rewriting NXDOMAIN");
        }
        if (listed instanceof Reading.NotListed) {
            return new Result(zone, State.BROKEN, "does not list its test entry " + pl + ": the zone is dead or not answering properly");
        }
        if (listed instanceof Reading.Listed && unlisted instanceof Reading.NotListed) return new Result(zone, State.OK, null);
        return new Result(zone, State.UNVERIFIED, "the test entries gave " + words(listed) + " for " + pl + " and "
                + words(unlisted) + " for " + pu);
    }

    private static String words(Reading r) {
        if (r instanceof Reading.Failed f) return f.failure().toString();
        if (r instanceof Reading.ErrorAnswer e) return "the error answer " + e.code();
        if (r instanceof Reading.Foreign f) return "the non-127/8 answer " + f.code();
        if (r instanceof Reading.Listed l) return l.hits().isEmpty() ? "a listing" : "a listing (" + l.hits().get(0).code() + ")";
        return "not listed";
    }

    private static Name probeName(ZoneSpec zone, String entry, String queryZone) {
        if ("domain".equals(zone.kind())) return DnsNames.name(entry + "." + queryZone);
        try {
            InetAddress ip = Address.getByAddress(entry);
            return DnsNames.reversed(ip, queryZone);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + entry + "' is not an IP address");
        }
    }
}
