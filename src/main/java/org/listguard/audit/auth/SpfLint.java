package org.listguard.audit.auth;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.listguard.dns.DnsAnswer;
import org.listguard.dns.DnsClient;
import org.xbill.DNS.Type;

/**
 * Static checks of an SPF policy (RFC 7208) that a pass for today's IPs does not reveal: one
 * {@code v=spf1} record (§4.5), at most 10 DNS-querying terms over the whole include/redirect
 * tree (§4.6.4), at most 2 void lookups (§4.6.4), no {@code +all} (anyone may send), no
 * {@code ptr} (§5.5: do not use), no terms after {@code all} (§5.1: never evaluated).
 * Blocking (waits on each lookup, each bounded by the DNS client's timeout).
 */
final class SpfLint {
    static final int MAX_LOOKUPS = 10;
    static final int MAX_VOIDS = 2;

    /** One problem: {@code blocking} ones make receivers return permerror or let anyone send. */
    record Problem(boolean blocking, String text) {}

    /**
     * @param problems   what is wrong, in words
     * @param lookups    DNS-querying terms counted over the tree
     * @param voids      lookups that returned no record
     * @param unresolved lookups that failed (the counts may then be low), empty when none
     */
    record Result(List<Problem> problems, int lookups, int voids, List<String> unresolved) {}

    private final DnsClient dns;
    private final List<Problem> problems = new ArrayList<>();
    private final List<String> unresolved = new ArrayList<>();
    private final Set<String> visited = new HashSet<>();
    private int lookups;
    private int voids;

    private SpfLint(DnsClient dns) {
        this.dns = dns;
    }

    /** Lints the policy of {@code domain}, whose SPF record is {@code record}. */
    static Result lint(DnsClient dns, String domain, String record) {
        SpfLint l = new SpfLint(dns);
        l.visited.add(domain);
        l.walk(domain, record, true);
        if (l.lookups > MAX_LOOKUPS) {
            l.problems.add(new Problem(true, l.lookups + " DNS-querying terms (include, a, mx, ptr, exists, redirect) across the "
                    + "include tree; RFC 7208 §4.6.4 allows 10, so receivers return permerror"));
        }
        if (l.voids > MAX_VOIDS) {
            l.problems.add(new Problem(true, l.voids + " void lookups (names with no record); RFC 7208 §4.6.4 allows 2 before permerror"));
        }
        return new Result(List.copyOf(l.problems), l.lookups, l.voids, List.copyOf(l.unresolved));
    }

    /** The v=spf1 records among TXT strings (§4.5: a record is selected by its "v=spf1" prefix). */
    static List<String> spfRecords(List<String> texts) {
        return texts.stream().filter(t -> t.equalsIgnoreCase("v=spf1") || t.toLowerCase(Locale.ROOT).startsWith("v=spf1 ")).toList();
    }

    private void walk(String domain, String record, boolean top) {
        String[] terms = record.trim().split("\\s+");
        boolean afterAll = false;
        String redirect = null;
        for (int i = 1; i < terms.length; i++) {
            String term = terms[i];
            String lower = term.toLowerCase(Locale.ROOT);
            char q = lower.isEmpty() ? '+' : lower.charAt(0);
            String mech = "+-~?".indexOf(q) >= 0 ? lower.substring(1) : lower;
            if (afterAll && !mech.startsWith("exp=")) {
                problems.add(new Problem(false, "'" + term + "' after 'all' in the record of " + domain + " is never evaluated (RFC 7208 §5.1)"));
                continue;
            }
            if (mech.equals("all")) {
                afterAll = true;
                if (q == '+' || "+-~?".indexOf(lower.charAt(0)) < 0) {
                    problems.add(new Problem(true, "'" + term + "' in the record of " + domain + " lets every host on the Internet send as it"));
                }
            } else if (mech.startsWith("include:")) {
                lookups++;
                follow(domain, term.substring(term.indexOf(':') + 1));
            } else if (mech.startsWith("redirect=")) {
                redirect = term.substring(term.indexOf('=') + 1);
            } else if (mech.equals("a") || mech.startsWith("a:") || mech.startsWith("a/")) {
                lookups++;
                countVoid(target(domain, term, "a"), Type.A);
            } else if (mech.equals("mx") || mech.startsWith("mx:") || mech.startsWith("mx/")) {
                lookups++;
                countVoid(target(domain, term, "mx"), Type.MX);
            } else if (mech.equals("ptr") || mech.startsWith("ptr:")) {
                lookups++;
                problems.add(new Problem(false, "'" + term + "' in the record of " + domain + ": ptr is slow and unreliable, RFC 7208 §5.5 says do not use it"));
            } else if (mech.startsWith("exists:")) {
                lookups++;
            }
        }
        // §6.1: redirect is ignored when the record has an "all".
        if (redirect != null && !afterAll) {
            lookups++;
            follow(domain, redirect);
        }
    }

    /** The domain of an a/mx term: {@code a:host/24} → host; bare {@code a} → the current domain. */
    private static String target(String domain, String term, String mech) {
        int colon = term.indexOf(':');
        if (colon < 0) return domain;
        String t = term.substring(colon + 1);
        int slash = t.indexOf('/');
        return slash < 0 ? t : t.substring(0, slash);
    }

    private void follow(String from, String target) {
        if (target.contains("%")) return; // macros depend on the message: cannot be followed statically
        if (!visited.add(target.toLowerCase(Locale.ROOT)) || lookups > 2 * MAX_LOOKUPS) return;
        DnsAnswer a = dns.query(target, Type.TXT).join();
        if (a instanceof DnsAnswer.Failure f) {
            unresolved.add(target + " (" + f + ")");
            return;
        }
        List<String> recs = a instanceof DnsAnswer.Records r ? spfRecords(r.texts()) : List.of();
        if (recs.isEmpty()) {
            voids += a instanceof DnsAnswer.Records ? 0 : 1;
            problems.add(new Problem(true, from + " includes " + target + ", which has no SPF record (permerror, RFC 7208 §5.2)"));
            return;
        }
        if (recs.size() > 1) problems.add(new Problem(true, target + " publishes " + recs.size() + " v=spf1 records (permerror, RFC 7208 §4.5)"));
        walk(target, recs.get(0), false);
    }

    private void countVoid(String name, int type) {
        if (name.contains("%")) return;
        DnsAnswer a = dns.query(name, type).join();
        if (a instanceof DnsAnswer.Failure f) unresolved.add(name + " (" + f + ")");
        else if (!(a instanceof DnsAnswer.Records)) voids++;
    }
}
