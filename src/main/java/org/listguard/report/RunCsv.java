package org.listguard.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.listguard.journal.RecipientRow;
import org.listguard.journal.Timestamps;

/**
 * One CSV row per recipient (RFC 4180, header row): the evidence a delisting form asks for —
 * status, reply code, enhanced code, the full reply text, the relay, the UTC timestamp with
 * milliseconds and the message id — streamed in seq order.
 */
public final class RunCsv {
    static final String[] HEADER = {"run", "seq", "email", "list_line", "status", "attempts", "reply_code", "enhanced_code",
        "reply", "stage", "relay", "timestamp_utc", "message_id", "queue_id", "action", "reason", "skip_reason", "next_attempt_at"};

    private RunCsv() {}

    public static void write(RunData data, Writer out) throws IOException {
        CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(HEADER).build());
        try {
            data.rows().forEach(Set.of(), r -> print(csv, r));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        csv.flush();
    }

    private static void print(CSVPrinter csv, RecipientRow r) {
        try {
            csv.printRecord(r.run(), r.seq(), r.email(), r.listLine(), r.status().db(), r.attempts(),
                    r.replyCode() == 0 ? null : r.replyCode(), r.enhancedCode(), r.replyText(), r.stage(), r.relay(),
                    Timestamps.format(r.updatedAt()), r.messageId(), r.queueId(), r.action(), r.reason(), r.skipReason(),
                    Timestamps.format(r.nextAttemptAt()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
