package org.listguard.send;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import org.listguard.compose.Composer;
import org.listguard.config.Campaign;
import org.listguard.journal.Journal;
import org.listguard.journal.PlannedRecipient;
import org.listguard.journal.Suppressions;
import org.listguard.list.ListReader;
import org.listguard.list.ListRow;
import org.listguard.list.Recipient;

/**
 * Turns the campaign's list into the run's recipients in the journal, streaming (a 1,000,000-row
 * list never sits in memory). Every row becomes a recipient whose seq is its row number, and rows
 * that must not be sent — invalid, duplicate, suppressed — are written {@code skipped} with the
 * reason in the same insert, so a crash while planning never leaves one of them pending. A plan
 * interrupted by a crash continues after the rows already written.
 */
final class Planner {
    /** What the list holds; {@code toSend} is what the batches will attempt. */
    record Counts(long rows, long invalid, long duplicate, long suppressed, long role) {
        long toSend() { return rows - invalid - duplicate - suppressed; }
    }

    private Planner() {}

    /**
     * Counts what a plan would contain, writing nothing, and checks every row that will be sent
     * with {@link Composer#check}: a bad row is an error before anything is sent.
     */
    static Counts count(Campaign campaign, Suppressions suppressions, Composer composer) {
        long rows = 0, invalid = 0, dup = 0, supp = 0, role = 0;
        try (ListReader reader = ListReader.open(campaign.list())) {
            while (reader.hasNext()) {
                ListRow row = reader.next();
                rows++;
                String skip = skipReason(row, suppressions);
                if (row instanceof ListRow.Invalid) invalid++;
                else if (row instanceof ListRow.Duplicate) dup++;
                else if (skip != null) supp++;
                else {
                    composer.check(((ListRow.Valid) row).recipient());
                    if (((ListRow.Valid) row).role()) role++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Counts(rows, invalid, dup, supp, role);
    }

    /** Writes the list into {@code run}, skipping the first {@code alreadyWritten} rows (a resumed plan). */
    static long plan(Journal journal, String run, Campaign campaign, long alreadyWritten) {
        Suppressions suppressions = journal.suppressions();
        try (ListReader reader = ListReader.open(campaign.list())) {
            for (long i = 0; i < alreadyWritten && reader.hasNext(); i++) reader.next();
            Iterator<PlannedRecipient> rows = new Iterator<>() {
                @Override
                public boolean hasNext() { return reader.hasNext(); }

                @Override
                public PlannedRecipient next() {
                    if (!hasNext()) throw new NoSuchElementException();
                    ListRow row = reader.next();
                    return new PlannedRecipient(recipientOf(row), skipReason(row, suppressions));
                }
            };
            return journal.addPlanned(run, rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Recipient recipientOf(ListRow row) {
        if (row instanceof ListRow.Invalid inv) return new Recipient(inv.line(), inv.value() == null ? "" : inv.value(), Map.of());
        if (row instanceof ListRow.Duplicate d) return d.recipient();
        return ((ListRow.Valid) row).recipient();
    }

    private static String skipReason(ListRow row, Suppressions suppressions) {
        if (row instanceof ListRow.Invalid inv) return "invalid address: " + inv.reason();
        if (row instanceof ListRow.Duplicate) return "duplicate of an earlier row";
        Recipient r = ((ListRow.Valid) row).recipient();
        if (suppressions != null && suppressions.isSuppressed(Suppressions.key(r.email()))) return "suppressed";
        return null;
    }
}
