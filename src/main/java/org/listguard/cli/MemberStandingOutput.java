package org.listguard.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.listguard.config.BounceScore;
import org.listguard.config.Durations;
import org.listguard.feedback.EvidencePolicy;
import org.listguard.journal.MemberEvidence;
import org.listguard.journal.Suppression;
import org.listguard.journal.Timestamps;
import org.listguard.report.Json;
import org.listguard.report.Visible;

/**
 * Renders one member's bounce evidence, score and suppression ({@code members show},
 * {@code suppression explain}; issue 22). JSON shape:
 * <pre>
 * {"address": "…", "suppressed": true, "suppression": {"action", "reason", "run", "at", "evidence"} | null,
 *  "verdict": "suppress-definitive|suppress-score|needs-look|watch|clean", "why": "…", "score": 2.5, "threshold": 5.0,
 *  "runs": 1, "look": 4.0, "look_runs": 2, "stale_after": "90d", "reset": {"at", "by"} | null,
 *  "history": [{"at", "run", "seq", "kind", "action", "reason", "status", "status_from", "reply_code", "stage",
 *               "reporting_mta", "remote_mta", "diagnostic", "source", "report", "grade", "weight", "counts", "note", "why"}]}
 * </pre>
 */
final class MemberStandingOutput {
    private MemberStandingOutput() {}

    /** Everything shown about one member. */
    record View(String address, Optional<Suppression> suppression, EvidencePolicy.Standing standing,
                Optional<MemberEvidence.Reset> reset, BounceScore settings) {}

    static String json(View v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("address", v.address());
        m.put("suppressed", v.suppression().isPresent());
        m.put("suppression", v.suppression().map(s -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("action", s.action().json());
            x.put("reason", s.reason());
            x.put("run", s.sourceRun());
            x.put("at", Timestamps.format(s.at()));
            x.put("evidence", s.evidence());
            return x;
        }).orElse(null));
        EvidencePolicy.Standing st = v.standing();
        m.put("verdict", st.verdict().json());
        m.put("why", st.why());
        m.put("score", st.score());
        m.put("threshold", st.threshold());
        m.put("runs", st.runs());
        m.put("look", st.look());
        m.put("look_runs", st.lookRuns());
        m.put("stale_after", Durations.format(v.settings().staleAfter()));
        m.put("reset", v.reset().map(r -> Map.of("at", Timestamps.format(r.at()), "by", r.by())).orElse(null));
        List<Map<String, Object>> history = new ArrayList<>();
        for (EvidencePolicy.Line l : st.history()) {
            MemberEvidence.Entry e = l.weighed().entry();
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("at", Timestamps.format(e.at()));
            x.put("run", e.run());
            x.put("seq", e.seq());
            x.put("kind", e.kind());
            x.put("action", e.action());
            x.put("reason", e.reason());
            x.put("status", e.status());
            x.put("status_from", e.statusFrom());
            x.put("reply_code", e.replyCode() == 0 ? null : e.replyCode());
            x.put("stage", e.stage());
            x.put("reporting_mta", e.reportingMta());
            x.put("remote_mta", e.remoteMta());
            x.put("diagnostic", e.diagnostic());
            x.put("source", e.source());
            x.put("report", e.messageKey());
            x.put("grade", l.weighed().grade().json());
            x.put("weight", l.weighed().weight());
            x.put("counts", l.counts());
            x.put("note", l.note());
            x.put("why", l.weighed().why());
            history.add(x);
        }
        m.put("history", history);
        return Json.write(m) + System.lineSeparator();
    }

    static String text(View v) {
        StringBuilder sb = new StringBuilder();
        EvidencePolicy.Standing st = v.standing();
        sb.append("member ").append(v.address()).append(": ");
        if (v.suppression().isPresent()) {
            Suppression s = v.suppression().get();
            sb.append("SUPPRESSED since ").append(Timestamps.format(s.at())).append(" (").append(s.action().json()).append(", ")
                    .append(org.listguard.reply.Reasons.explained(s.reason())).append(s.sourceRun() == null ? "" : ", run " + s.sourceRun()).append(")\n");
            if (s.evidence() != null && st.history().isEmpty()) sb.append("  evidence: ").append(s.evidence()).append('\n');
        } else {
            sb.append("not suppressed\n");
        }
        if (st.verdict() == EvidencePolicy.Verdict.NEEDS_LOOK && v.suppression().isEmpty()) sb.append("  NEEDS YOUR LOOK\n");
        sb.append("  bounce evidence: ").append(st.why()).append('\n');
        sb.append(String.format(Locale.ROOT, "  score %.1f of %.1f over %d run(s); evidence counts for %s; suppressed only at the "
                + "threshold over at least two runs, or at once on a definitive report%n", st.score(), st.threshold(), st.runs(),
                Durations.format(v.settings().staleAfter())));
        if (st.look() > st.score()) {
            sb.append(String.format(Locale.ROOT, "  look score %.1f of %.1f over %d run(s), with the evidence that the mailbox exists "
                    + "(its filter, full, disabled), which never suppresses%n", st.look(), st.threshold(), st.lookRuns()));
        }
        v.reset().ifPresent(r -> sb.append("  record started afresh ").append(Timestamps.format(r.at())).append(" by ").append(r.by()).append('\n'));
        if (!st.history().isEmpty()) sb.append("  history (oldest first):\n");
        for (EvidencePolicy.Line l : st.history()) {
            MemberEvidence.Entry e = l.weighed().entry();
            sb.append("    ").append(Timestamps.format(e.at())).append("  run ").append(e.run()).append(" #").append(e.seq()).append("  ")
                    .append(e.action()).append(' ').append(e.reason() == null ? "" : org.listguard.reply.Reasons.explained(e.reason()));
            if (e.status() != null) sb.append(' ').append(e.status()).append(statusFrom(e.statusFrom()));
            if (e.replyCode() != 0) sb.append(" reply ").append(e.replyCode());
            if (e.stage() != null && !"UNKNOWN".equals(e.stage())) sb.append(" at ").append(e.stage());
            if (e.remoteMta() != null) sb.append(" from ").append(e.remoteMta());
            if (e.reportingMta() != null) sb.append(" (reported by ").append(e.reportingMta()).append(')');
            sb.append('\n');
            sb.append("      ").append(l.counts() ? (l.weighed().weight() > 0 ? "counts: " : "") : "does not count, " + l.note() + ": ")
                    .append(l.weighed().why()).append('\n');
            if (e.diagnostic() != null) sb.append("      \"").append(Visible.line(e.diagnostic())).append("\"\n");
            sb.append("      report ").append(e.messageKey()).append(" in ").append(e.source()).append('\n');
        }
        return Visible.text(sb.toString());
    }

    /** How a status was read, for the text view. */
    private static String statusFrom(String from) {
        if ("status".equals(from)) return " (DSN Status:)";
        if ("text".equals(from)) return " (from the text)";
        return "";
    }
}
