package org.listguard.placement;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the receiving provider said about one arrived seed, read from the headers it wrote
 * ({@link VerdictHeaders}): its authentication results (RFC 8601), its spam engine's verdict, and
 * the IP its own {@code Received:} line says delivered the message (behind a smart host: the
 * relay's real egress). Any part may be null: the receiver did not say, or said it only in a
 * header we cannot trust.
 *
 * @param authservId     the receiver's authserv-id whose results these are, or null
 * @param authentication spf, dkim, dmarc as the receiver reported them
 * @param spam           the spam engine's verdict, or null when no trusted spam header was found
 * @param received       the receiver's own Received: line (unfolded, bounded), or null
 * @param egressIp       the IP in that line's "from … [ip]" clause, or null
 * @param ignored        headers that were present but not trusted (name and why), for the evidence
 */
public record ReceiverVerdict(String authservId, Authentication authentication, Spam spam, String received, String egressIp,
                              List<String> ignored) {
    public static final ReceiverVerdict NONE = new ReceiverVerdict(null, Authentication.NONE, null, null, null, List.of());

    public ReceiverVerdict {
        authentication = authentication == null ? Authentication.NONE : authentication;
        ignored = ignored == null ? List.of() : List.copyOf(ignored);
    }

    /** spf, dkim, dmarc results (RFC 8601 s2.7 words: pass, fail, softfail, none, neutral, temperror, permerror, policy), null when not reported. */
    public record Authentication(String spf, String dkim, String dmarc) {
        public static final Authentication NONE = new Authentication(null, null, null);

        /** The results that are not a pass: what an operator must fix first. */
        public List<String> failing() {
            List<String> out = new ArrayList<>();
            if (spf != null && !spf.equals("pass")) out.add("spf=" + spf);
            if (dkim != null && !dkim.equals("pass")) out.add("dkim=" + dkim);
            if (dmarc != null && !dmarc.equals("pass")) out.add("dmarc=" + dmarc);
            return out;
        }

        /** "spf=pass dkim=pass dmarc=fail", the reported results only; empty when none was reported. */
        public String text() {
            List<String> parts = new ArrayList<>();
            if (spf != null) parts.add("spf=" + spf);
            if (dkim != null) parts.add("dkim=" + dkim);
            if (dmarc != null) parts.add("dmarc=" + dmarc);
            return String.join(" ", parts);
        }
    }

    /**
     * @param engine    spamassassin, rspamd or microsoft
     * @param score     the engine's score (Microsoft: the SCL, -1…9), or null
     * @param threshold the score at which the engine calls it spam (SpamAssassin's required=, rspamd's
     *                  action threshold, Microsoft: 5), or null
     * @param flagged   whether the engine called it spam, or null when it did not say
     * @param rules     the rules that fired (SpamAssassin tests, rspamd symbols, Microsoft SFV/CAT)
     */
    public record Spam(String engine, Double score, Double threshold, Boolean flagged, List<String> rules) {
        public Spam {
            rules = rules == null ? List.of() : List.copyOf(rules);
        }

        /**
         * The one way every view writes a spam verdict: "spamassassin 6.3/5.0 flagged (RCVD_IN_X, BAYES_99)";
         * the score, threshold, flag and rules each only when the engine said them.
         *
         * @param withRules false for a table column that lists the rules elsewhere
         */
        public String text(boolean withRules) {
            StringBuilder s = new StringBuilder(engine);
            if (score != null) s.append(' ').append(num(score)).append(threshold == null ? "" : "/" + num(threshold));
            if (flagged != null) s.append(flagged ? " flagged" : " not flagged");
            if (withRules && !rules.isEmpty()) s.append(" (").append(String.join(", ", rules)).append(')');
            return s.toString();
        }
    }

    /** One line for evidence: "spf=pass dkim=pass dmarc=pass; spamassassin 7.1/5.0 flagged (RCVD_IN_X, …)". */
    public String summary() {
        String auth = authentication.text().isEmpty() ? "no authentication results" : authentication.text();
        return auth + "; " + (spam == null ? "no spam verdict" : spam.text(true));
    }

    /** The JSON shape of DESIGN.md's status {@code seeds[]} entries: authentication and spam. */
    public Map<String, Object> json() {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> auth = new LinkedHashMap<>();
        auth.put("spf", authentication.spf());
        auth.put("dkim", authentication.dkim());
        auth.put("dmarc", authentication.dmarc());
        out.put("authentication", auth);
        if (spam != null) {
            Map<String, Object> sp = new LinkedHashMap<>();
            sp.put("engine", spam.engine());
            sp.put("score", spam.score());
            sp.put("threshold", spam.threshold());
            sp.put("flagged", spam.flagged());
            sp.put("rules", spam.rules());
            out.put("spam", sp);
        }
        if (authservId != null) out.put("authserv_id", authservId);
        if (egressIp != null) out.put("egress_ip", egressIp);
        if (received != null) out.put("received", received);
        if (!ignored.isEmpty()) out.put("ignored", ignored);
        return out;
    }

    private static String num(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e9 ? Long.toString((long) d) + ".0" : Double.toString(d);
    }
}
