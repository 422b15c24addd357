package org.listguard.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.guard.ReturnPathWatcher;
import org.listguard.journal.Journal;
import org.listguard.reply.Action;

/**
 * Issue 21: a look at the return path costs work proportional to the new messages. A real Maildir
 * in a temp dir and a real journal (SQLite); what each look reads is counted at the mailbox port.
 */
class ReturnPathIncrementalTest {
    private static final long MAX = 10L * 1024 * 1024;

    /** Counts the header and body reads a look makes through the mailbox. */
    static final class Counting extends ForwardingMailbox {
        final AtomicInteger headers;
        final AtomicInteger bodies;

        Counting(BounceMailbox inner, AtomicInteger headers, AtomicInteger bodies) {
            super(inner);
            this.headers = headers;
            this.bodies = bodies;
        }

        @Override public byte[] headers(MailboxMessage m) throws MailboxException { headers.incrementAndGet(); return inner.headers(m); }
        @Override public byte[] read(MailboxMessage m) throws MailboxException { bodies.incrementAndGet(); return inner.read(m); }
    }

    private final AtomicInteger headers = new AtomicInteger();
    private final AtomicInteger bodies = new AtomicInteger();

    private ReturnPathReader reader(ProcessFixture f, Journal journal, Path maildir) {
        return new ReturnPathReader(() -> new Counting(MaildirMailbox.open(maildir, Optional.empty(), MAX, ReadMarks.in(journal, "bounces")),
                headers, bodies), f.processor(), "test");
    }

    private ReturnPathWatcher.Look.Read look(ReturnPathReader r) {
        headers.set(0);
        bodies.set(0);
        ReturnPathWatcher.Look look = r.look();
        assertTrue(look instanceof ReturnPathWatcher.Look.Read, look.toString());
        return (ReturnPathWatcher.Look.Read) look;
    }

    static void junk(Path maildir, int n) throws IOException {
        for (int i = 0; i < n; i++) {
            String body = (i % 2 == 0)
                    ? "From: club" + i + "@news.example\nTo: bounces@example.org\nSubject: Weekly digest " + i + "\nMessage-ID: <j" + i
                    + "@news.example>\n\nThis week at the club: " + "news ".repeat(40) + "\n"
                    : "From: promo@shop.example\nTo: bounces@example.org\nSubject: Sale " + i + "\nMIME-Version: 1.0\nContent-Type: text/html\n\n<p>"
                    + "offer ".repeat(60) + "</p>\n";
            ProcessFixture.deliver(maildir, String.format("1765%06d.M%dP1.bench", i, i), body.getBytes(StandardCharsets.US_ASCII));
        }
    }

    private static long files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    @Test
    void junkIsReadOnceAcrossLooksAndProcessRestarts(@TempDir Path dir) throws IOException {
        Path maildir = ProcessFixture.maildir(dir.resolve("rp"));
        junk(maildir, 300);
        try (ProcessFixture f = new ProcessFixture(dir, 5)) {
            ReturnPathReader r = reader(f, f.journal, maildir);
            ReturnPathWatcher.Look.Read first = look(r);
            assertEquals(300, first.skipped().size(), "each junk message is noted once");
            assertEquals(300, headers.get(), "headers read once each");
            assertEquals(0, bodies.get(), "no junk body is read: its headers show it is not a report");
            ReturnPathWatcher.Look.Read second = look(r);
            assertEquals(List.of(), second.skipped());
            assertEquals(0, headers.get() + bodies.get(), "the second look reads nothing");
            r.close();
        }
        // a new process: a new journal connection, a new mailbox; the marks are in the journal
        try (Journal again = Journal.open("jdbc:sqlite:" + dir.resolve("journal.db"), java.time.Clock.systemUTC())) {
            BounceProcessor processor = new BounceProcessor(again, new BounceParser(org.listguard.reply.ReplyClassifier.standard()),
                    new org.listguard.config.BounceSettings(null, null, null), java.time.Clock.systemUTC(),
                    new ReportAuthenticator(org.listguard.testing.TestKeys.KEYS, List.of(), ReportAuthenticator.Signatures.NONE));
            ReturnPathReader r = new ReturnPathReader(() -> new Counting(MaildirMailbox.open(maildir, Optional.empty(), MAX,
                    ReadMarks.in(again, "bounces")), headers, bodies), processor, "test");
            look(r);
            assertEquals(0, headers.get() + bodies.get(), "after a restart nothing is read again");
            r.close();
        }
        assertEquals(300, files(maildir.resolve("new")), "junk is left where it was, never moved or deleted");
    }

