package org.listguard.deliver.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.config.Relay;
import org.listguard.deliver.AngusMailRelay;
import org.listguard.deliver.Envelope;
import org.listguard.deliver.Outcome;
import org.listguard.deliver.RelaySession;
import org.listguard.deliver.SubmitResult;
import org.listguard.deliver.TestMessages;
import org.listguard.deliver.sandbox.SandboxScript.Command;
import org.listguard.reply.Stage;
import org.listguard.testing.LoopbackProxy;

/**
 * The sandbox smart host as an RFC 2920 server: it offers PIPELINING, answers every command of a
 * group sent in one write in order, reads the data after 354 from the same buffer, and the sender
 * takes the pipelined path to it (two turns a message); served without PIPELINING, one command a turn.
 */
class SandboxPipeliningTest {
    @TempDir
    Path dir;
    private SandboxSmtpServer server;

    @BeforeEach
    void start() throws Exception {
        server = SandboxSmtpServer.start(dir, Clock.fixed(Instant.parse("2026-01-05T09:00:00Z"), ZoneOffset.UTC), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** A raw client: writes what it is given in one write, reads whole replies (bounded by a timeout, never hangs a test). */
    private static final class Raw implements AutoCloseable {
        final Socket s;
        final BufferedReader in;
        final OutputStream out;

        Raw(int port) throws IOException {
            s = new Socket("127.0.0.1", port);
            s.setSoTimeout(5000);
            in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            out = s.getOutputStream();
        }

        void write(String all) throws IOException {
            out.write(all.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        /** The next reply, lines joined by "\n". */
        String reply() throws IOException {
            StringBuilder r = new StringBuilder();
            for (String l = in.readLine(); ; l = in.readLine()) {
                if (l == null) return r.append("<end of stream>").toString();
                r.append(l);
                if (l.length() < 4 || l.charAt(3) != '-') return r.toString();
                r.append('\n');
            }
        }

        List<String> replies(int n) throws IOException {
            List<String> all = new ArrayList<>();
            for (int i = 0; i < n; i++) all.add(reply());
            return all;
        }

        @Override
        public void close() throws IOException { s.close(); }
    }

    private static List<String> codes(List<String> replies) {
        return replies.stream().map(r -> r.substring(0, 3)).toList();
    }

    @Test
    void ehloOffersPipelining() throws Exception {
        try (Raw c = new Raw(server.port())) {
            c.reply();
            c.write("EHLO raw.example\r\n");
            assertTrue(c.reply().contains("\n250-PIPELINING\n"));
        }
    }

    @Test
    void aGroupInOneWriteIsAnsweredInOrderAndTheDataComesFromTheSameBuffer() throws Exception {
        server.script().reply(Command.RCPT, "refused@example.net", "550 5.1.1 no such user");
        try (Raw c = new Raw(server.port())) {
            c.reply();
            c.write("EHLO raw.example\r\n");
            c.reply();
            c.write("MAIL FROM:<b@example.org>\r\nRCPT TO:<refused@example.net>\r\nRCPT TO:<ok@example.net>\r\nDATA\r\n");
            List<String> group = c.replies(4);
            assertEquals(List.of("250", "550", "250", "354"), codes(group), group.toString());
            assertEquals("550 5.1.1 no such user", group.get(1));
            // the end of the data and the next message's group (led by RSET) in one write, then the last data and QUIT
            c.write("Subject: one\r\n\r\n..dot\r\n.\r\nRSET\r\nMAIL FROM:<b@example.org>\r\nRCPT TO:<two@example.net>\r\nDATA\r\n");
            List<String> next = c.replies(5);
            assertEquals(List.of("250", "250", "250", "250", "354"), codes(next), next.toString());
            assertTrue(next.get(0).startsWith("250 2.0.0 Ok: queued as"), next.toString());
            assertEquals("250 2.0.0 Ok", next.get(1), "RSET");
            c.write("Subject: two\r\n\r\nbody\r\n.\r\nQUIT\r\n");
            assertEquals(List.of("250", "221"), codes(c.replies(2)));
            assertEquals("<end of stream>", c.reply());
        }
        List<Path> files = server.messages();
        assertEquals(List.of("000001-ok@example.net.eml", "000002-two@example.net.eml"), files.stream().map(p -> p.getFileName().toString()).toList());
        assertTrue(Files.readString(files.get(0)).endsWith("Subject: one\r\n\r\n.dot\r\n"));
        assertTrue(Files.readString(files.get(1)).endsWith("Subject: two\r\n\r\nbody\r\n"));
    }

    @Test
    void repliesHeldForAGroupWithoutDataGoWhenTheServerWaitsForMore() throws Exception {
        try (Raw c = new Raw(server.port())) {
            c.reply();
            c.write("EHLO raw.example\r\n");
            c.reply();
            c.write("RSET\r\nMAIL FROM:<b@example.org>\r\nRCPT TO:<x@example.net>\r\n");
            assertEquals(List.of("250", "250", "250"), codes(c.replies(3)));
        }
    }

    @Test
    void aHangUpInTheMiddleOfAGroupStillDeliversTheRepliesBeforeIt() throws Exception {
        server.script().hangUp(Command.RCPT, "gone@example.net");
        try (Raw c = new Raw(server.port())) {
            c.reply();
            c.write("EHLO raw.example\r\n");
            c.reply();
            // more commands than the server's input buffer holds: still unread in its socket when it hangs up
            c.write("MAIL FROM:<b@example.org>\r\nRCPT TO:<gone@example.net>\r\n" + "NOOP\r\n".repeat(20_000));
            assertEquals("250 2.1.0 Ok", c.reply());
            assertEquals("<end of stream>", c.reply(), "the connection closed after the reply to MAIL");
        }
    }

    @Test
    void servedWithoutPipeliningItsEhloDoesNotOfferIt() throws Exception {
        server.withoutPipelining();
        try (Raw c = new Raw(server.port())) {
            c.reply();
            c.write("EHLO raw.example\r\n");
            String ehlo = c.reply();
            assertFalse(ehlo.contains("PIPELINING"), ehlo);
            assertTrue(ehlo.contains("250-8BITMIME"), ehlo);
        }
    }

    /** The sender's turns per message to the sandbox through a recording proxy, after the first message. */
    private int senderTurnsPerMessage(int n) throws Exception {
        try (LoopbackProxy proxy = LoopbackProxy.recording(server.port());
             RelaySession s = new AngusMailRelay("client.example.org").open(TestMessages.plain(proxy.port()), null)) {
            assertTrue(s.submit(new Envelope("b@example.org", "first@example.com"), TestMessages.message("first@example.com")).accepted());
            int before = proxy.clientTurns();
            for (int i = 0; i < n; i++) {
                String to = "r" + i + "@example.com";
                assertTrue(s.submit(new Envelope("b@example.org", to), TestMessages.message(to)).accepted());
            }
            return (proxy.clientTurns() - before) / n;
        }
    }

    @Test
    void theSenderTakesThePipelinedPathToTheSandbox() throws Exception {
        assertEquals(2, senderTurnsPerMessage(10));
        assertEquals(11, server.accepted());
    }

    @Test
    void withoutPipeliningTheSenderTakesOneCommandATurn() throws Exception {
        server.withoutPipelining();
        assertEquals(4, senderTurnsPerMessage(10));
    }

    @Test
    void aRefusalThroughThePipelinedSandboxIsTheMembersAtRcptAndTheConnectionGoesOn() {
        server.script().reply(Command.RCPT, "refused@example.net", "550 5.1.1 no such user");
        Relay relay = TestMessages.plain(server.port());
        try (RelaySession s = new AngusMailRelay("client.example.org").open(relay, null)) {
            SubmitResult r = s.submit(new Envelope("b@example.org", "refused@example.net"), TestMessages.message("refused@example.net"));
            assertEquals(Outcome.REJECTED, r.outcome(), r.toString());
            assertEquals(Stage.RCPT, r.stage());
            assertEquals("550 5.1.1 no such user", r.text());
            assertTrue(s.submit(new Envelope("b@example.org", "ok@example.net"), TestMessages.message("ok@example.net")).accepted());
            assertTrue(s.connected());
        }
        assertEquals(1, server.accepted());
    }
}
