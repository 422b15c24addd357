package org.listguard.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.compose.TokenKeys;
import org.listguard.journal.Journal;
import org.listguard.reply.Action;
import org.listguard.testing.TestKeys;

/**
 * Issue 21: {@code bounces process} (cron) reads the return path as the command assembles it —
 * headers first, read marks in the journal under its own purpose, a report left unapplied kept
 * listed ({@link RereadUnapplied}). A real Maildir and a real SQLite journal; reads are counted at
 * the mailbox port.
 */
class CronReadMarksTest {
    private static final long MAX = 10L * 1024 * 1024;
    private final AtomicInteger headers = new AtomicInteger();
    private final AtomicInteger bodies = new AtomicInteger();

    /** One cron pass: a new mailbox over the Maildir, as {@code bounces process} opens it. */
    private ProcessSummary pass(Journal journal, BounceProcessor processor, Path maildir) throws MailboxException {
        headers.set(0);
        bodies.set(0);
        List<ProcessSummary.Unrelated> skipped = new ArrayList<>();
        try (BounceMailbox mailbox = new HeadersFirst(new RereadUnapplied(new ReturnPathIncrementalTest.Counting(
                MaildirMailbox.open(maildir, Optional.empty(), MAX, ReadMarks.in(journal, "bounces process")), headers, bodies)),
                (source, why) -> skipped.add(new ProcessSummary.Unrelated(source, why)))) {
            return processor.process(mailbox, Set.of()).withSkipped(skipped);
        }
    }

    /** A processor that knows only {@code keys}: a report under another key is unverified. */
    private static BounceProcessor processor(ProcessFixture f, TokenKeys keys) {
        return new BounceProcessor(f.journal, new BounceParser(org.listguard.reply.ReplyClassifier.standard()),
                new org.listguard.config.BounceSettings(null, null, null), f.clock,
                new ReportAuthenticator(keys, List.of(), ReportAuthenticator.Signatures.NONE));
    }

    @Test
    void junkIsReadOnceAcrossCronPasses(@TempDir Path dir) throws IOException {
        Path maildir = ProcessFixture.maildir(dir.resolve("rp"));
        ReturnPathIncrementalTest.junk(maildir, 200);
        try (ProcessFixture f = new ProcessFixture(dir, 5)) {
            ProcessSummary first = pass(f.journal, f.processor(), maildir);
            assertEquals(200, first.read(), "every junk message counts as read in the first summary");
            assertEquals(200, first.unrelated().size());
            assertEquals(200, headers.get());
            assertEquals(0, bodies.get(), "no junk body is read");
            ProcessSummary second = pass(f.journal, f.processor(), maildir);
            assertEquals(0, second.read());
            assertEquals(0, headers.get() + bodies.get(), "the next pass reads no junk");
        }
    }

    @Test
    void aReportLeftUnappliedIsReadAgainAndAppliedOnceItCanBeVerified(@TempDir Path dir) throws IOException {
        Path maildir = ProcessFixture.maildir(dir.resolve("rp"));
        ReturnPathIncrementalTest.junk(maildir, 50);
        try (ProcessFixture f = new ProcessFixture(dir, 5)) {
            ProcessFixture.deliver(maildir, "1799000000.M1P1.mx", f.sample("hard.eml", ProcessFixture.HARD));
            // the token key it was signed with is not known yet (e.g. restored later from the backup)
            BounceProcessor unknownKey = processor(f, TokenKeys.of(TestKeys.bytes(9), null));
            ProcessSummary first = pass(f.journal, unknownKey, maildir);
            assertEquals(List.of(maildir.resolve("new").resolve("1799000000.M1P1.mx").toString()), first.unmatched(), first.toString());
            assertEquals(0, first.matched());
            assertEquals(1, bodies.get());
            ProcessSummary second = pass(f.journal, unknownKey, maildir);
            assertEquals(1, headers.get(), "the unapplied report is listed again; the junk is not");
            assertEquals(1, bodies.get());
            assertEquals(1, second.unmatched().size());
            // the key is known now: the same message is applied, once
            ProcessSummary third = pass(f.journal, f.processor(), maildir);
            assertEquals(1, third.matched(), third.toString());
            assertEquals(1, third.count(Action.HARD));
            assertTrue(f.journal.feedback().processed(MessageKey.of(f.sample("hard.eml", ProcessFixture.HARD))), "its key is journaled");
            ProcessSummary fourth = pass(f.journal, f.processor(), maildir);
            assertEquals(0, fourth.read(), "applied (flag mode: it stays in cur/) and not read again");
            assertEquals(0, headers.get() + bodies.get());
            assertTrue(Files.exists(maildir.resolve("cur").resolve("1799000000.M1P1.mx:2,S")), "left in place, flagged Seen");
        }
    }

    @Test
    void theRunsMarksDoNotHideAnUnappliedReportFromCron(@TempDir Path dir) throws IOException {
        Path maildir = ProcessFixture.maildir(dir.resolve("rp"));
        try (ProcessFixture f = new ProcessFixture(dir, 5)) {
            ProcessFixture.deliver(maildir, "1799000000.M1P1.mx", f.sample("hard.eml", ProcessFixture.HARD));
            BounceProcessor unknownKey = processor(f, TokenKeys.of(TestKeys.bytes(9), null));
            // the run's look reads it, cannot verify it, and remembers it as read (its own marks)
            ReturnPathReader run = new ReturnPathReader(() -> MaildirMailbox.open(maildir, Optional.empty(), MAX,
                    ReadMarks.in(f.journal, "bounces")), unknownKey, "test");
            run.look();
            run.close();
            ProcessSummary cron = pass(f.journal, f.processor(), maildir);
            assertEquals(1, cron.matched(), "cron reads it under its own marks and applies it: " + cron);
        }
    }

    /**
     * Report-shaped junk that never verifies (anyone can mail the return path) is re-read only for
     * {@link BounceProcessor#REREAD_FOR} after it was first kept, then read once more and never again.
     */
    @Test
    void anUnverifiedReportIsReReadForAWindowNotForEver(@TempDir Path dir) throws IOException {
        Path maildir = ProcessFixture.maildir(dir.resolve("rp"));
        try (ProcessFixture f = new ProcessFixture(dir, 5)) {
            ProcessFixture.deliver(maildir, "1799000000.M1P1.mx", f.sample("hard.eml", ProcessFixture.HARD));
            BounceProcessor neverKnown = processor(f, TokenKeys.of(TestKeys.bytes(9), null));
            assertEquals(1, pass(f.journal, neverKnown, maildir).unmatched().size());
            f.clock.advance(BounceProcessor.REREAD_FOR.minusHours(1));
            assertEquals(1, pass(f.journal, neverKnown, maildir).unmatched().size(), "still within the window: read again");
            f.clock.advance(java.time.Duration.ofHours(2));
            assertEquals(1, pass(f.journal, neverKnown, maildir).unmatched().size(), "read once more, past the window");
            ProcessSummary after = pass(f.journal, neverKnown, maildir);
            assertEquals(0, after.read(), after.toString());
            assertEquals(0, headers.get() + bodies.get(), "past the window it is not read again");
        }
    }
}
