package org.listguard.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.listguard.journal.RunStatus;
import org.listguard.report.Invocation;
import org.listguard.report.Json;
import org.listguard.send.SendOutcome;

/**
 * {@code send --format json}: how the send ended, for scripts —
 * {@code {"run","result","exit_code","state","message","total","counts","actions"}}; {@code result} is
 * completed | paused | refused (the gate: no-go or unknown; or already sent in its period) | not-started (dry run, not confirmed,
 * the campaign is locked). {@code run} is null when no run was started.
 */
final class SendJson {
    private SendJson() {}

    static String render(SendOutcome r, RunStatus s, Invocation inv) {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("run", r.runId());
        n.put("result", result(r, s));
        n.put("exit_code", ExitCode.of(r));
        n.put("state", s == null ? null : s.state().db());
        n.put("message", r.message()); // its commands were built by CliOperator.suggest
        if (s != null) {
            n.put("total", s.total());
            n.set("counts", Json.mapper().valueToTree(s.counts()));
            n.set("actions", Json.mapper().valueToTree(s.actions()));
        }
        return Json.write(n);
    }

    private static String result(SendOutcome r, RunStatus s) {
        if (r instanceof SendOutcome.GateRefused || r instanceof SendOutcome.AlreadySent) return "refused";
        if (s == null) return "not-started";
        return switch (s.state()) {
            case COMPLETED -> "completed";
            case PAUSED -> "paused";
            default -> s.state().db();
        };
    }
}
