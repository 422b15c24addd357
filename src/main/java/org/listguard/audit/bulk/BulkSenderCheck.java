package org.listguard.audit.bulk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.listguard.audit.AuditContext;
import org.listguard.audit.Check;
import org.listguard.audit.Finding;
import org.listguard.audit.Role;
import org.listguard.audit.Status;
import org.listguard.compose.dkim.DkimSigner;
import org.listguard.config.Campaign;
import org.listguard.config.Config;

/**
 * The audit's {@code bulk-sender} section: what Gmail, Yahoo and Microsoft require of senders
 * (shared DELIVERABILITY.md §6; rules and pages in {@code bulk-sender.yaml}), one finding per
 * provider rule, each naming the rule ({@code source}) and linking its page ({@code url}).
 * SPF/DKIM, DMARC, FCrDNS and TLS are read from the other checks' findings (same status, the
 * provider's words); one-click headers, the endpoint, the complaint rate and the daily volume
 * are checked here. The endpoint is probed only when {@code sender.unsubscribe_url} names this
 * host (localhost or a loopback address): a GET with an invalid token must be answered (the
 * {@code serve} endpoint says 400). What only this section finds is at most a warning, so it
 * never stops a send by itself; restated findings keep the status of the check they restate
 * (that check decides the verdict anyway).
 */
public final class BulkSenderCheck implements Check, Check.Derived {
    public static final String CHECK = "bulk-sender";
    static final long BULK_PER_DAY = 5_000;

    /** The latest complaint rate (percent) of a campaign, when the journal knows one. */
    @FunctionalInterface
    public interface ComplaintHistory {
        Optional<Double> percent(String campaign);

        ComplaintHistory NONE = c -> Optional.empty();
    }

    private final List<ProviderRule> rules;
    private final EndpointProbe probe;
    private final ComplaintHistory history;

    public BulkSenderCheck(EndpointProbe probe, ComplaintHistory history) {
        this(ProviderRule.bundled(), probe, history);
    }

    BulkSenderCheck(List<ProviderRule> rules, EndpointProbe probe, ComplaintHistory history) {
        this.rules = List.copyOf(rules);
        this.probe = probe;
        this.history = history;
    }

    @Override
    public String name() { return CHECK; }

    @Override
    public CompletableFuture<List<Finding>> run(AuditContext ctx) {
        Config c = ctx.config();
        long daily = dailyVolume(c);
        boolean bulk = daily >= BULK_PER_DAY;
        List<Finding> out = new ArrayList<>();
        out.addAll(volume(c, daily));
        out.addAll(oneClick(c, bulk));
        ctx.campaign().flatMap(camp -> history.percent(camp.name())).ifPresent(p -> out.addAll(complaints(c, p)));
        return endpoint(c, bulk).thenApply(e -> {
            out.addAll(e);
            return out;
        });
    }

    @Override
    public List<Finding> derive(AuditContext ctx, List<Finding> others) {
        List<Finding> out = new ArrayList<>();
        Config c = ctx.config();
        out.addAll(restate(c, "auth", others, f -> f.check().equals("spf") || f.check().equals("dkim"),
                "SPF and DKIM pass for the real path (see the spf and dkim findings)"));
        out.addAll(restate(c, "dmarc", others, f -> f.check().equals("dmarc"), "DMARC policy and alignment (see the dmarc findings)"));
        out.addAll(restate(c, "fcrdns", others, f -> f.check().equals("fcrdns") && (f.role() == Role.RELAY || c.relays().isEmpty()),
                "forward-confirmed reverse DNS of each relay egress IP (see the fcrdns findings)"));
        // relay findings warn about plaintext over the network (allow_plaintext); tls: none is otherwise
        // loopback-only, where the local MTA's own TLS toward the providers is what they see
        out.addAll(restate(c, "tls", others, f -> f.check().equals("relay"), "TLS to the relay (see the relay findings)"));
        others.stream().filter(f -> f.check().equals("complaints")).findFirst().ifPresent(f -> {
            for (ProviderRule r : rules(List.of("complaints-limit", "complaints-aim"))) {
                out.add(finding(c, r, f.status()).withCode(f.code()).withDetail(f.detail()));
            }
        });
        return out;
    }

