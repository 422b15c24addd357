package org.listguard.audit.dnsbl;

import java.util.ArrayList;
import java.util.List;
import org.listguard.audit.Finding;
import org.listguard.audit.Role;
import org.listguard.audit.Status;
import org.listguard.config.ZoneSpec;

/**
 * Turns one zone's {@link Reading} for one target into findings (DELIVERABILITY.md §1): a relay's
 * listing fails; an origin's listing fails or warns as the catalog says (PBL and policy listings
 * warn: the smart host hides the origin from receivers that judge the connecting IP). Score and
 * allow zones are check {@code reputation}; block zones are check {@code dnsbl}.
 */
public final class ZoneFindings {
    private ZoneFindings() {}

    static final String FAIL_OPEN = "rblcheck and Nagios check_rbl would wrongly report this as \"not listed\"";
    static final String RESOLVER_FIX = "query through your own recursive resolver (dns.resolvers), not a public one such as "
            + "8.8.8.8 or 1.1.1.1; or use a keyed zone (Spamhaus DQS: zen.dq.spamhaus.net with SPAMHAUS_DQS_KEY)";

    /**
     * @param target  what was looked up (an IP or a domain)
     * @param who     for details, e.g. "relay isp"
     * @param txt     the zone's TXT for a listing, or null
     */
    public static List<Finding> of(ZoneSpec zone, String target, Role role, String who, Reading reading,
                                   List<String> txt, ZoneHealth.Result health) {
        String check = "block".equals(zone.type()) ? "dnsbl" : "reputation";
        Finding base = Finding.of(check, target, role, Status.UNKNOWN).withSource(zone.catalogName()).withUrl(url(zone, target));
        if (health != null && health.broken()) {
            return List.of(base.withDetail("not trusted: " + zone.catalogName() + " " + health.detail() + " (RFC 5782 §5)")
                    .withRemediation("see the zone-health finding for " + zone.catalogName()));
        }
        if (reading instanceof Reading.Failed f) {
            return List.of(base.withCode(f.failure().kind().name().toLowerCase(java.util.Locale.ROOT)).withMeaning("no answer").withDetail(zone.catalogName() + " could not be asked about " + target
                    + ": " + f.failure() + "; " + FAIL_OPEN)
                    .withRemediation("check that dns.resolvers answers for " + zone.catalogName()
                            + " (a dead, blocked or refusing resolver is not a clean result); " + RESOLVER_FIX));
        }
        if (reading instanceof Reading.ErrorAnswer e) {
            String fix = e.error().remediation() == null ? RESOLVER_FIX : e.error().remediation();
            return List.of(base.withCode(e.code()).withMeaning(e.error().meaning())
                    .withDetail(zone.catalogName() + " answered " + e.code() + ", an error answer, not a listing: whether "
                            + target + " is listed is unknown")
                    .withRemediation(fix));
        }
        if (reading instanceof Reading.Foreign f) {
            return List.of(base.withCode(f.code()).withMeaning("not a DNSBL answer (outside 127.0.0.0/8, RFC 5782 §2.3)")
                    .withDetail("the answer " + f.code() + " for " + target + " is not list data: a resolver rewriting NXDOMAIN "
                            + "or a wildcarded zone")
                    .withRemediation("use a recursive resolver that does not rewrite answers; " + RESOLVER_FIX));
        }
        if (reading instanceof Reading.NotListed n) {
            if (health != null && health.state() == ZoneHealth.State.UNVERIFIED) {
                return List.of(base.withCode(n.code()).withMeaning("not listed, but the zone's health could not be verified")
                        .withDetail(n.how() + " for " + target + ", but " + health.detail() + " (RFC 5782 §5)")
                        .withRemediation("re-run the audit; " + RESOLVER_FIX));
            }
            String meaning = "allow".equals(zone.type()) ? "not on the allow list (no positive signal; not a problem)"
                    : "score".equals(zone.type()) ? "no score (too little mail seen from this IP)" : "not listed";
            return List.of(base.withStatus(Status.PASS).withCode(n.code()).withMeaning(meaning).withDetail(n.how() + " from " + zone.catalogName()));
        }
        Reading.Listed l = (Reading.Listed) reading;
        List<Finding> out = new ArrayList<>();
        for (Reading.Hit h : l.hits()) out.add(hit(zone, base, target, role, who, h, txt));
        return out;
    }

