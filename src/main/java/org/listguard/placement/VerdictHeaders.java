package org.listguard.placement;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.listguard.placement.HeaderFields.Field;

/**
 * Reads the receiving provider's verdict from an arrived seed's headers (DELIVERABILITY.md s10),
 * trusting only headers the receiver wrote:
 * <ul>
 *   <li>The receiver's hop is the topmost {@code Received:} line with a {@code from … [ip]} clause
 *       that is not a local hand-over ({@code with LMTP}, {@code with local}): headers above it were
 *       added after the receiver took the message. Milters append at the bottom instead, so the
 *       fields after the seed's {@value #END_MARKER} (the last header we wrote) are the receiver's too
 *       (or the relay's: a relay that appends spam headers the receiver does not replace is
 *       indistinguishable, and said so in the README). Everything in between is ours or upstream's,
 *       and ignored.</li>
 *   <li>{@code Authentication-Results} (RFC 8601 s5: an MTA removes upstream copies claiming its
 *       own authserv-id): only those with the configured {@code authserv_id}, or else with the
 *       authserv-id of the topmost one in the receiver's part; spf, dkim and dmarc are read from all
 *       of them (opendkim and opendmarc each add one).</li>
 *   <li>Spam engines: Microsoft ({@code X-MS-Exchange-Organization-SCL}, {@code X-Forefront-Antispam-Report}),
 *       rspamd ({@code X-Spamd-Result}, {@code X-Rspamd-Score}, {@code X-Spam}), SpamAssassin
 *       ({@code X-Spam-Status}, {@code X-Spam-Flag}, {@code X-Spam-Score}); the first engine found
 *       in that order is the verdict.</li>
 * </ul>
 * Pure and bounded: the fields are already capped by {@link HeaderFields}; rules are capped at
 * {@link #MAX_RULES}; no regular expression here backtracks over nested quantifiers.
 */