    private List<Finding> restate(Config c, String requirement, List<Finding> others, Predicate<Finding> about, String what) {
        List<Finding> related = others.stream().filter(about).toList();
        Status worst = related.stream().map(Finding::status).min(Comparator.naturalOrder()).orElse(Status.UNKNOWN);
        List<String> bad = related.stream().filter(f -> f.status() != Status.PASS)
                .map(f -> f.check() + " " + f.target() + ": " + f.status().name().toLowerCase(Locale.ROOT)
                        + (f.code() == null ? "" : " (" + f.code() + ")")).distinct().toList();
        String detail = related.isEmpty() ? what + ": no finding to go by" : bad.isEmpty() ? what + ": all pass" : what + ": " + String.join("; ", bad);
        List<Finding> out = new ArrayList<>();
        for (ProviderRule r : rules(List.of(requirement))) {
            Finding f = finding(c, r, worst).withDetail(detail);
            out.add(worst == Status.PASS ? f : f.withRemediation("fix the findings named above; the provider rejects or junks mail that fails this rule"));
        }
        return out;
    }

    private List<Finding> volume(Config c, long daily) {
        List<Finding> out = new ArrayList<>();
        for (ProviderRule r : rules(List.of("volume"))) {
            Finding f = finding(c, r, daily >= BULK_PER_DAY ? Status.WARN : Status.PASS).withCode(daily + "/day");
            out.add(daily >= BULK_PER_DAY
                    ? f.withDetail("the campaigns of this config can send " + daily + " messages a day from " + c.sender().fromDomain()
                            + " (every campaign's list, capped by throttle.max_per_hour): at or over 5,000, every bulk-sender rule applies")
                            .withRemediation("meet the bulk rules below; Gmail keeps a domain in the bulk class once it has reached 5,000")
                    : f.withDetail("at most " + daily + " messages a day from " + c.sender().fromDomain() + " (every campaign's list,"
                            + " capped by throttle.max_per_hour), under 5,000; subdomains count toward the parent domain"));
        }
        return out;
    }

    private List<Finding> oneClick(Config c, boolean bulk) {
        String url = c.sender().unsubscribeUrl();
        boolean signed = c.dkimSettings().isPresent() && DkimSigner.SIGNED_HEADERS.contains("list-unsubscribe-post");
        Status s;
        String detail;
        String fix = null;
        if (url == null) {
            s = Status.WARN;
            detail = (bulk ? "a bulk sender without one-click unsubscribe: " : "") + "no sender.unsubscribe_url: messages carry only the mailto List-Unsubscribe, no List-Unsubscribe-Post";
            fix = "set sender.unsubscribe_url to the https URL of `listguard serve` behind your TLS proxy (see README)";
        } else if (!signed) {
            s = Status.WARN;
            detail = "List-Unsubscribe and List-Unsubscribe-Post are sent but not DKIM-signed (no dkim section)";
            fix = "configure dkim: the signature must cover List-Unsubscribe and List-Unsubscribe-Post (RFC 8058 §4)";
        } else {
            s = Status.PASS;
            detail = "List-Unsubscribe <" + url + ">, <mailto:…+u-TOKEN@…> and List-Unsubscribe-Post, both covered by DKIM (h=" + DkimSigner.SIGNED_HEADERS + ")";
        }
        List<Finding> out = new ArrayList<>();
        for (ProviderRule r : rules(List.of("one-click"))) {
            Finding f = finding(c, r, s).withDetail(detail);
            out.add(fix == null ? f : f.withRemediation(fix));
        }
        return out;
    }