    private static Finding hit(ZoneSpec zone, Finding base, String target, Role role, String who, Reading.Hit h, List<String> txt) {
        ZoneSpec.Code c = h.known();
        String txtPart = txt == null || txt.isEmpty() ? "" : " TXT: " + String.join(" | ", txt);
        if ("allow".equals(zone.type())) {
            String m = c == null ? "on the allow list (code not in the catalog)" : c.meaning();
            return base.withStatus(Status.PASS).withCode(h.code()).withMeaning(m)
                    .withDetail(target + " (" + who + ") is on " + zone.name() + ": a positive signal"
                            + (c != null && c.value() != null ? "; trust " + c.value() + " (threshold: any listing counts as positive)" : ""));
        }
        if ("score".equals(zone.type())) return score(zone, base, target, role, who, h);
        String meaning = c == null ? "unrecognised code " + h.code() + " of " + zone.catalogName()
                + ": still a listing (RFC 5782 §2.3: any 127/8 answer is a listing)" : c.meaning();
        Status st = role == Role.ORIGIN ? severity(c != null && c.origin() != null ? c.origin() : zone.origin()) : Status.FAIL;
        StringBuilder d = new StringBuilder(target + " (" + who + ") is listed on " + zone.name() + " (" + h.code() + ").");
        if (c != null && c.note() != null) d.append(' ').append(capital(c.note())).append('.');
        if (role == Role.ORIGIN && st == Status.WARN && (c == null || c.note() == null)) {
            d.append(" On the origin behind an authenticated smart host this is a warning; receivers that parse Received: headers still see it.");
        }
        if (role == Role.RELAY) d.append(" On a relay every listing blocks delivery.");
        d.append(txtPart);
        String fix = c != null && c.remediation() != null ? c.remediation()
                : zone.remediation() != null ? zone.remediation() : "find and fix the cause, then request removal";
        return base.withStatus(st).withCode(h.code()).withMeaning(meaning).withDetail(d.toString()).withRemediation(fix);
    }

    private static Finding score(ZoneSpec zone, Finding base, String target, Role role, String who, Reading.Hit h) {
        ZoneSpec.Code c = h.known();
        ZoneSpec.Score s = zone.score() == null ? new ZoneSpec.Score(null, null, null, null) : zone.score();
        int value = c != null && c.value() != null ? c.value() : Integer.parseInt(h.code().split("\\.")[s.octet() - 1]);
        Status st = value < s.failBelow() ? (role == Role.ORIGIN ? severity(zone.origin()) : Status.FAIL)
                : value < s.warnBelow() ? Status.WARN : Status.PASS;
        String meaning = c == null || c.meaning() == null ? "score " + value : c.meaning();
        String detail = target + " (" + who + ") has " + zone.name() + " " + value
                + (s.scale() == null ? "" : " on " + s.scale()) + "; threshold: fail below " + s.failBelow()
                + ", warn below " + s.warnBelow() + (role == Role.ORIGIN && st != Status.PASS
                        ? ". The origin is behind the smart host; receivers judge the relay, but Received: parsers see it" : "");
        Finding f = base.withStatus(st).withCode(h.code()).withMeaning(meaning).withDetail(detail);
        return st == Status.PASS ? f : f.withRemediation(zone.remediation() != null ? zone.remediation()
                : "find the cause (complaints, spamtraps, unknown users) in the run journal and fix it; reputation recovers with clean mail");
    }

    static Status severity(String s) {
        return "warn".equalsIgnoreCase(s) ? Status.WARN : Status.FAIL;
    }

    static String url(ZoneSpec zone, String target) {
        if (zone.delistUrl() == null) return null;
        return zone.delistUrl().replace("{ip}", target).replace("{domain}", target);
    }

    private static String capital(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
