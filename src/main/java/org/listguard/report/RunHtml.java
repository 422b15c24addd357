package org.listguard.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.listguard.events.Journaled;
import org.listguard.events.RunRecord;
import org.listguard.events.RunRecordCodec;
import org.listguard.journal.RecipientRow;
import org.listguard.journal.Run;
import org.listguard.journal.RunHistory;
import org.listguard.journal.RunState;
import org.listguard.journal.RunStatus;
import org.listguard.journal.Timestamps;

/**
 * A run as one self-contained HTML file, the evidence packet for a delisting request: no scripts,
 * no external assets (it can be mailed, attached or printed). Top to bottom: the verdict in words
 * and what to do now (the same {@link Advisor} {@code status} uses); the pause evidence as cards
 * with a copy-ready block per receiving provider; the gate's audit findings; outcomes per
 * provider and per batch, and DSN delays, as inline SVG ({@link Charts}); the refusals and DSNs
 * (pending recipients never tried are a count); the run's events in words. Every value from the
 * journal is HTML-escaped: replies are remote input.
 */
public final class RunHtml {
    private static final String CSS = String.join("",
            "*{box-sizing:border-box}body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:0 auto;padding:1.5em;max-width:1100px;color:#1b1b1b;background:#fff}",
            "h1{font-size:1.5em;margin:.2em 0}h2{font-size:1.15em;margin:1.8em 0 .6em;border-bottom:2px solid #e0e0e0;padding-bottom:.2em}",
            "h3{font-size:1em;margin:.2em 0 .4em}.meta{color:#555;margin:.2em 0 1em}",
            ".verdict{border-radius:8px;padding:1em 1.2em;margin:1em 0;border:2px solid}.verdict p{margin:.3em 0}",
            ".verdict .words{font-size:1.45em;font-weight:700}",
            ".v-completed{background:#e8f5e9;border-color:#2e7d32}.v-paused{background:#fff3e0;border-color:#e65100}",
            ".v-aborted,.v-interrupted{background:#ffebee;border-color:#b71c1c}.v-running{background:#e3f2fd;border-color:#1565c0}",
            "ol.advice{padding-left:1.4em}ol.advice li{margin:.6em 0}.url{font-family:ui-monospace,monospace;overflow-wrap:anywhere}",
            ".cards{display:grid;grid-template-columns:1fr;gap:.8em}",
            ".card{border:1px solid #ccc;border-left:6px solid #c62828;border-radius:6px;padding:.7em 1em;break-inside:avoid;page-break-inside:avoid}",
            ".card dl{display:grid;grid-template-columns:11em 1fr;gap:.15em .8em;margin:.4em 0}.card dt{color:#555}.card dd{margin:0;overflow-wrap:anywhere}",
            ".reply{font-family:ui-monospace,Menlo,Consolas,monospace;white-space:pre-wrap;overflow-wrap:anywhere;word-break:break-word}",
            "pre.copy{font-family:ui-monospace,Menlo,Consolas,monospace;white-space:pre-wrap;overflow-wrap:anywhere;background:#f6f8fa;",
            "border:1px dashed #999;border-radius:6px;padding:.8em;margin:.4em 0 1em;user-select:all}",
            "table{border-collapse:collapse;width:100%;margin:.4em 0}td,th{border:1px solid #d0d0d0;padding:.3em .5em;text-align:left;vertical-align:top}",
            "th{background:#f3f3f3}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}tr.reply-row td{border-top:none;background:#fafafa}",
            ".s-fail,.s-rejected{color:#b71c1c;font-weight:600}.s-warn,.s-deferred,.s-held{color:#a15c00;font-weight:600}",
            ".s-unknown{color:#5d4037;font-weight:600}.s-pass,.s-accepted{color:#1b5e20}",
            ".finding{overflow-wrap:anywhere}svg.chart{width:100%;height:auto;max-width:760px;display:block;margin:.5em 0}svg text{font:12px system-ui,sans-serif;fill:#333}",
            "svg .marker-label{font-weight:600}svg .no-data{fill:#777}.note{color:#555}footer{margin-top:2em;color:#666;font-size:.9em}",
            "@media print{body{max-width:none;padding:0;font-size:11pt}h2{page-break-after:avoid}.verdict,.card,svg.chart,table{page-break-inside:avoid}",
            "a{color:inherit}}");