    private CompletableFuture<List<Finding>> endpoint(Config c, boolean bulk) {
        String url = c.sender().unsubscribeUrl();
        if (url == null) return CompletableFuture.completedFuture(endpointFindings(c, Status.WARN,
                "no unsubscribe endpoint is configured (sender.unsubscribe_url)", "run `listguard serve` behind a TLS proxy and set sender.unsubscribe_url"));
        URI probeUrl = URI.create(url.replace("{token}", "listguard-audit-probe"));
        if (!local(probeUrl.getHost())) {
            return CompletableFuture.completedFuture(endpointFindings(c, Status.PASS,
                    "configured (" + url + "); not probed: its host is not this machine (check it with the curl line in the README)", null));
        }
        return probe.probe(probeUrl).thenApply(a -> {
            if (a.status() == 400) return endpointFindings(c, Status.PASS, url + " answers (400 for an invalid token, as `serve` does)", null);
            if (a.status() == EndpointProbe.Answer.UNREACHABLE) {
                return endpointFindings(c, Status.WARN, url + " does not answer: " + a.detail(),
                        "start `listguard serve` (or `daemon --http`) and the proxy in front of it");
            }
            return endpointFindings(c, Status.WARN, url + " answered " + a.status() + " to an invalid token, not 400: is it `listguard serve`?",
                    "point the proxy at `listguard serve`, with the path of sender.unsubscribe_url");
        });
    }

    private List<Finding> endpointFindings(Config c, Status s, String detail, String fix) {
        List<Finding> out = new ArrayList<>();
        for (ProviderRule r : rules(List.of("endpoint"))) {
            Finding f = finding(c, r, s).withDetail(detail);
            out.add(fix == null ? f : f.withRemediation(fix));
        }
        return out;
    }

    private List<Finding> complaints(Config c, double percent) {
        List<Finding> out = new ArrayList<>();
        String code = String.format(Locale.ROOT, "%.2f %%", percent);
        for (ProviderRule r : rules(List.of("complaints-limit", "complaints-aim"))) {
            double limit = r.requirement().equals("complaints-aim") ? 0.1 : 0.3;
            Status s = percent >= limit ? (limit == 0.3 ? Status.FAIL : Status.WARN) : Status.PASS;
            Finding f = finding(c, r, s).withCode(code).withDetail("the campaign's latest run: complaint rate " + code + " (limit " + limit + " %)");
            out.add(s == Status.PASS ? f : f.withRemediation("remove inactive members, confirm sign-ups, make the unsubscribe link prominent"));
        }
        return out;
    }

    private Finding finding(Config c, ProviderRule r, Status s) {
        return Finding.of(CHECK, c.sender().fromDomain(), Role.DOMAIN, s).withSource(r.rule()).withMeaning(r.text()).withUrl(r.url());
    }

    private List<ProviderRule> rules(List<String> requirements) {
        return rules.stream().filter(r -> requirements.contains(r.requirement())).toList();
    }

    /** Every campaign's list rows (each list once), capped by the hourly quota over a day. */
    static long dailyVolume(Config c) {
        Set<Path> lists = new LinkedHashSet<>();
        for (Campaign camp : c.campaigns().values()) lists.add(camp.list().toAbsolutePath().normalize());
        long rows = 0;
        for (Path p : lists) rows += rows(p);
        int perHour = c.throttle().maxPerHour();
        return perHour > 0 ? Math.min(rows, perHour * 24L) : rows;
    }

    private static long rows(Path list) {
        if (!Files.isReadable(list)) return 0;
        try (Stream<String> lines = Files.lines(list, StandardCharsets.UTF_8)) {
            return Math.max(0, lines.filter(l -> !l.isBlank()).count() - 1);
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    static boolean local(String host) {
        if (host == null) return false;
        if (host.equalsIgnoreCase("localhost")) return true;
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (!h.matches("[0-9.]+|[0-9a-fA-F:]+")) return false; // a name: not resolved here (no DNS outside dns/)
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
