package org.listguard.send;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.listguard.InputException;
import org.listguard.audit.AuditReport;
import org.listguard.compose.ComposedMessage;
import org.listguard.compose.Composer;
import org.listguard.compose.dkim.DkimSigner;
import org.listguard.config.Campaign;
import org.listguard.list.ListReader;
import org.listguard.list.ListRow;

/**
 * {@code send --dry-run}: the gate, the plan, and composing and signing every message exactly as a
 * real run would — so a template or data error in row 90,000 shows up now — but no SMTP and no
 * journal writes: nothing a later real run would resume.
 *
 * <p>One streaming pass over the list (the real run's separate counting pass is not made: composing
 * a row checks everything that pass checks), with nothing kept per row but the reader's 64-bit
 * hash of each address; suppressions are read once ({@link SuppressedKeys}), not queried per row.
 * Memory stays flat and time linear in the rows.
 */
final class DryRun {
    /** How many rows of each kind of problem are quoted (file:line: column: what and what to do). */
    static final int SHOWN = 5;

    private DryRun() {}

    /**
     * @param refusal     why a real send would be refused now (the gate), or null when it would go
     * @param skipBadRows as {@code --skip-bad-rows}: a malformed row or one whose header values are
     *                    refused is counted invalid, as the real run would skip it, instead of an error
     */
    static SendOutcome run(SendPipeline.Ports p, Campaign campaign, Composer composer, DkimSigner signer, AuditReport audit,
            String refusal, boolean skipBadRows) {
        SuppressedKeys suppressed = new SuppressedKeys(p.journal().suppressions());
        long rows = 0, composed = 0, invalid = 0, duplicate = 0, suppressedRows = 0, role = 0, trimmed = 0, bytes = 0, largest = 0;
        List<String> notes = new ArrayList<>();
        String file = campaign.list().toString();
        try (ListReader reader = ListReader.open(campaign.list(), skipBadRows)) {
            String column = reader.emailColumn();
            while (reader.hasNext()) {
                ListRow row = reader.next();
                rows++;
                if (row instanceof ListRow.Invalid inv) {
                    invalid++;
                    quote(notes, invalid, inv.reason().startsWith(ListReader.BAD_ROW) ? inv.reason()
                            : where(file, inv.line(), column, shown(inv.value()) + " " + inv.reason() + "; this row is skipped"));
                    continue;
                }
                if (row instanceof ListRow.Duplicate) {
                    duplicate++;
                    continue;
                }
                ListRow.Valid v = (ListRow.Valid) row;
                if (suppressed.contains(v.recipient().key())) { // the same key as Suppressions.key: the address is already trimmed
                    suppressedRows++;
                    continue;
                }
                if (v.padding() != null) quote(notes, ++trimmed, where(file, v.line(), column, v.padding()));
                ComposedMessage m;
                try {
                    m = composer.compose("dry-run", rows, v.recipient());
                } catch (InputException e) {
                    if (!skipBadRows) throw e;
                    invalid++;
                    quote(notes, invalid, ListReader.BAD_ROW + e.getMessage());
                    continue;
                }
                if (v.role()) role++;
                byte[] raw = signer == null ? m.raw() : signer.sign(m.raw());
                composed++;
                bytes += raw.length;
                largest = Math.max(largest, raw.length);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long skipped = invalid + duplicate + suppressedRows;
        var t = p.config().throttle();
        long batches = (composed + t.batchSize() - 1) / t.batchSize();
        String plan = ("dry run of campaign " + campaign.name() + ": " + rows + " row(s), " + composed + " message(s) composed"
                + (signer == null ? " (not signed: no dkim config)" : " and DKIM-signed") + ", " + skipped + " skipped"
                + (skipped == 0 ? "" : " (" + invalid + " invalid, " + duplicate + " duplicate, " + suppressedRows + " suppressed)")
                + (trimmed == 0 ? "" : ", " + trimmed + " address(es) trimmed of whitespace")
                + (role == 0 ? "" : ", " + role + " role address(es)") + "; "
                + "average " + (composed == 0 ? 0 : bytes / composed) + " bytes, largest " + largest + " bytes; "
                + batches + " batch(es) of " + t.batchSize() + " through " + p.config().relays().get(0).name());
        java.time.Duration eta = Pace.of(t).estimate(composed); // the plan's and the progress line's arithmetic
        String time = ("estimated time to send: " + (eta.isZero() ? "as fast as the relay answers (no max_per_hour, no batch pause)"
                : "about " + Pace.words(eta) + " (throttle: " + t.batchSize() + " per batch, "
                        + org.listguard.config.Durations.human(t.batchPause()) + " between batches"
                        + (t.maxPerHour() > 0 ? ", at most " + t.maxPerHour() + " per hour" : "") + ")"));
        StringBuilder list = new StringBuilder();
        for (String n : notes) list.append(n).append('\n');
        if (trimmed > SHOWN || invalid > SHOWN) list.append("(the first ").append(SHOWN).append(" of each kind are shown)\n");
        // the plan and its time on stdout (the outcome's message), not only in the log
        return new SendOutcome.Rehearsed(plan + "\n" + list + time + "\n" + "dry run: audit " + audit.verdict().json() + ", " + composed
                + " message(s) would be sent" + (refusal == null ? "" : "; a real send now would be refused: " + refusal)
                + "; nothing was sent or journaled");
    }

    /** The note for the {@code n}-th row of its kind, kept only for the first {@link #SHOWN}. */
    private static void quote(List<String> notes, long n, String note) {
        if (n <= SHOWN) notes.add(note);
    }

    /** A list value quoted on one line: controls escaped, at most 80 characters. */
    private static String shown(String value) {
        String v = value == null ? "" : value;
        if (v.length() > 80) v = v.substring(0, 80) + "…";
        return "'" + org.listguard.report.Visible.line(v) + "'";
    }

    private static String where(String file, long line, String column, String what) {
        return new InputException(file, (int) Math.min(line, Integer.MAX_VALUE), column, what).getMessage();
    }
}
