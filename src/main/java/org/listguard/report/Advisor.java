package org.listguard.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.listguard.InputException;
import org.listguard.audit.dnsbl.ZoneCatalog;
import org.listguard.config.ConfigMapper;
import org.listguard.config.ZoneSpec;
import org.listguard.journal.Run;
import org.listguard.journal.RunState;

/**
 * Turns a paused run's evidence into concrete next steps: the data file {@code advice.yaml}
 * (advisors matched on the evidence's text, zone and kind, each citing its source; a user file
 * can replace or extend it) plus, for a listing, the zone catalog's delisting URL and remediation.
 * Ends with how to resume. Pure: reads only the run record.
 */
public final class Advisor {
    static final String RESOURCE = "advice.yaml";
    private static final ObjectMapper YAML = ConfigMapper.yaml();

    record AdviceFile(List<Rule> advisors, Boolean replaceDefaults) {}

    record Rule(String id, String source, String text, String zones, List<String> kinds, Boolean fallback,
                String title, String url, List<String> steps) {
        boolean matches(PauseFacts.Item e) {
            if (text != null && (e.text() == null || !Pattern.compile(text, Pattern.CASE_INSENSITIVE).matcher(e.text()).find())) return false;
            if (zones != null && (e.source() == null || !Pattern.compile(zones, Pattern.CASE_INSENSITIVE).matcher(e.source()).find())) return false;
            return kinds == null || (e.kind() != null && kinds.contains(e.kind()));
        }
    }

    private final List<Rule> rules;
    private final ZoneCatalog catalog;

    private Advisor(List<Rule> rules, ZoneCatalog catalog) {
        this.rules = List.copyOf(rules);
        this.catalog = catalog;
    }

    /** The bundled advisors and zone catalog. */
    public static Advisor bundled() { return load(Optional.empty()); }

