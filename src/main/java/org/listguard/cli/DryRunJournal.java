package org.listguard.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.listguard.journal.Journal;
import org.listguard.journal.JournalUrl;

/**
 * The journal a dry run reads (issue 21): the configured one when it exists; when its SQLite file
 * does not exist yet, an empty journal in a private temp directory, removed when closed. A dry run
 * writes nothing, so it never creates the journal either (a file made by a dry run as another user
 * would be the real run's to own). Closing it removes the scratch; the journal itself is closed
 * by its user first.
 */
final class DryRunJournal implements AutoCloseable {
    private final Journal journal;
    private final Path scratch;

    private DryRunJournal(Journal journal, Path scratch) {
        this.journal = journal;
        this.scratch = scratch;
    }

    static DryRunJournal open(String url, Environment env) {
        boolean missing = JournalUrl.sqliteFile(url).map(f -> !Files.exists(f)).orElse(false);
        if (!missing) return new DryRunJournal(StatusCommand.open(url, env), null);
        try {
            Path dir = Files.createTempDirectory("listguard-dry-run");
            return new DryRunJournal(StatusCommand.open("jdbc:sqlite:" + dir.resolve("empty.db"), env), dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a scratch journal for the dry run", e);
        }
    }

    Journal journal() { return journal; }

    @Override
    public void close() {
        if (scratch == null) return;
        try (Stream<Path> s = Files.walk(scratch)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind: the system's to clean
        }
    }
}
