package org.listguard.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.listguard.config.BounceSettings;
import org.listguard.reply.Action;
import org.listguard.feedback.ComplaintLevel;
import org.listguard.feedback.MemberBounces;
import org.listguard.feedback.ProcessSummary;
import org.listguard.report.Json;

/**
 * Renders what {@code bounces process} did. JSON shape:
 * <pre>
 * {"mailbox": "…", "read": N, "matched": N, "already_processed": N, "unmatched": N, "not_reports": N,
 *  "actions": {"reputation": N, "throttle": N, "sender": N, "hard": N, "soft": N, "content": N, "complaint": N, "none": N},
 *  "suppressed": N, "complaints": N,
 *  "complaint_rates": [{"campaign": "…", "run": "…", "complaints": N, "proven_by_feedback_loop": N, "member_reported": N,
 *                       "corroborated": true|false, "accepted": N, "rate_percent": 0.5, "level": "ok|warn|stop"}],
 *  (complaints: counted toward the rate: proven by a feedback loop, plus member_reported when corroborated)
 *  "unmatched_messages": ["…"], "not_report_messages": [{"source": "…", "why": "…"}],
 *  "unsubscribed": N, "unverified": N,
 *  "unverified_reports": [{"source": "…", "kind": "dsn|arf|…|unsubscribe", "recipient": "…", "why": "…", "claimed_run": "…"}]}
 * </pre>
 * "unmatched" counts the messages tied to no message we sent (DESIGN.md invariant 7); their
 * records are the unverified reports: journaled, changed nothing.
 * <pre>
 * </pre>
 */
final class BouncesSummaryOutput {
    private BouncesSummaryOutput() {}

    static String json(ProcessSummary s) {
        return Json.write(map(s)) + System.lineSeparator();
    }

    /**
     * With the members this pass suppressed on their bounce evidence (issue 22):
     * {@code "crossed_threshold": [{"address", "run", "decision": "suppress-definitive|suppress-score", "reason", "why"}]}.
     */
    static String json(ProcessSummary s, List<MemberBounces.Crossing> crossed) {
        return json(s, crossed, List.of());
    }

    /**
     * And the members this pass newly showed for the operator's look (refused run after run, with
     * evidence that the mailbox exists, never suppressed on it):
     * {@code "needs_look": [{"address", "run", "decision": "needs-look", "reason", "why"}]}.
     */
    static String json(ProcessSummary s, List<MemberBounces.Crossing> crossed, List<MemberBounces.Crossing> flagged) {
        Map<String, Object> m = map(s);
        m.put("crossed_threshold", crossings(crossed));
        m.put("needs_look", crossings(flagged));
        return Json.write(m) + System.lineSeparator();
    }

