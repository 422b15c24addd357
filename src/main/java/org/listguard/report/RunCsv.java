package org.listguard.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.listguard.journal.RecipientRow;
import org.listguard.journal.RunHistory;
import org.listguard.journal.Timestamps;

/**
 * One CSV row per recipient (RFC 4180, header row): the evidence a delisting form asks for —
 * status, reply code, enhanced code, the full reply text, the relay, the UTC timestamp with
 * milliseconds and the message id — streamed in seq order, then the facts the HTML report groups
 * by: the receiving provider, the batch, and the latest DSN or complaint journaled for the
 * recipient with its delay. The run-level facts (advice, audit, markers) are in the JSON report.
 *
 * <p>Formula injection (OWASP "CSV Injection"): a cell that starts with {@code = + - @}, a tab or
 * a carriage return is written with a leading {@code '} so that a spreadsheet shows it as text
 * instead of evaluating it; replies and addresses are remote input.
 */
public final class RunCsv {
    static final String[] HEADER = {"run", "seq", "email", "list_line", "status", "attempts", "reply_code", "enhanced_code",
        "reply", "stage", "relay", "timestamp_utc", "message_id", "queue_id", "action", "reason", "skip_reason", "next_attempt_at",
        "provider", "batch", "dsn_processed_at", "dsn_delay_seconds", "dsn_action", "dsn_status", "dsn_diagnostic"};

    private RunCsv() {}

    public static void write(RunData data, Writer out) throws IOException {
        CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(HEADER).build());
        RunFacts facts = RunFacts.of(data);
        Map<Long, RunHistory.Dsn> latest = new HashMap<>();
        for (RunHistory.Dsn d : data.dsns()) latest.put(d.seq(), d);
        try {
            data.rows().forEach(Set.of(), r -> print(csv, r, facts, latest.get(r.seq())));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        csv.flush();
    }

    private static void print(CSVPrinter csv, RecipientRow r, RunFacts facts, RunHistory.Dsn d) {
        int batch = facts.batchOf(r);
        Object[] cells = {r.run(), r.seq(), r.email(), r.listLine(), r.status().db(), r.attempts(),
            r.replyCode() == 0 ? null : r.replyCode(), r.enhancedCode(), r.replyText(), r.stage(), r.relay(),
            Timestamps.format(r.updatedAt()), r.messageId(), r.queueId(), r.action(), r.reason(), r.skipReason(),
            Timestamps.format(r.nextAttemptAt()), Providers.of(r.email()), batch == 0 ? null : batch,
            d == null ? null : Timestamps.format(d.at()),
            d == null || d.sentAt() == null || d.at() == null ? null : Duration.between(d.sentAt(), d.at()).toSeconds(),
            d == null ? null : d.action(), d == null ? null : d.enhancedCode(), d == null ? null : d.diagnostic()};
        for (int i = 0; i < cells.length; i++) if (cells[i] instanceof String s) cells[i] = cell(s);
        try {
            csv.printRecord(cells);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A text cell made safe for spreadsheets: a leading {@code = + - @ TAB CR} gets a {@code '} before it. */
    static String cell(String s) {
        if (s == null || s.isEmpty()) return s;
        char c = s.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + s : s;
    }
}
