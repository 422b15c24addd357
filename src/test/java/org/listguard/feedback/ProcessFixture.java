package org.listguard.feedback;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.listguard.testing.TestKeys;
import org.listguard.config.BounceSettings;
import org.listguard.reply.ReplyClassifier;
import org.listguard.journal.Journal;
import org.listguard.journal.JournalFixtures.MutableClock;
import org.listguard.journal.Outcome;
import org.listguard.list.Recipient;

/**
 * A journal in a temp dir with one completed-looking run of campaign "monthly" whose first five
 * recipients are the addresses the samples in src/test/resources/feedback/process report on,
 * then filler members up to {@code members}; every one accepted by the relay with a Message-ID.
 */
public final class ProcessFixture implements AutoCloseable {
    public static final Instant T0 = Instant.parse("2026-11-01T09:00:00Z");
    /** seq → address, as the samples name them. */
    public static final List<String> REPORTED = List.of("kijitora@example.co.jp", "neko-1718501322@gmail.com",
            "kijitora@y.example.com", "kijitora@example.net", "kijitora@example.com");
    public static final long HARD = 1, REPUTATION = 2, COMPLAINT = 3, AUTOREPLY = 4, BY_MESSAGE_ID = 5;
    /** The original Message-ID quoted by complaint-by-message-id.eml. */
    public static final String QUOTED_MESSAGE_ID = "<0000000000fffffffff0000000000000@example.com>";

    public final MutableClock clock = new MutableClock(T0);
    public final Journal journal;
    public final String run;

    public ProcessFixture(Path dir, int members) {
        journal = Journal.open("jdbc:sqlite:" + dir.resolve("journal.db"), clock);
        run = journal.runs().create("monthly", null, false).id();
        List<Recipient> rs = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            String email = i < REPORTED.size() ? REPORTED.get(i) : "member" + i + "@example.net";
            rs.add(new Recipient(i + 2, email, Map.of("email", email)));
        }
        journal.addRecipients(run, rs.iterator());
        for (long seq = 1; seq <= members; seq++) {
            String mid = seq == BY_MESSAGE_ID ? QUOTED_MESSAGE_ID : "<" + run + "." + seq + ".x@example.org>";
            journal.markSending(run, seq, mid);
            journal.recordOutcome(run, seq, Outcome.accepted(250, "2.0.0", "250 2.0.0 Ok: queued as Q" + seq, "isp", "Q" + seq, null));
        }
        clock.advance(java.time.Duration.ofDays(1));
    }

    /** A sample with its VERPTOKEN placeholder replaced by the token of recipient {@code seq} of the run. */
    public byte[] sample(String name, long seq) {
        return sample(name, TestKeys.returnToken(run, seq));
    }

    /** The address of recipient {@code seq} (1-based), as the fixture made the run. */
    public static String address(long seq) {
        return seq <= REPORTED.size() ? REPORTED.get((int) seq - 1) : "member" + (seq - 1) + "@example.net";
    }

    /** Member {@code seq}'s own ARF complaint (complaint.eml): their keyed VERP token, naming their address, a report key of its own. */
    public byte[] ownComplaint(long seq) {
        return ownComplaint(run, seq);
    }

    /** {@link #ownComplaint(long)} for recipient {@code seq} of {@code run}. */
    public static byte[] ownComplaint(String run, long seq) {
        return new String(sample("complaint.eml", TestKeys.returnToken(run, seq)), StandardCharsets.ISO_8859_1)
                .replace("Original-Rcpt-To: kijitora@y.example.com", "Original-Rcpt-To: " + address(seq))
                .replace("<222222222222eeee-", "<" + seq + "-222222222222eeee-")
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    public static byte[] sample(String name, String token) {
        try (InputStream in = ProcessFixture.class.getResourceAsStream("/feedback/process/" + name)) {
            if (in == null) throw new IllegalArgumentException("no sample " + name);
            String text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            return text.replace("VERPTOKEN", token).getBytes(StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public BounceProcessor processor() {
        return new BounceProcessor(journal, new BounceParser(ReplyClassifier.standard()), new BounceSettings(null, null, null), clock,
                new ReportAuthenticator(TestKeys.KEYS, java.util.List.of(), ReportAuthenticator.Signatures.NONE));
    }

    /** An empty Maildir (cur, new, tmp) at {@code dir}. */
    public static Path maildir(Path dir) throws IOException {
        for (String s : List.of("cur", "new", "tmp")) Files.createDirectories(dir.resolve(s));
        return dir;
    }

    /** Delivers a message into new/ the way an MDA does (write in tmp/, rename). */
    public static Path deliver(Path maildir, String name, byte[] data) throws IOException {
        Path tmp = Files.write(maildir.resolve("tmp").resolve(name), data);
        return Files.move(tmp, maildir.resolve("new").resolve(name));
    }

    @Override
    public void close() {
        journal.close();
    }
}