    /** Providers in the table (largest first); the JSON report has them all. */
    static final int PROVIDERS_SHOWN = 50;

    private RunHtml() {}

    public static void write(RunData data, Writer out) throws IOException {
        Run run = data.run();
        RunStatus s = data.status();
        RunFacts facts = RunFacts.of(data);
        PauseFacts pause = PauseFacts.of(run);
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>listguard run ")
                .append(esc(run.id())).append("</title><style>").append(CSS).append("</style></head><body>\n");
        h.append("<header><h1>Run ").append(esc(run.id())).append(" — campaign ").append(esc(run.campaign())).append("</h1>\n")
                .append("<p class=\"meta\">Started ").append(esc(Timestamps.format(run.startedAt()))).append(" UTC")
                .append(run.finishedAt() == null ? "" : ", finished " + esc(Timestamps.format(run.finishedAt())) + " UTC")
                .append(" · relay ").append(esc(run.relay() == null ? "(none yet)" : run.relay()))
                .append(" · ").append(s.total()).append(" recipient(s)")
                .append(run.forced() ? " · <strong>gate overridden with --force</strong>" : "").append("</p></header>\n");
        verdict(h, run, s, facts, data.events());
        advice(h, data.advice());
        evidence(h, run, pause, data.advice());
        out.write(h.toString());
        h.setLength(0);
        audit(h, run);
        providers(h, facts);
        placements(h, data.events());
        batches(h, facts);
        refusals(h, facts, s, data.dsns());
        dsns(h, data.dsns(), facts);
        DmarcHtml.section(h, data.dmarc()); // receivers' DMARC reports about the run's days (issue 24)
        events(h, data.events());
        h.append("<footer>Generated by listguard. Times are UTC (ISO-8601 with milliseconds). Replies are quoted exactly as received. ")
                .append("Every recipient with its reply is in <code>report ").append(esc(run.id())).append(" --format csv</code>.</footer>\n</body></html>\n");
        out.write(h.toString());
        out.flush();
    }

    private static void verdict(StringBuilder h, Run run, RunStatus s, RunFacts f, List<Journaled> events) {
        String state = run.state().db();
        h.append("<section class=\"verdict v-").append(esc(state)).append("\" id=\"verdict\">");
        long refused = s.count("rejected") + s.count("unknown");
        String words = switch (run.state()) {
            case COMPLETED -> "Completed";
            case PAUSED -> "Paused";
            case RUNNING -> "Running (or stopped without a record)";
            default -> state.substring(0, 1).toUpperCase(Locale.ROOT) + state.substring(1);
        };
        h.append("<p class=\"words\">").append(esc(words)).append("</p>");
        if (run.state() == RunState.PAUSED) {
            h.append("<p>").append(esc(run.pauseReason() == null ? "The run paused." : "Why: " + run.pauseReason() + "."))
                    .append(" Nothing more is sent until you resume it (see “What to do now”).</p>");
        } else if (run.state() == RunState.RUNNING) {
            h.append("<p>The journal says this run is still going. If no send is running, it stopped without a record (a crash or a kill); the next send of the campaign resumes it.</p>");
        }
        h.append("<p>").append(s.count("accepted")).append(" of ").append(s.total()).append(" accepted by the relay, ")
                .append(refused).append(" refused, ").append(s.count("deferred")).append(" deferred, ")
                .append(f.total().held()).append(" held back after a sender-side refusal, ")
                .append(f.untried()).append(" not tried yet, ").append(s.count("skipped")).append(" skipped")
                .append(f.total().failed() > 0 ? ", " + f.total().failed() + " failed (could not be composed or sent)" : "")
                .append(f.total().unconfirmed() > 0 ? ", " + f.total().unconfirmed() + " unconfirmed (accepted by the relay, their provider's seed "
                        + "never arrived: not counted delivered, not sent again without --resend-unconfirmed)" : "").append(".</p>");
        List<String> suspended = suspended(events);
        if (!suspended.isEmpty()) {
            h.append("<p><strong>Suspended providers:</strong> ").append(esc(String.join(", ", suspended))).append("</p>");
        }
        h.append("</section>\n");
    }

