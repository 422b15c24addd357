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
        return count(campaign, suppressions, composer, false);
    }

    /** As {@link #count(Campaign, Suppressions, Composer)}; with {@code skipBadRows} a bad row is counted invalid, not an error. */
    static Counts count(Campaign campaign, Suppressions suppressions, Composer composer, boolean skipBadRows) {
        long rows = 0, invalid = 0, dup = 0, supp = 0, role = 0;
        SuppressedKeys suppressed = suppressions == null ? null : new SuppressedKeys(suppressions); // read once, not a query a row
        try (ListReader reader = ListReader.open(campaign.list(), skipBadRows)) {
            while (reader.hasNext()) {
                ListRow row = reader.next();
                rows++;
                String skip = skipReason(row, suppressed);
                if (row instanceof ListRow.Invalid) invalid++;
                else if (row instanceof ListRow.Duplicate) dup++;
                else if (skip != null) supp++;
                else if (skipBadRows && badHeaders(composer, ((ListRow.Valid) row).recipient()) != null) invalid++;
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
        return plan(journal, run, campaign, alreadyWritten, null);
    }

    /**
     * As {@link #plan(Journal, String, Campaign, long)}; with a {@code composer} (--skip-bad-rows),
     * malformed rows and rows whose header values are refused are written skipped with the reason.
     */
    static long plan(Journal journal, String run, Campaign campaign, long alreadyWritten, Composer skipBadRows) {
        SuppressedKeys suppressed = new SuppressedKeys(journal.suppressions()); // read once, not a query a row
        try (ListReader reader = ListReader.open(campaign.list(), skipBadRows != null)) {
            for (long i = 0; i < alreadyWritten && reader.hasNext(); i++) reader.next();
            Iterator<PlannedRecipient> rows = new Iterator<>() {
                @Override
                public boolean hasNext() { return reader.hasNext(); }

                @Override
                public PlannedRecipient next() {
                    if (!hasNext()) throw new NoSuchElementException();
                    ListRow row = reader.next();
                    String skip = skipReason(row, suppressed);
                    if (skip == null && skipBadRows != null) skip = badHeaders(skipBadRows, ((ListRow.Valid) row).recipient());
                    return new PlannedRecipient(recipientOf(row), skip);
                }
            };
            return journal.recipients().addPlanned(run, rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Recipient recipientOf(ListRow row) {
        if (row instanceof ListRow.Invalid inv) return new Recipient(inv.line(), inv.value() == null ? "" : inv.value(), Map.of());
        if (row instanceof ListRow.Duplicate d) return d.recipient();
        return ((ListRow.Valid) row).recipient();
    }

    private static String skipReason(ListRow row, SuppressedKeys suppressed) {
        if (row instanceof ListRow.Invalid inv) {
            return inv.reason().startsWith(ListReader.BAD_ROW) ? inv.reason() : "invalid address: " + inv.reason();
        }
        if (row instanceof ListRow.Duplicate) return "duplicate of an earlier row";
        Recipient r = ((ListRow.Valid) row).recipient();
        if (suppressed != null && suppressed.contains(r.key())) return "suppressed";
        return null;
    }

    /** Why this row's header values are refused ({@link Composer#check}), as a skip reason, or null. */
    private static String badHeaders(Composer composer, Recipient r) {
        try {
            composer.check(r);
            return null;
        } catch (org.listguard.InputException e) {
            return ListReader.BAD_ROW + e.getMessage();
        }
    }
}