    @Test
    void aReportArrivingAfterTenThousandJunkMessagesIsFoundOnTheNextLook(@TempDir Path dir) throws IOException {
        Path maildir = ProcessFixture.maildir(dir.resolve("rp"));
        junk(maildir, 10_000);
        try (ProcessFixture f = new ProcessFixture(dir, 5)) {
            ReturnPathReader r = reader(f, f.journal, maildir);
            assertEquals(10_000, look(r).skipped().size());
            ProcessFixture.deliver(maildir, "1799000000.M1P1.mx", f.sample("hard.eml", ProcessFixture.HARD));
            ReturnPathWatcher.Look.Read read = look(r);
            assertEquals(1, headers.get(), "only the new message's headers are read");
            assertEquals(1, bodies.get(), "and, a candidate report, its body");
            assertEquals(1, read.reports().size(), read.toString());
            ReturnPathWatcher.Report hard = read.reports().get(0);
            assertTrue(hard.applied());
            assertEquals(ProcessFixture.address(ProcessFixture.HARD), hard.recipient());
            assertEquals(Action.HARD, hard.action());
            // flag mode: the report stays in cur/ with its Seen flag; it is neither read nor applied again
            ReturnPathWatcher.Look.Read third = look(r);
            assertEquals(List.of(), third.reports());
            assertEquals(0, headers.get() + bodies.get());
            assertTrue(f.journal.feedback().processed(MessageKey.of(f.sample("hard.eml", ProcessFixture.HARD))), "its key is journaled");
            r.close();
        }
    }

    @Test
    void aReportTiedToNothingOfOursIsReadOnce(@TempDir Path dir) throws IOException {
        Path maildir = ProcessFixture.maildir(dir.resolve("rp"));
        try (ProcessFixture f = new ProcessFixture(dir, 5)) {
            ProcessFixture.deliver(maildir, "1.unmatched", ProcessFixture.sample("unmatched.eml", "nottoken"));
            ReturnPathReader r = reader(f, f.journal, maildir);
            ReturnPathWatcher.Look.Read first = look(r);
            assertEquals(1, bodies.get(), "a candidate: read whole");
            assertTrue(first.reports().stream().noneMatch(ReturnPathWatcher.Report::applied), first.toString());
            look(r);
            assertEquals(0, headers.get() + bodies.get(), "left unverified, and not read again");
            assertTrue(Files.exists(maildir.resolve("new").resolve("1.unmatched")), "left where it was");
            r.close();
        }
    }

    @Test
    void aMessageAnotherReaderMovesToCurIsNotReadAgainAndAGoneOneLosesItsMark(@TempDir Path dir) throws IOException {
        Path maildir = ProcessFixture.maildir(dir.resolve("rp"));
        junk(maildir, 3);
        try (ProcessFixture f = new ProcessFixture(dir, 5)) {
            ReturnPathReader r = reader(f, f.journal, maildir);
            look(r);
            String reader = "bounces maildir " + maildir.toAbsolutePath().normalize();
            // a mail client reads the first one (new/ → cur/ with the Seen flag) and deletes the second
            Path first = maildir.resolve("new").resolve(String.format("1765%06d.M%dP1.bench", 0, 0));
            Files.move(first, maildir.resolve("cur").resolve(first.getFileName() + ":2,S"));
            Files.delete(maildir.resolve("new").resolve(String.format("1765%06d.M%dP1.bench", 1, 1)));
            look(r);
            assertEquals(0, headers.get() + bodies.get(), "the moved message is the same message: not read again");
            assertEquals(2, f.journal.mailboxReads().left(reader).size(), "the deleted one's mark is dropped");
            r.close();
        }
    }
}