    /** Providers named by suspension records (issue 8's guard), in order, without repeats. */
    private static List<String> suspended(List<Journaled> events) {
        List<String> out = new ArrayList<>();
        for (Journaled e : events) {
            if (!(e.record() instanceof RunRecord.ProviderSuspended s)) continue;
            String name = s.provider() == null ? RunFacts.flatten(RunRecordCodec.shown(s)) : s.provider();
            if (!out.contains(name)) out.add(name);
        }
        return out;
    }

    private static void advice(StringBuilder h, List<Advice> advice) {
        h.append("<section id=\"advice\"><h2>What to do now</h2>");
        if (advice.isEmpty()) {
            h.append("<p>Nothing: the run is not paused. Check the refusals below for members to remove or replies to follow up.</p></section>\n");
            return;
        }
        h.append("<ol class=\"advice\">");
        for (Advice a : advice) {
            h.append("<li><h3>").append(esc(a.title())).append("</h3>");
            if (a.url() != null) h.append("<div class=\"url\">").append(esc(a.url())).append("</div>");
            h.append("<ul>");
            for (String step : a.steps()) h.append("<li>").append(esc(step)).append("</li>");
            h.append("</ul></li>");
        }
        h.append("</ol></section>\n");
    }

    private static void evidence(StringBuilder h, Run run, PauseFacts pause, List<Advice> advice) {
        h.append("<section id=\"evidence\"><h2>Evidence</h2>");
        if (pause.items().isEmpty()) {
            h.append("<p>").append(run.state() == RunState.PAUSED ? "The pause recorded no evidence." : "The run was not stopped by the guard; there is no pause evidence.")
                    .append("</p></section>\n");
            return;
        }
        h.append("<div class=\"cards\">");
        Map<String, List<PauseFacts.Item>> byProvider = new LinkedHashMap<>();
        for (PauseFacts.Item i : pause.items()) {
            h.append("<div class=\"card\"><h3>").append(esc(kind(i))).append("</h3><dl>");
            dd(h, "Exact reply", i.text(), true);
            dd(h, "Reply code", i.code(), false);
            dd(h, "Enhanced code", i.enhanced(), false);
            dd(h, "Relay", i.relay(), false);
            dd(h, "Egress IP", egress(i, pause), false);
            dd(h, "Receiving provider", i.domain() == null ? null : Providers.of(i.domain()), false);
            dd(h, "Source", i.source(), false);
            dd(h, "Time (UTC)", i.at(), false);
            dd(h, "Message-ID", i.messageId(), false);
            dd(h, "Queue id", i.queueId(), false);
            dd(h, "Seed address", i.seed(), false);
            h.append("</dl></div>");
            byProvider.computeIfAbsent(group(i), k -> new ArrayList<>()).add(i);
        }
        h.append("</div>");
        h.append("<h3>Copy-ready blocks for the delisting and support forms</h3><p class=\"note\">One block per receiving provider: "
                + "Cloudmark CSI asks for the exact 5xx and a time-stamped log line; Microsoft sender support, Spamhaus and Talos for the IP, "
                + "the time and the reply.</p>");
        for (Map.Entry<String, List<PauseFacts.Item>> e : byProvider.entrySet()) {
            h.append("<h3>").append(esc(e.getKey())).append("</h3><pre class=\"copy\">").append(esc(copyBlock(run, e.getValue(), pause, advice)))
                    .append("</pre>");
        }
        h.append("</section>\n");
    }

