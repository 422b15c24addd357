package org.listguard.mailbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.config.Credentials;
import org.listguard.config.MailboxSettings;
import org.listguard.config.TlsMode;
import org.listguard.feedback.BounceMailbox;
import org.listguard.feedback.MailboxException;
import org.listguard.feedback.MailboxMessage;
import org.listguard.feedback.ProcessFixture;
import org.listguard.feedback.ReadMarks;
import org.listguard.feedback.ReturnPathReader;
import org.listguard.guard.ReturnPathWatcher;

/**
 * Issue 21 over IMAP, against GreenMail on loopback through a small proxy that records the
 * client's commands: a look asks only for the UIDs after its mark, reads headers first and bodies
 * of candidate reports only, a new UIDVALIDITY means a full read, and an oversized report is never
 * downloaded.
 */
class ImapIncrementalTest {
    static final String USER = "bounces@example.org";
    static final char[] PASSWORD = "imap-s3cret".toCharArray();

    @RegisterExtension
    static final GreenMailExtension GREENMAIL = new GreenMailExtension(ServerSetup.dynamicPort(new ServerSetup[] {ServerSetupTest.IMAP}))
            .withConfiguration(GreenMailConfiguration.aConfig().withUser(USER, new String(PASSWORD)));

    @TempDir
    Path dir;

    ProcessFixture f;
    CommandLog log;
    final AtomicInteger headers = new AtomicInteger();
    final AtomicInteger bodies = new AtomicInteger();

    @BeforeEach
    void setUp() throws IOException {
        f = new ProcessFixture(dir, 5);
        log = new CommandLog(GREENMAIL.getImap().getPort());
    }

    @AfterEach
    void tearDown() throws IOException {
        log.close();
        f.close();
    }

    /** A loopback proxy in front of GreenMail that keeps every command line the client sends. */
    static final class CommandLog implements AutoCloseable {
        final ServerSocket server;
        final List<String> commands = new CopyOnWriteArrayList<>();

