package org.listguard.send;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.listguard.audit.AuditReport;
import org.listguard.compose.ComposedMessage;
import org.listguard.compose.Composer;
import org.listguard.compose.dkim.DkimSigner;
import org.listguard.config.Campaign;
import org.listguard.journal.Suppressions;
import org.listguard.list.ListReader;
import org.listguard.list.ListRow;

/**
 * {@code send --dry-run}: the gate, the plan, and composing and signing every message exactly as a
 * real run would — so a template or data error in row 90,000 shows up now — but no SMTP and no
 * journal writes: nothing a later real run would resume.
 */
final class DryRun {
    private DryRun() {}

    /** @param refusal why a real send would be refused now (the gate), or null when it would go */
    static SendOutcome run(SendPipeline.Ports p, Campaign campaign, Composer composer, DkimSigner signer, AuditReport audit, String refusal) {
        Suppressions suppressions = p.journal().suppressions();
        long rows = 0, composed = 0, skipped = 0, bytes = 0, largest = 0;
        try (ListReader reader = ListReader.open(campaign.list())) {
            while (reader.hasNext()) {
                ListRow row = reader.next();
                rows++;
                if (!(row instanceof ListRow.Valid v) || suppressions.isSuppressed(Suppressions.key(v.recipient().email()))) {
                    skipped++;
                    continue;
                }
                ComposedMessage m = composer.compose("dry-run", rows, v.recipient());
                byte[] raw = signer == null ? m.raw() : signer.sign(m.raw());
                composed++;
                bytes += raw.length;
                largest = Math.max(largest, raw.length);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var t = p.config().throttle();
        long batches = (composed + t.batchSize() - 1) / t.batchSize();
        String plan = ("dry run of campaign " + campaign.name() + ": " + rows + " row(s), " + composed + " message(s) composed"
                + (signer == null ? " (not signed: no dkim config)" : " and DKIM-signed") + ", " + skipped + " skipped; "
                + "average " + (composed == 0 ? 0 : bytes / composed) + " bytes, largest " + largest + " bytes; "
                + batches + " batch(es) of " + t.batchSize() + " through " + p.config().relays().get(0).name());
        java.time.Duration eta = Pace.of(t).estimate(composed); // the plan's and the progress line's arithmetic
        String time = ("estimated time to send: " + (eta.isZero() ? "as fast as the relay answers (no max_per_hour, no batch pause)"
                : "about " + Pace.words(eta) + " (throttle: " + t.batchSize() + " per batch, "
                        + org.listguard.config.Durations.human(t.batchPause()) + " between batches"
                        + (t.maxPerHour() > 0 ? ", at most " + t.maxPerHour() + " per hour" : "") + ")"));
        // the plan and its time on stdout (the outcome's message), not only in the log
        return new SendOutcome.Rehearsed(plan + "\n" + time + "\n" + "dry run: audit " + audit.verdict().json() + ", " + composed
                + " message(s) would be sent" + (refusal == null ? "" : "; a real send now would be refused: " + refusal)
                + "; nothing was sent or journaled");
    }
}