    private static String kind(PauseFacts.Item i) {
        String k = i.kind() == null ? "evidence" : i.kind();
        return switch (k) {
            case "reputation" -> "Refused for the sending IP's reputation";
            case "sender" -> "Refused for the sender (domain or authentication)";
            case "throttle" -> "Rate-limited by the receiver";
            case "content" -> "Refused for the content";
            case "relay" -> "The relay could not be used";
            case "listing" -> "Listed on a blocklist";
            case "seed" -> "A seed message did not arrive";
            case "placement" -> "A seed was filed in junk (or never arrived) at its provider";
            default -> k.substring(0, 1).toUpperCase(Locale.ROOT) + k.substring(1);
        };
    }

    private static String group(PauseFacts.Item i) {
        if (i.domain() != null) return "Receiving provider " + Providers.of(i.domain());
        if ("listing".equals(i.kind()) && i.source() != null) return "Blocklist " + i.source();
        if (i.relay() != null) return "Relay " + i.relay();
        return "Other evidence";
    }

    private static String egress(PauseFacts.Item i, PauseFacts pause) {
        return i.ip().orElse(pause.relayIps().isEmpty() ? null : String.join(", ", pause.relayIps()));
    }

    private static String copyBlock(Run run, List<PauseFacts.Item> items, PauseFacts pause, List<Advice> advice) {
        StringBuilder b = new StringBuilder();
        PauseFacts.Item first = items.get(0);
        line(b, "Sending IP", egress(first, pause));
        if (pause.originIp() != null) line(b, "List server (origin) IP", pause.originIp());
        line(b, "Relay", first.relay());
        for (PauseFacts.Item i : items) {
            b.append('\n');
            line(b, "Time (UTC)", i.at());
            line(b, "Exact SMTP reply", i.text());
            Map<String, Object> kv = new LinkedHashMap<>();
            kv.put("run", run.id());
            kv.put("relay", i.relay());
            kv.put("rcpt_domain", i.domain());
            kv.put("code", i.code());
            kv.put("dsn", i.enhanced());
            kv.put("message_id", i.messageId());
            kv.put("queue_id", i.queueId());
            kv.put("reply", i.text());
            line(b, "Log line", (i.at() == null ? "" : i.at() + " ") + KeyValue.line(kv));
        }
        List<String> forms = new ArrayList<>();
        for (Advice a : advice) {
            if (a.quote() != null && items.stream().anyMatch(i -> a.quote().equals(i.text()))) {
                forms.add(a.title() + (a.url() == null ? "" : ": " + a.url()));
            }
        }
        if (!forms.isEmpty()) b.append('\n').append("Where to send it: ").append(String.join("; ", forms)).append('\n');
        return b.toString().stripTrailing();
    }

    private static void line(StringBuilder b, String k, String v) {
        if (v != null) b.append(k).append(": ").append(v).append('\n');
    }

    private static void dd(StringBuilder h, String k, String v, boolean reply) {
        if (v == null) return;
        h.append("<dt>").append(esc(k)).append("</dt><dd").append(reply ? " class=\"reply\"" : "").append('>').append(esc(v)).append("</dd>");
    }