public final class VerdictHeaders {
    /** The header the seed message carries last in its header section (its value is the seed's marker). */
    public static final String END_MARKER = "X-Listguard-Seed-End";
    static final int MAX_RULES = 40;
    private static final Pattern FROM_IP = Pattern.compile("^from\\s[^\\[]{0,500}\\[(?:IPv6:)?([0-9a-fA-F.:]{2,45})\\]", Pattern.CASE_INSENSITIVE);
    private static final Pattern LOCAL_HOP = Pattern.compile("\\swith\\s+(?:LMTPS?A?|local|SMTP-?local|IMAP|HTTP)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern NUMBER = Pattern.compile("-?\\d{1,6}(?:\\.\\d{1,6})?");
    private static final Pattern RULE = Pattern.compile("[A-Za-z0-9_.:-]{1,80}");

    private VerdictHeaders() {}

    /**
     * @param fields     the arrived message's header fields, top to bottom
     * @param authservId the receiver's authserv-id when the seed's config names it, else null (the topmost wins)
     * @param marker     the seed's marker (the value of {@value #END_MARKER}), or null
     */
    public static ReceiverVerdict read(List<Field> fields, String authservId, String marker) {
        List<String> ignored = new ArrayList<>();
        int hop = -1;
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            if (f.is("Received") && FROM_IP.matcher(f.value()).find() && !LOCAL_HOP.matcher(f.value()).find()) {
                hop = i;
                break;
            }
        }
        int end = fields.size();
        for (int i = fields.size() - 1; i > hop; i--) {
            Field f = fields.get(i);
            if (f.is(END_MARKER) && (marker == null || f.value().equals(marker))) {
                end = i;
                break;
            }
        }
        List<Field> trusted = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            boolean mine = (hop >= 0 && i < hop) || i > end;
            if (mine) trusted.add(f);
            else if (i != hop && verdictHeader(f)) ignored.add(f.name() + ": " + (hop < 0 ? "no Received: line of the receiver" : "written before the receiver's hop"));
        }
        String received = hop < 0 ? null : fields.get(hop).value();
        String egress = null;
        if (received != null) {
            Matcher m = FROM_IP.matcher(received);
            if (m.find()) egress = m.group(1);
            if (received.length() > 1000) received = received.substring(0, 1000);
        }
        String[] id = new String[1];
        ReceiverVerdict.Authentication auth = authentication(trusted, authservId, id, ignored);
        ReceiverVerdict.Spam spam = microsoft(trusted);
        if (spam == null) spam = rspamd(trusted);
        if (spam == null) spam = spamAssassin(trusted);
        return new ReceiverVerdict(id[0], auth, spam, received, egress, ignored.size() > 20 ? ignored.subList(0, 20) : ignored);
    }

    private static boolean verdictHeader(Field f) {
        String n = f.name().toLowerCase(Locale.ROOT);
        return n.equals("authentication-results") || n.startsWith("x-spam") || n.startsWith("x-rspamd") || n.equals("x-spamd-result")
                || n.equals("x-ms-exchange-organization-scl") || n.equals("x-forefront-antispam-report");
    }

    private static ReceiverVerdict.Authentication authentication(List<Field> trusted, String configured, String[] idOut, List<String> ignored) {
        String spf = null, dkim = null, dmarc = null;
        String id = configured;
        for (Field f : trusted) {
            if (!f.is("Authentication-Results")) continue;
            String[] parts = withoutComments(f.value()).split(";");
            String thisId = parts[0].strip().split("\\s+")[0].toLowerCase(Locale.ROOT);
            if (id == null) id = thisId;
            if (!thisId.equalsIgnoreCase(id)) {
                ignored.add("Authentication-Results: authserv-id " + clip(thisId) + " is not the receiver's (" + id + ")");
                continue;
            }
            for (int k = 1; k < parts.length; k++) {
                String[] tokens = parts[k].strip().split("\\s+");
                if (tokens.length == 0) continue;
                int eq = tokens[0].indexOf('=');
                if (eq <= 0) continue;
                String method = tokens[0].substring(0, eq).toLowerCase(Locale.ROOT);
                int slash = method.indexOf('/');
                if (slash > 0) method = method.substring(0, slash); // method-version (RFC 8601 s2.2)
                String result = word(tokens[0].substring(eq + 1));
                if (result == null) continue;
                switch (method) {
                    case "spf" -> spf = spf == null ? result : spf;
                    case "dkim" -> dkim = dkim == null || (!dkim.equals("pass") && result.equals("pass")) ? result : dkim;
                    case "dmarc" -> dmarc = dmarc == null ? result : dmarc;
                    default -> { }
                }
            }
        }
        idOut[0] = id;
        return new ReceiverVerdict.Authentication(spf, dkim, dmarc);
    }

    /** RFC 8601 result words are letters only; anything else is not a result. */
    private static String word(String s) {
        String w = s.toLowerCase(Locale.ROOT);
        if (w.isEmpty() || w.length() > 16) return null;
        for (int i = 0; i < w.length(); i++) if (w.charAt(i) < 'a' || w.charAt(i) > 'z') return null;
        return w;
    }

    /** CFWS comments (RFC 5322 s3.2.2), nested, removed; unbalanced ones end at the end of the value. */
    static String withoutComments(String v) {
        StringBuilder out = new StringBuilder(v.length());
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"' && depth == 0) quoted = !quoted;
            if (!quoted && c == '(') { depth++; continue; }
            if (!quoted && c == ')' && depth > 0) { depth--; continue; }
            if (depth == 0) out.append(c);
        }
        return out.toString();
    }

    private static ReceiverVerdict.Spam microsoft(List<Field> trusted) {
        Field scl = first(trusted, "X-MS-Exchange-Organization-SCL");
        Field report = first(trusted, "X-Forefront-Antispam-Report");
        if (scl == null && report == null) return null;
        Double score = scl == null ? null : number(scl.value());
        List<String> rules = new ArrayList<>();
        Boolean flagged = null;
        if (report != null) {
            for (String pair : report.value().split(";")) {
                int colon = pair.indexOf(':');
                if (colon <= 0) continue;
                String k = pair.substring(0, colon).strip().toUpperCase(Locale.ROOT);
                String val = pair.substring(colon + 1).strip();
                if (k.equals("SCL") && score == null) score = number(val);
                if (k.equals("SFV") || k.equals("CAT")) {
                    String v = val.toUpperCase(Locale.ROOT);
                    if (RULE.matcher(v).matches() && rules.size() < MAX_RULES) rules.add(k + ":" + v);
                    if (k.equals("SFV")) flagged = v.equals("SPM") || v.equals("SKS") || v.equals("BLK");
                }
            }
        }
        if (score != null && score >= 5) flagged = true;
        else if (score != null && flagged == null) flagged = false;
        return new ReceiverVerdict.Spam("microsoft", score, 5.0, flagged, rules);
    }

    private static ReceiverVerdict.Spam rspamd(List<Field> trusted) {
        Field result = first(trusted, "X-Spamd-Result");
        Field score = first(trusted, "X-Rspamd-Score");
        Field spam = first(trusted, "X-Spam");
        if (result == null && score == null) return null;
        Double s = score == null ? null : number(score.value());
        Double threshold = null;
        Boolean flagged = spam == null ? null : spam.value().strip().equalsIgnoreCase("yes");
        List<String> rules = new ArrayList<>();
        if (result != null) {
            String[] parts = result.value().split(";");
            String head = parts[0];
            int colon = head.indexOf(':');
            String verdict = colon < 0 ? head : head.substring(colon + 1);
            String v = verdict.strip().toLowerCase(Locale.ROOT);
            if (v.startsWith("true")) flagged = true;
            else if (v.startsWith("false") && flagged == null) flagged = false;
            int open = verdict.indexOf('[');
            int close = verdict.indexOf(']', Math.max(open, 0));
            if (open >= 0 && close > open) {
                String[] nums = verdict.substring(open + 1, close).split("/");
                if (s == null && nums.length > 0) s = number(nums[0]);
                if (nums.length > 1) threshold = number(nums[1]);
            }
            for (int k = 1; k < parts.length && rules.size() < MAX_RULES; k++) {
                String p = parts[k].strip();
                int paren = p.indexOf('(');
                String name = paren < 0 ? p : p.substring(0, paren);
                if (RULE.matcher(name).matches()) rules.add(name);
            }
        }
        return new ReceiverVerdict.Spam("rspamd", s, threshold, flagged, rules);
    }

    private static ReceiverVerdict.Spam spamAssassin(List<Field> trusted) {
        Field status = first(trusted, "X-Spam-Status");
        Field flag = first(trusted, "X-Spam-Flag");
        Field score = first(trusted, "X-Spam-Score");
        if (status == null && flag == null && score == null) return null;
        Double s = score == null ? null : number(score.value());
        Double required = null;
        Boolean flagged = flag == null ? null : flag.value().strip().equalsIgnoreCase("yes");
        List<String> rules = new ArrayList<>();
        if (status != null) {
            String v = status.value();
            String lower = v.toLowerCase(Locale.ROOT);
            if (lower.startsWith("yes")) flagged = true;
            else if (lower.startsWith("no") && flagged == null) flagged = false;
            Double sc = after(v, "score=");
            if (sc != null) s = sc;
            required = after(v, "required=");
            int t = lower.indexOf("tests=");
            if (t >= 0) {
                // tests=A,B,\n\tC autolearn=no …: the list ends at the next word=value token
                String[] tokens = v.substring(t + 6).replace(", ", ",").split("\\s+");
                StringBuilder list = new StringBuilder(tokens.length == 0 ? "" : tokens[0]);
                for (int k = 1; k < tokens.length && tokens[k].indexOf('=') < 0; k++) list.append(tokens[k]);
                for (String r : list.toString().split(",")) {
                    if (rules.size() >= MAX_RULES) break;
                    if (!r.isEmpty() && !r.equalsIgnoreCase("none") && RULE.matcher(r).matches()) rules.add(r);
                }
            }
        }
        return new ReceiverVerdict.Spam("spamassassin", s, required, flagged, rules);
    }

    private static Double after(String v, String key) {
        int i = v.toLowerCase(Locale.ROOT).indexOf(key);
        if (i < 0) return null;
        return number(v.substring(i + key.length()));
    }

    /** The number at the start of {@code s} (after blanks), or null. */
    private static Double number(String s) {
        Matcher m = NUMBER.matcher(s.strip());
        if (!m.lookingAt()) return null;
        try {
            return Double.parseDouble(m.group());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Field first(List<Field> fields, String name) {
        for (Field f : fields) if (f.is(name)) return f;
        return null;
    }

    private static String clip(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