    /** The bundled advisors with a user file applied (same format as advice.yaml), when given. */
    public static Advisor load(Optional<Path> override) {
        List<Rule> base;
        try (InputStream in = Advisor.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
            base = read(new String(in.readAllBytes(), StandardCharsets.UTF_8), RESOURCE).advisors();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE, e);
        }
        if (override.isEmpty()) return new Advisor(base, ZoneCatalog.bundled());
        AdviceFile user;
        try {
            user = read(Files.readString(override.get()), override.get().toString());
        } catch (NoSuchFileException e) {
            throw new InputException(override.get().toString(), 0, "--advice", "advice file not found");
        } catch (IOException e) {
            throw new InputException(override.get().toString(), 0, "--advice", "cannot read: " + e.getMessage(), e);
        }
        if (Boolean.TRUE.equals(user.replaceDefaults())) return new Advisor(user.advisors(), ZoneCatalog.bundled());
        Map<String, Rule> byId = new LinkedHashMap<>();
        for (Rule r : user.advisors()) byId.put(r.id(), r);
        List<Rule> merged = new ArrayList<>();
        for (Rule r : user.advisors()) if (base.stream().noneMatch(b -> b.id().equals(r.id()))) merged.add(r);
        for (Rule b : base) merged.add(byId.getOrDefault(b.id(), b));
        return new Advisor(merged, ZoneCatalog.bundled());
    }

    private static AdviceFile read(String yaml, String file) {
        try {
            AdviceFile f = YAML.readValue(yaml, AdviceFile.class);
            if (f == null || f.advisors() == null) throw new InputException(file, 1, "advisors", "an advice file needs an 'advisors:' list");
            for (int i = 0; i < f.advisors().size(); i++) {
                Rule r = f.advisors().get(i);
                for (String[] req : new String[][] {{"id", r.id()}, {"source", r.source()}, {"title", r.title()}}) {
                    if (req[1] == null) throw new InputException(file, 0, "advisors[" + i + "]." + req[0], "required");
                }
                if (r.steps() == null || r.steps().isEmpty()) throw new InputException(file, 0, "advisors[" + i + "].steps", "at least one step");
                for (String[] re : new String[][] {{"text", r.text()}, {"zones", r.zones()}}) {
                    if (re[1] == null) continue;
                    try {
                        Pattern.compile(re[1]);
                    } catch (java.util.regex.PatternSyntaxException e) {
                        throw new InputException(file, 0, "advisors[" + i + "]." + re[0], "not a regular expression: " + e.getDescription());
                    }
                }
            }
            return f;
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new InputException(file, line, "advisors", e.getOriginalMessage(), e);
        }
    }

    /** The advice for a paused run, most specific first, ending with how to resume; empty for any other state. */
    public List<Advice> advise(Run run) {
        return advise(run, Invocation.none());
    }

    /**
     * As {@link #advise(Run)}, with every command it suggests repeating the current invocation's
     * global options ({@code -c}, {@code --dns}, {@code --journal}, {@code --sandbox}), so it runs as printed.
     */
    public List<Advice> advise(Run run, Invocation inv) {
        if (run.state() != RunState.PAUSED) return List.of();
        PauseFacts facts = PauseFacts.of(run);
        Map<String, Advice> out = new LinkedHashMap<>();
        for (PauseFacts.Item e : facts.items()) {
            boolean specific = false;
            // a listing between batches, or a receiver's refusal naming a catalogued list (issue 8)
            if (e.source() != null) specific |= delisting(e, facts, out, inv);
            for (Rule r : rules) {
                if (Boolean.TRUE.equals(r.fallback()) || !r.matches(e)) continue;
                specific = true;
                out.putIfAbsent(r.id(), render(r, e, facts, inv));
            }
            if (specific) continue;
            for (Rule r : rules) {
                if (Boolean.TRUE.equals(r.fallback()) && r.matches(e)) out.putIfAbsent(r.id(), render(r, e, facts, inv));
            }
        }
        List<String> unconfirmed = silentDiscard(run) ? List.of("The members the relay accepted at the provider whose seed never arrived "
                + "are journaled unconfirmed, not delivered, and the resume above does not send them again; `"
                + inv.command("send", "--campaign", run.campaign(), "--resend-unconfirmed", "--yes")
                + "` resumes and sends them again (one who did get it gets it twice).") : List.of();
        out.put("resume", new Advice("resume", "When the cause is fixed, resume", null, null, null, concat(List.of(
                "Run `" + inv.command("send", "--campaign", run.campaign(), "--yes") + "` again: it re-runs the gate (the full audit) and resumes run "
                        + run.id() + " where it stopped; members already sent to are not sent to again, and those that got a reputation, "
                        + "sender or throttle reply are retried (never suppressed).",
                "`" + inv.command("report", run.id(), "--format", "csv") + "` has every reply with its UTC timestamp, relay and Message-ID for a form that asks for more."), unconfirmed),
                "listguard: send resumes the campaign's unfinished run"));
        return List.copyOf(out.values());
    }

    /** A pause for seeds that never arrived: its members at that provider are unconfirmed (issue 19). */
    private static boolean silentDiscard(Run run) {
        return run.pauseReason() != null && run.pauseReason().startsWith("silent discard suspected");
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> l = new ArrayList<>(a);
        l.addAll(b);
        return l;
    }

    /** The zone catalog's delisting URL and remediation for a listing; false when the zone is not in the catalog. */
    private boolean delisting(PauseFacts.Item e, PauseFacts facts, Map<String, Advice> out, Invocation inv) {
        Optional<ZoneSpec> z = catalog.find(e.source()).or(() -> catalog.zones().stream().filter(s -> s.zone().equalsIgnoreCase(e.source())).findFirst());
        if (z.isEmpty()) return false;
        String target = e.text() == null || !e.text().contains(" listed on ") ? e.ip().orElse("") : e.text().substring(0, e.text().indexOf(" listed on "));
        // a listing between batches names what our own lookup found; an IP a reply names is used only when it is a known egress
        if (!"listing".equals(e.kind()) && !facts.relayIps().contains(target) && !target.equals(facts.originIp())) return false;
        String url = z.get().delistUrl() == null ? null : z.get().delistUrl().replace("{ip}", target).replace("{domain}", target);
        List<String> steps = new ArrayList<>();
        if (z.get().remediation() != null) steps.add(inv.rewrite(z.get().remediation()));
        if (url != null) steps.add("Request removal of " + target + " at " + url + " once the cause is fixed.");
        else steps.add(z.get().name() + " has no removal form: the listing expires when the cause stops.");
        out.putIfAbsent("delist:" + z.get().catalogName(), new Advice("delist:" + z.get().catalogName(),
                target + " is listed on " + z.get().name(), url, e.text(), e.at(), steps, "zone catalog (audit/zones.yaml): " + z.get().catalogName()));
        return true;
    }

    /**
     * The advice of one rule for one piece of evidence. Evidence is not advice (DESIGN.md invariant
     * 11, issue 18): the text of a reply or report is quoted only as evidence ({@link Advice#quote}),
     * never inside a step; an IP it names fills {@code {ip}} only when it is a known egress of ours
     * (the gate audited it), and URLs come only from the advice data.
     */
    private static Advice render(Rule r, PauseFacts.Item e, PauseFacts f, Invocation inv) {
        Map<String, String> v = new LinkedHashMap<>();
        Optional<String> named = e.ip();
        boolean known = named.isPresent() && (f.relayIps().contains(named.get()) || named.get().equals(f.originIp()));
        String ip = known ? named.get() : (f.relayIps().isEmpty() ? null : f.relayIps().get(0));
        v.put("ip", ip);
        v.put("judged", known ? "judged " + named.get()
                : "named an IP that is not a known egress of your relay" + (f.relayIps().isEmpty() ? "" : " (" + String.join(", ", f.relayIps()) + ")"));
        v.put("relay_ips", f.relayIps().isEmpty() ? null : String.join(", ", f.relayIps()));
        v.put("origin_ip", f.originIp());
        v.put("quote", e.text() == null ? null : "the exact reply quoted under Evidence");
        v.put("at", e.at());
        v.put("relay", e.relay());
        v.put("domain", e.domain());
        v.put("zone", e.source());
        v.put("seed", e.seed());
        v.put("message_id", e.messageId());
        v.put("queue_id", e.queueId());
        String url = r.url() == null ? null : fill(r.url(), v);
        v.put("url", url);
        // the rule's own words get the invocation's options before the values (a relay's queue id…) are filled in
        List<String> steps = new ArrayList<>(r.steps().stream().map(s -> fill(inv.rewrite(s), v)).toList());
        if (named.isPresent() && !known && !f.relayIps().isEmpty()) {
            steps.add("The reply names an IP that is not one of your relay's known egress IPs (" + String.join(", ", f.relayIps())
                    + "): ask your ISP whether it is their egress; if it is, add it to relays[].ips so the gate audits it and this advice uses it.");
        }
        return new Advice(r.id(), r.title(), url, e.text(), e.at(), steps, r.source());
    }

    private static String fill(String template, Map<String, String> v) {
        String s = template;
        for (Map.Entry<String, String> x : v.entrySet()) {
            s = s.replace("{" + x.getKey() + "}", x.getValue() == null ? "(not known)" : x.getValue());
        }
        return s;
    }
}