        CommandLog(int target) throws IOException {
            server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
            Thread accept = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket client = server.accept();
                        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                        pump(upstream.getInputStream(), client.getOutputStream());
                        Thread t = new Thread(() -> {
                            try (BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.ISO_8859_1));
                                 OutputStream out = upstream.getOutputStream()) {
                                for (String line; (line = in.readLine()) != null; ) {
                                    commands.add(line);
                                    out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                                    out.flush();
                                }
                            } catch (IOException ignored) {
                                // the client closed
                            }
                        });
                        t.setDaemon(true);
                        t.start();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            accept.setDaemon(true);
            accept.start();
        }

        static void pump(InputStream in, OutputStream out) {
            Thread t = new Thread(() -> {
                try (in; out) {
                    in.transferTo(out);
                } catch (IOException ignored) {
                    // a side closed
                }
            });
            t.setDaemon(true);
            t.start();
        }

        int port() { return server.getLocalPort(); }

        List<String> fetches() {
            return commands.stream().filter(c -> c.toUpperCase(java.util.Locale.ROOT).contains("FETCH")).toList();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    MailboxSettings settings() {
        return new MailboxSettings("127.0.0.1", log.port(), TlsMode.NONE, new Credentials(USER, "X", null), "INBOX", null, "none", null);
    }

    ReturnPathReader reader(ReadMarks marks, long max) {
        return new ReturnPathReader(() -> new Counting(ImapMailbox.open(settings(), PASSWORD, Optional.empty(), max, marks)),
                f.processor(), "test");
    }

    ReturnPathWatcher.Look.Read look(ReturnPathReader r) {
        headers.set(0);
        bodies.set(0);
        log.commands.clear();
        ReturnPathWatcher.Look look = r.look();
        assertTrue(look instanceof ReturnPathWatcher.Look.Read, look.toString());
        return (ReturnPathWatcher.Look.Read) look;
    }

    static void deliver(byte[] data) throws Exception {
        GreenMailUser u = GREENMAIL.getUserManager().getUser(USER);
        u.deliver(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(data)));
    }

    static void junk(int n) throws Exception {
        for (int i = 0; i < n; i++) {
            deliver(("From: club@news.example\r\nTo: bounces@example.org\r\nSubject: Weekly digest " + i + "\r\nMessage-ID: <j" + i
                    + "@news.example>\r\n\r\n" + "news of the club ".repeat(200) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
    }

    @Test
    void aSecondLookFetchesOnlyTheNewUidsAndJunkBodiesNever() throws Exception {
        junk(5);
        ReturnPathReader r = reader(ReadMarks.in(f.journal, "bounces"), 10L << 20);
        ReturnPathWatcher.Look.Read first = look(r);
        assertEquals(5, first.skipped().size());
        assertEquals(5, headers.get());
        assertEquals(0, bodies.get(), "junk bodies are never fetched");
        assertTrue(log.fetches().stream().noneMatch(c -> c.contains("BODY.PEEK[]")), log.fetches().toString());

        deliver(f.sample("hard.eml", ProcessFixture.HARD));
        ReturnPathWatcher.Look.Read second = look(r);
        assertEquals(1, second.reports().size(), second.toString());
        assertEquals(1, headers.get(), "only the new message is listed");
        assertEquals(1, bodies.get(), "and its body fetched: a candidate report");
        assertTrue(log.fetches().stream().anyMatch(c -> c.contains("UID FETCH 6:*")), log.fetches().toString());
        assertTrue(log.fetches().stream().noneMatch(c -> c.matches("(?i).* FETCH 1:.*")), "no fetch over the old messages: " + log.fetches());

        look(r);
        assertEquals(0, headers.get() + bodies.get());
        assertTrue(log.fetches().stream().noneMatch(c -> c.contains("BODY.PEEK")), log.fetches().toString());
        r.close();

        // a new process: the mark is in the journal
        ReturnPathReader again = reader(ReadMarks.in(f.journal, "bounces"), 10L << 20);
        look(again);
        assertEquals(0, headers.get() + bodies.get(), "after a restart only UIDs after the mark are asked for");
        assertTrue(log.fetches().stream().anyMatch(c -> c.contains("UID FETCH 7:*")), log.fetches().toString());
        again.close();
    }

    @Test
    void headersOfManyNewMessagesComeInChunksAndNoBody() throws Exception {
        junk(1_200);
        ReturnPathReader r = reader(ReadMarks.in(f.journal, "bounces"), 10L << 20);
        assertEquals(1_200, look(r).skipped().size());
        List<String> headerFetches = log.fetches().stream().filter(c -> c.contains("BODY.PEEK[HEADER]")).toList();
        assertEquals(3, headerFetches.size(), "1,200 headers in chunks of " + ImapMailbox.HEADER_CHUNK + ": " + headerFetches);
        assertTrue(log.fetches().stream().noneMatch(c -> c.contains("BODY.PEEK[]")), "no body");
        look(r);
        assertEquals(0, headers.get() + bodies.get());
        r.close();
    }

    @Test
    void aNewUidValidityMeansAFullRead() throws Exception {
        junk(3);
        ReadMarks marks = ReadMarks.inMemory();
        ReturnPathReader r = reader(marks, 10L << 20);
        look(r);
        r.close();
        String url = "imap://" + USER + "@127.0.0.1:" + log.port() + "/INBOX";
        ReadMarks.UidMark mark = marks.uidMark(url).orElseThrow();
        assertEquals(3, mark.lastUid());
        // the folder was recreated: the server's UIDVALIDITY is not the one the mark was taken under
        marks.uidMark(url, new ReadMarks.UidMark(mark.uidValidity() - 1, 1_000));
        marks.update(url + " kept " + (mark.uidValidity() - 1), List.of("7", "9"), List.of()); // reports kept under the old one
        ReturnPathReader again = reader(marks, 10L << 20);
        assertEquals(3, look(again).skipped().size(), "every message is read again");
        assertEquals(3, headers.get());
        again.close();
        assertEquals(new ReadMarks.UidMark(mark.uidValidity(), 3), marks.uidMark(url).orElseThrow());
        assertEquals(java.util.Set.of(), marks.left(url + " kept " + (mark.uidValidity() - 1)), "the old UIDVALIDITY's kept UIDs are forgotten");
    }

    /** One `bounces process` pass as the command reads: headers first, a report left unapplied kept listed. */
    org.listguard.feedback.ProcessSummary cronPass(org.listguard.feedback.BounceProcessor processor) throws Exception {
        headers.set(0);
        bodies.set(0);
        log.commands.clear();
        try (BounceMailbox m = new org.listguard.feedback.HeadersFirst(new org.listguard.feedback.RereadUnapplied(new Counting(
                ImapMailbox.open(settings(), PASSWORD, Optional.empty(), 10L << 20, ReadMarks.in(f.journal, "bounces process")))),
                (source, why) -> { })) {
            return processor.process(m, java.util.Set.of());
        }
    }

    @Test
    void cronReadsAnUnappliedReportAgainButNotTheJunkAfterIt() throws Exception {
        deliver(f.sample("hard.eml", ProcessFixture.HARD)); // UID 1, under a token key not known yet
        junk(3);                                            // UIDs 2-4
        org.listguard.feedback.BounceProcessor unknownKey = new org.listguard.feedback.BounceProcessor(f.journal,
                new org.listguard.feedback.BounceParser(org.listguard.reply.ReplyClassifier.standard()),
                new org.listguard.config.BounceSettings(null, null, null), f.clock, new org.listguard.feedback.ReportAuthenticator(
                org.listguard.compose.TokenKeys.of(org.listguard.testing.TestKeys.bytes(9), null), List.of(),
                org.listguard.feedback.ReportAuthenticator.Signatures.NONE));
        assertEquals(1, cronPass(unknownKey).unmatched().size());
        assertEquals(4, headers.get());
        assertEquals(1, bodies.get());
        junk(1); // UID 5
        assertEquals(1, cronPass(unknownKey).unmatched().size(), "read again");
        assertEquals(2, headers.get(), "the kept report and the new message; not the junk after the report");
        assertEquals(1, bodies.get(), "no junk body");
        assertTrue(log.fetches().stream().anyMatch(c -> c.contains("UID FETCH 5:*")), "the mark passed the kept report: " + log.fetches());
        assertEquals(1, cronPass(f.processor()).matched(), "the key is known now: applied");
        assertEquals(0, cronPass(f.processor()).read());
        assertEquals(0, headers.get() + bodies.get(), "applied: no longer kept");
    }

    @Test
    void anOversizedReportIsNeverDownloaded() throws Exception {
        String big = new String(f.sample("hard.eml", ProcessFixture.HARD), StandardCharsets.ISO_8859_1)
                + ("\r\n" + "x".repeat(76)).repeat(2_000); // 156 KB, over the 64 KiB limit
        deliver(big.getBytes(StandardCharsets.ISO_8859_1));
        ReturnPathReader r = reader(ReadMarks.in(f.journal, "bounces"), 64 * 1024);
        look(r);
        assertEquals(1, headers.get());
        assertTrue(log.fetches().stream().noneMatch(c -> c.contains("BODY.PEEK[]")), "its body is never fetched: " + log.fetches());
        assertTrue(log.commands.stream().anyMatch(c -> c.contains(ImapMailbox.SET_ASIDE_KEYWORD)), "it is set aside: " + log.commands);
        look(r);
        assertEquals(0, headers.get() + bodies.get(), "and not listed again");
        r.close();
    }

    /** Counts header and body reads at the port. */
    final class Counting extends org.listguard.feedback.ForwardingMailbox {
        Counting(BounceMailbox inner) { super(inner); }

        @Override public byte[] headers(MailboxMessage m) throws MailboxException { headers.incrementAndGet(); return inner.headers(m); }
        @Override public byte[] read(MailboxMessage m) throws MailboxException { bodies.incrementAndGet(); return inner.read(m); }
    }
}
