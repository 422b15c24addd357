package org.listguard.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.listguard.feedback.BounceRecord;
import org.listguard.feedback.ParseResult;
import org.listguard.report.Json;

/**
 * Renders bounce classifications. JSON: one object per recipient per line, in DESIGN.md's shape
 * ({@code file, recipient, status, reply_code, reason, action, diagnostic}) plus kind, remote_host,
 * rule, verp_token, original_message_id and original_recipient; absent values are left out.
 */
final class BouncesOutput {
    private BouncesOutput() {}

    static Map<String, Object> row(String file, BounceRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", file);
        m.put("recipient", r.recipient());
        m.put("status", r.status());
        m.put("reply_code", r.replyCode() == 0 ? null : Integer.toString(r.replyCode()));
        m.put("reason", r.reason());
        m.put("action", r.action().json());
        m.put("diagnostic", r.diagnostic());
        m.put("kind", r.kind());
        m.put("remote_host", r.remoteHost());
        m.put("rule", r.rule());
        m.put("verp_token", r.verpToken());
        m.put("original_message_id", r.originalMessageId());
        m.put("original_recipient", r.originalRecipient());
        // issue 22: what the evidence policy reads (the stage the reply answered, where the code came from)
        if (r.stage() != org.listguard.reply.Stage.UNKNOWN) m.put("stage", r.stage().name());
        m.put("status_from", r.statusFrom());
        m.values().removeIf(v -> v == null);
        return m;
    }

    static String jsonLines(List<ParseResult> results) {
        StringBuilder sb = new StringBuilder();
        var writer = Json.mapper().writer().without(SerializationFeature.INDENT_OUTPUT);
        for (ParseResult res : results) {
            if (!(res instanceof ParseResult.Parsed p)) continue;
            for (BounceRecord r : p.records()) {
                try {
                    sb.append(writer.writeValueAsString(row(p.source(), r))).append('\n');
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("cannot render JSON", e);
                }
            }
        }
        return sb.toString();
    }

    static String text(List<ParseResult> results) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-28s %-32s %-8s %-4s %-15s %-10s %s%n", "FILE", "RECIPIENT", "STATUS", "CODE", "REASON", "ACTION", "DIAGNOSTIC"));
        for (ParseResult res : results) {
            if (res instanceof ParseResult.Failed f) {
                sb.append(String.format("%-28s %s%n", left(f.source(), 28), "error: " + f.error()));
                continue;
            }
            ParseResult.Parsed p = (ParseResult.Parsed) res;
            for (BounceRecord r : p.records()) {
                sb.append(String.format("%-28s %-32s %-8s %-4s %-15s %-10s %s%n", left(p.source(), 28),
                        cut(r.recipient() == null ? "-" : r.recipient(), 32), r.status() == null ? "-" : r.status(),
                        r.replyCode() == 0 ? "-" : Integer.toString(r.replyCode()), r.reason(), r.action().json(),
                        cut(r.diagnostic() == null ? "" : r.diagnostic(), 100)));
            }
        }
        return org.listguard.report.Visible.text(sb.toString());
    }

    /** Keeps the end of a path, where the file name is. */
    private static String left(String s, int n) {
        return s.length() <= n ? s : "…" + s.substring(s.length() - n + 1);
    }

    private static String cut(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }
}