    private static void audit(StringBuilder h, Run run) {
        h.append("<section id=\"audit\"><h2>The gate's audit</h2>");
        JsonNode a = parse(run.audit());
        if (a == null || !a.has("findings")) {
            h.append("<p>The journal has no audit for this run.</p></section>\n");
            return;
        }
        h.append("<p>Verdict <strong>").append(esc(a.path("verdict").asText("?").toUpperCase(Locale.ROOT))).append("</strong>")
                .append(a.has("checked_at") ? ", checked " + esc(a.get("checked_at").asText()) + " UTC" : "").append(".</p>");
        List<JsonNode> problems = new ArrayList<>();
        List<String> passes = new ArrayList<>();
        for (JsonNode f : a.get("findings")) {
            if (f.path("status").asText().equals("pass")) passes.add(f.path("check").asText() + " " + f.path("target").asText()
                    + (f.hasNonNull("source") ? " [" + f.get("source").asText() + "]" : ""));
            else problems.add(f);
        }
        if (!problems.isEmpty()) {
            h.append("<table><tr><th>status</th><th>check</th><th>target</th><th>finding</th><th>what to do</th></tr>");
            for (JsonNode f : problems) {
                String st = f.path("status").asText();
                h.append("<tr><td class=\"s-").append(esc(st)).append("\">").append(esc(st)).append("</td><td>").append(esc(f.path("check").asText()))
                        .append(f.hasNonNull("source") ? "<br><small>" + esc(f.get("source").asText()) + "</small>" : "")
                        .append("</td><td>").append(esc(f.path("role").asText(""))).append(' ').append(esc(f.path("target").asText("")))
                        .append("</td><td class=\"finding\">").append(esc(join(f, "code", "meaning", "detail"))).append("</td><td>")
                        .append(esc(join(f, "remediation", "url"))).append("</td></tr>");
            }
            h.append("</table>");
        } else {
            h.append("<p>No finding other than pass.</p>");
        }
        if (!passes.isEmpty()) h.append("<p class=\"note\">").append(passes.size()).append(" passed: ").append(esc(String.join("; ", passes))).append("</p>");
        h.append("</section>\n");
    }

    private static String join(JsonNode f, String... fields) {
        List<String> parts = new ArrayList<>();
        for (String k : fields) if (f.hasNonNull(k)) parts.add(f.get(k).asText());
        return String.join(" — ", parts);
    }

    private static void providers(StringBuilder h, RunFacts f) {
        h.append("<section id=\"providers\"><h2>Outcomes per receiving provider</h2>");
        h.append(Charts.providers(f.providers(), 15));
        if (!f.providers().isEmpty()) {
            h.append("<table><tr><th>provider</th>");
            for (String k : RunFacts.OUTCOMES) h.append("<th class=\"n\">").append(k).append("</th>");
            h.append("</tr>");
            List<Map.Entry<String, RunFacts.Tally>> all = f.providers();
            for (var e : all.subList(0, Math.min(PROVIDERS_SHOWN, all.size()))) {
                h.append("<tr><td>").append(esc(e.getKey())).append("</td>");
                for (var c : e.getValue().tried(true).values()) h.append("<td class=\"n\">").append(c).append("</td>");
                h.append("</tr>");
            }
            h.append("</table>");
            if (all.size() > PROVIDERS_SHOWN) {
                h.append("<p class=\"note\">").append(all.size() - PROVIDERS_SHOWN).append(" smaller provider(s) not shown: the JSON report has them all.</p>");
            }
            h.append("<p class=\"note\">held = refused for a sender-side reason (reputation, sender, throttle) by the relay or, in a DSN, by a receiver behind it, or waiting while its receiving provider is suspended: not suppressed, sent again when the run resumes.</p>");
        }
        h.append("</section>\n");
    }