    private static List<Map<String, Object>> crossings(List<MemberBounces.Crossing> crossed) {
        return crossed.stream().map(c -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("address", c.address());
            x.put("run", c.run());
            x.put("decision", c.verdict().json());
            x.put("reason", c.reason());
            x.put("why", c.why());
            return x;
        }).toList();
    }

    /** The members this pass suppressed on their bounce evidence, one line each, or nothing. */
    static String crossed(List<MemberBounces.Crossing> crossed) {
        if (crossed.isEmpty()) return "";
        StringBuilder sb = new StringBuilder("  suppressed on their bounce evidence (`listguard members show ADDRESS` for the history):\n");
        for (MemberBounces.Crossing c : crossed) {
            sb.append("    ").append(c.address()).append(" (run ").append(c.run()).append("): ").append(c.why()).append('\n');
        }
        return org.listguard.report.Visible.text(sb.toString());
    }

    /** The members this pass newly showed for the operator's look, one line each, or nothing. */
    static String flagged(List<MemberBounces.Crossing> flagged) {
        if (flagged.isEmpty()) return "";
        StringBuilder sb = new StringBuilder("  needs your look (refused run after run, but the receiver's words say the mailbox exists; "
                + "never suppressed on that alone; `listguard members show ADDRESS`):\n");
        for (MemberBounces.Crossing c : flagged) {
            sb.append("    ").append(c.address()).append(" (run ").append(c.run()).append(", ").append(c.reason()).append(")\n");
        }
        return org.listguard.report.Visible.text(sb.toString());
    }

    private static Map<String, Object> map(ProcessSummary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mailbox", s.mailbox());
        m.put("read", s.read());
        m.put("matched", s.matched());
        m.put("already_processed", s.alreadyProcessed());
        m.put("unmatched", s.unmatched().size());
        m.put("not_reports", s.unrelated().size());
        Map<String, Long> actions = new LinkedHashMap<>();
        for (Action a : Action.values()) actions.put(a.json(), s.count(a));
        m.put("actions", actions);
        m.put("suppressed", s.suppressed());
        m.put("complaints", s.complaints());
        m.put("complaint_rates", s.rates().stream().map(r -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("campaign", r.rate().campaign());
            x.put("run", r.rate().run());
            x.put("complaints", r.rate().complaints());
            x.put("proven_by_feedback_loop", r.rate().proven());
            x.put("member_reported", r.rate().members());
            x.put("corroborated", r.rate().corroborated());
            x.put("accepted", r.rate().accepted());
            x.put("rate_percent", Math.round(r.rate().percent() * 1000) / 1000.0);
            x.put("level", r.level().name().toLowerCase(Locale.ROOT));
            return x;
        }).toList());
        m.put("unmatched_messages", s.unmatched());
        m.put("not_report_messages", s.unrelated().stream().map(u -> Map.of("source", u.source(), "why", u.why())).toList());
        m.put("unsubscribed", s.unsubscribed());
        m.put("unverified", s.unverified().size());
        m.put("unverified_reports", s.unverified().stream().map(u -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("source", u.source());
            x.put("kind", u.kind());
            x.put("recipient", u.recipient());
            x.put("why", u.why());
            x.put("claimed_run", u.claimedRun());
            return x;
        }).toList());
        return m;
    }

    static String text(ProcessSummary s, BounceSettings limits) {
        StringBuilder sb = new StringBuilder();
        sb.append("bounces process: ").append(s.mailbox()).append('\n');
        sb.append(String.format(Locale.ROOT, "  %d message(s) read: %d applied, %d already processed, %d unmatched and %d not reports"
                + " (both left alone)%n", s.read(), s.matched(), s.alreadyProcessed(), s.unmatched().size(), s.unrelated().size()));
        StringBuilder acts = new StringBuilder();
        for (Action a : Action.values()) {
            if (s.count(a) > 0) acts.append(acts.length() == 0 ? "" : ", ").append(a.json()).append(' ').append(s.count(a));
        }
        sb.append("  applied: ").append(acts.length() == 0 ? "nothing" : acts).append('\n');
        sb.append("  suppressed: ").append(s.suppressed()).append(" new address(es); complaints: ").append(s.complaints()).append(" new");
        sb.append("; unsubscribed: ").append(s.unsubscribed()).append(" new\n");
        if (!s.unverified().isEmpty()) {
            sb.append(String.format(Locale.ROOT, "  UNVERIFIED: %d record(s) tied to no message we sent (no keyed token and no Message-ID of ours;"
                    + " an address alone proves nothing): journaled, changed nothing%n", s.unverified().size()));
            for (ProcessSummary.Unverified u : s.unverified()) {
                sb.append("    ").append(u.source()).append(": ").append(u.kind()).append(u.recipient() == null ? "" : " about " + u.recipient())
                        .append(" — ").append(u.why()).append(u.claimedRun() == null ? "" : " (claims run " + u.claimedRun() + ")").append('\n');
            }
        }
        for (ProcessSummary.Rate r : s.rates()) {
            sb.append(String.format(Locale.ROOT, "  campaign %s, run %s: complaint rate %.2f %% (%d of %d accepted)",
                    r.rate().campaign(), r.rate().run(), r.rate().percent(), r.rate().complaints(), r.rate().accepted()));
            if (r.rate().members() > 0 && !r.rate().corroborated()) {
                sb.append(String.format(Locale.ROOT, "; not counted: %d member(s) complaining by their own report only, fewer than"
                        + " guard.corroborate=%d", r.rate().members(), r.rate().corroborate()));
            }
            if (r.level() == ComplaintLevel.STOP) {
                sb.append(" — STOP: over complaint_stop ").append(limits.complaintStop())
                        .append(" %; the next send of ").append(r.rate().campaign()).append(" will be refused");
            } else if (r.level() == ComplaintLevel.WARN) {
                sb.append(" — WARNING: over complaint_warn ").append(limits.complaintWarn()).append(" %");
            }
            sb.append('\n');
        }
        list(sb, "unverified messages (left alone)", s.unmatched());
        list(sb, "not reports (left alone)", s.unrelated().stream().map(u -> u.source() + ": " + u.why()).toList());
        return org.listguard.report.Visible.text(sb.toString());
    }

    private static void list(StringBuilder sb, String title, List<String> items) {
        if (items.isEmpty()) return;
        sb.append("  ").append(title).append(":\n");
        for (String i : items) sb.append("    ").append(i).append('\n');
    }
}