    /** Where the seeds landed, per receiving provider, with the receivers' own verdicts (issue 23); nothing without seeds. */
    @SuppressWarnings("unchecked")
    private static void placements(StringBuilder h, List<org.listguard.events.Journaled> events) {
        List<Map<String, Object>> seeds = new java.util.ArrayList<>(SeedPlacements.of(events));
        if (seeds.isEmpty()) return;
        seeds.sort(java.util.Comparator.comparing(m -> String.valueOf(m.get("provider"))));
        h.append("<section id=\"placement\"><h2>Seed placement per provider</h2><table><tr><th>provider</th><th>seed</th>"
                + "<th>placement</th><th>folder</th><th>spf</th><th>dkim</th><th>dmarc</th><th>spam</th><th class=\"n\">after</th></tr>");
        for (Map<String, Object> m : seeds) {
            Map<String, Object> a = (Map<String, Object>) m.get("authentication");
            Map<String, Object> sp = (Map<String, Object>) m.get("spam");
            String spam = sp == null ? "" : sp.get("engine") + (sp.get("score") == null ? "" : " " + sp.get("score"))
                    + (sp.get("threshold") == null ? "" : "/" + sp.get("threshold")) + (Boolean.TRUE.equals(sp.get("flagged")) ? " flagged" : "")
                    + (sp.get("rules") instanceof List<?> r && !r.isEmpty() ? " (" + String.join(", ", (List<String>) r) + ")" : "");
            h.append("<tr><td>").append(esc(String.valueOf(m.get("provider")))).append("</td><td>").append(esc(String.valueOf(m.get("address"))))
                    .append("</td><td class=\"s-").append(esc(String.valueOf(m.get("placement")))).append("\">").append(esc(String.valueOf(m.get("placement"))))
                    .append("</td><td>").append(esc(m.get("folder") == null ? "" : String.valueOf(m.get("folder"))));
            for (String k : List.of("spf", "dkim", "dmarc")) h.append("</td><td>").append(esc(a.get(k) == null ? "" : String.valueOf(a.get(k))));
            h.append("</td><td>").append(esc(spam)).append("</td><td class=\"n\">")
                    .append(m.get("after_seconds") == null ? "" : m.get("after_seconds") + " s").append("</td></tr>");
        }
        h.append("</table><p class=\"note\">Read from each seed's own mailbox (inbox or junk folder) and the headers its receiving "
                + "provider wrote: Authentication-Results under the receiver's authserv-id, its spam engine's verdict. A seed in junk "
                + "suspends its provider: its members wait.</p></section>\n");
    }

    private static void batches(StringBuilder h, RunFacts f) {
        h.append("<section id=\"batches\"><h2>Outcomes over time, per batch</h2>").append(Charts.batches(f.batches(), f.markers()));
        if (!f.markers().isEmpty()) {
            h.append("<ul class=\"markers\">");
            for (RunFacts.Marker m : f.markers()) {
                h.append("<li>").append(esc(Timestamps.format(m.at()))).append(" UTC, after batch ").append(m.afterBatch()).append(": ")
                        .append(esc(m.label())).append("</li>");
            }
            h.append("</ul>");
        }
        h.append("</section>\n");
    }

    private static void refusals(StringBuilder h, RunFacts f, RunStatus s, List<RunHistory.Dsn> dsns) {
        // a blocked member was accepted by the relay (its 250 is no evidence of the refusal): quote the receiver's DSN instead
        java.util.Map<Long, RunHistory.Dsn> refusedBy = new java.util.HashMap<>();
        for (RunHistory.Dsn d : dsns) if ("dsn".equals(d.kind())) refusedBy.put(d.seq(), d);
        h.append("<section id=\"refusals\"><h2>Refusals</h2>");
        h.append("<p>").append(f.refusalCount()).append(" recipient(s) were tried and not accepted");
        if (f.refusalCount() > f.refusals().size()) h.append(" (the first ").append(f.refusals().size()).append(" are shown; the CSV report has all)");
        h.append(". ").append(f.untried()).append(" pending recipient(s) were never tried: they are sent when the run resumes.");
        if (!f.skipReasons().isEmpty()) {
            List<String> parts = new ArrayList<>();
            f.skipReasons().forEach((k, v) -> parts.add(v + " " + k));
            h.append(" Skipped before sending: ").append(esc(String.join(", ", parts))).append('.');
        }
        h.append("</p>");
        if (!f.refusals().isEmpty()) {
            h.append("<table class=\"refusals\"><tr><th>#</th><th>recipient</th><th>provider</th><th>status</th><th>code</th><th>action</th>"
                    + "<th>relay</th><th>at (UTC)</th><th>Message-ID</th></tr>");
            for (RecipientRow r : f.refusals()) {
                String status = r.status().db().equals("pending") || r.status().db().equals("sending") ? "held" : r.status().db();
                h.append("<tr><td class=\"n\">").append(r.seq()).append("</td><td>").append(esc(r.email())).append("</td><td>")
                        .append(esc(Providers.of(r.email()))).append("</td><td class=\"s-").append(status).append("\">").append(status)
                        .append("</td><td>").append(r.replyCode() == 0 ? "" : r.replyCode()).append(r.enhancedCode() == null ? "" : " " + esc(r.enhancedCode()))
                        .append("</td><td>").append(esc(r.action())).append(r.reason() == null ? "" : " (" + esc(org.listguard.reply.Reasons.explained(r.reason())) + ")")
                        .append("</td><td>").append(esc(r.relay())).append("</td><td>").append(esc(Timestamps.format(r.updatedAt())))
                        .append("</td><td class=\"url\">").append(esc(r.messageId())).append("</td></tr>");
                RunHistory.Dsn d = r.status() == org.listguard.journal.RecipientStatus.BLOCKED ? refusedBy.get(r.seq()) : null;
                String quote = d != null ? "refused after the relay accepted it (" + esc(r.replyText() == null ? "250" : r.replyText())
                        + "), by " + esc(d.remoteHost() == null ? "a receiver" : d.remoteHost()) + " at " + esc(Timestamps.format(d.at())) + ": "
                        + esc(d.diagnostic() == null ? "(no diagnostic)" : d.diagnostic())
                        : esc(r.replyText() == null ? "(no reply)" : r.replyText());
                h.append("<tr class=\"reply-row\"><td></td><td colspan=\"8\" class=\"reply\">").append(quote).append("</td></tr>");
            }
            h.append("</table>");
        }
        h.append("</section>\n");
    }

    private static void dsns(StringBuilder h, List<RunHistory.Dsn> dsns, RunFacts f) {
        h.append("<section id=\"dsns\"><h2>Bounces (DSNs) and complaints</h2>").append(Charts.dsnDelays(f.dsnDelays()));
        if (!dsns.isEmpty()) {
            h.append("<table><tr><th>#</th><th>address</th><th>kind</th><th>action</th><th>status</th><th>accepted by relay</th>"
                    + "<th>processed</th><th>remote host</th></tr>");
            for (RunHistory.Dsn d : dsns) {
                h.append("<tr><td class=\"n\">").append(d.seq()).append("</td><td>").append(esc(d.address())).append("</td><td>")
                        .append(esc(d.kind())).append("</td><td>").append(esc(d.action())).append(d.reason() == null ? "" : " (" + esc(org.listguard.reply.Reasons.explained(d.reason())) + ")")
                        .append("</td><td>").append(d.replyCode() == 0 ? "" : d.replyCode() + " ").append(esc(d.enhancedCode()))
                        .append("</td><td>").append(esc(Timestamps.format(d.sentAt()))).append("</td><td>").append(esc(Timestamps.format(d.at())))
                        .append("</td><td>").append(esc(d.remoteHost())).append("</td></tr>");
                if (d.diagnostic() != null) {
                    h.append("<tr class=\"reply-row\"><td></td><td colspan=\"7\" class=\"reply\">").append(esc(d.diagnostic())).append("</td></tr>");
                }
            }
            h.append("</table>");
        }
        h.append("</section>\n");
    }

    private static void events(StringBuilder h, List<Journaled> events) {
        List<Journaled> shown = events.stream().filter(e -> !(e.record() instanceof RunRecord.Batch)).toList();
        h.append("<section id=\"events\"><h2>Events</h2>");
        if (shown.isEmpty()) {
            h.append("<p>No event was journaled.</p></section>\n");
            return;
        }
        h.append("<table><tr><th>at (UTC)</th><th>event</th><th>detail</th></tr>");
        for (Journaled e : shown) {
            h.append("<tr><td>").append(esc(Timestamps.format(e.at()))).append("</td><td>").append(esc(e.kind().replace('_', ' ')))
                    .append("</td><td class=\"reply\">").append(esc(RunFacts.flatten(RunRecordCodec.shown(e.record())))).append("</td></tr>");
        }
        h.append("</table></section>\n");
    }

    private static JsonNode parse(String json) {
        if (json == null || json.isBlank()) return null;
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            return null;
        }
    }

    /** HTML-escapes text for element content and quoted attribute values. */
    static String esc(String s) {
        if (s == null) return "";
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t') sb.append("&#xFFFD;");
                    else sb.append(c);
                }
            }
        }
        return sb.toString();
    }
}
