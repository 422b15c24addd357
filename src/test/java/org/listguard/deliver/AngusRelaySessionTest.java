package org.listguard.deliver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.config.Relay;
import org.listguard.config.TlsMode;
import org.listguard.reply.Stage;
import org.listguard.deliver.sandbox.SandboxScript.Command;
import org.listguard.deliver.sandbox.SandboxSmtpServer;

/** The Angus adapter against the scriptable loopback server: every outcome and stage. */
class AngusRelaySessionTest {
    @TempDir
    Path dir;
    private SandboxSmtpServer server;
    private final MailRelay relays = new AngusMailRelay("client.example.org");

    @BeforeEach
    void start() throws IOException {
        server = SandboxSmtpServer.start(dir, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Relay relay() {
        return TestMessages.plain(server.port());
    }

    private SubmitResult submitOne(Relay relay, String to) {
        try (RelaySession s = relays.open(relay, "secret".toCharArray())) {
            return s.submit(new Envelope("bounces@example.org", to), TestMessages.message(to));
        }
    }

    @Test
    void acceptedMessageCarriesTheQueueIdFromTheDataReply() {
        SubmitResult r = submitOne(relay(), "a@example.com");
        assertEquals(Outcome.ACCEPTED, r.outcome());
        assertEquals(Stage.DATA_END, r.stage());
        assertEquals(250, r.code());
        assertEquals("2.0.0", r.enhanced());
        assertTrue(r.queueId().startsWith("SBX"), r.queueId());
        assertEquals("test", r.relay());
    }

    @Test
    void bytesArriveUnchangedAfterDotStuffing() throws IOException {
        byte[] raw = TestMessages.message("a@example.com", "keep.this@example.org", 20_000);
        byte[] large = TestMessages.message("a@example.com", "large@example.org", 300_000);   // more than one write of the body
        try (RelaySession s = relays.open(relay(), null)) {
            assertTrue(s.submit(new Envelope("b@example.org", "a@example.com"), raw).accepted());
            assertTrue(s.submit(new Envelope("b@example.org", "a@example.com"), large).accepted());
        }
        for (int i = 0; i < 2; i++) {
            String text = new String(Files.readAllBytes(server.messages().get(i)), StandardCharsets.UTF_8);
            String sent = new String(i == 0 ? raw : large, StandardCharsets.UTF_8);
            assertTrue(text.endsWith(sent), "the raw message is the tail of the stored file");
        }
    }

    @Test
    void rejectedRecipientIsRejectedAtRcptWithTheWholeReply() {
        server.script().reply(Command.RCPT, "*@blocked.example",
                "550-5.7.1 Service unavailable; client host [192.0.2.1] blocked\n550 5.7.1 using zen.spamhaus.org");
        SubmitResult r = submitOne(relay(), "x@blocked.example");
        assertEquals(Outcome.REJECTED, r.outcome());
        assertEquals(Stage.RCPT, r.stage());
        assertEquals(550, r.code());
        assertEquals("5.7.1", r.enhanced());
        assertTrue(r.text().contains("blocked\n550 5.7.1 using zen.spamhaus.org"), r.text());
        assertNull(r.queueId());
    }

    @Test
    void sessionStaysUsableAfterARejectedRecipient() {
        server.script().reply(Command.RCPT, "x@blocked.example", "550 5.1.1 no such user");
        try (RelaySession s = relays.open(relay(), null)) {
            assertEquals(Outcome.REJECTED, s.submit(new Envelope("b@example.org", "x@blocked.example"), TestMessages.message("x")).outcome());
            assertTrue(s.connected());
            assertEquals(Outcome.ACCEPTED, s.submit(new Envelope("b@example.org", "y@example.com"), TestMessages.message("y")).outcome());
        }
        assertEquals(1, server.accepted());
    }

    @Test
    void temporaryFailureIsDeferredAndTheRetryIsAccepted() {
        server.script().replyFirstAttempts(1, Command.RCPT, "grey@example.com", "451 4.7.1 Greylisted, try again");
        try (RelaySession s = relays.open(relay(), null)) {
            SubmitResult first = s.submit(new Envelope("b@example.org", "grey@example.com"), TestMessages.message("g"));
            assertEquals(Outcome.DEFERRED, first.outcome());
            assertEquals("4.7.1", first.enhanced());
            assertEquals(Outcome.ACCEPTED, s.submit(new Envelope("b@example.org", "grey@example.com"), TestMessages.message("g")).outcome());
        }
    }

    @Test
    void rejectionAtEndOfDataIsAttributedToDataEnd() {
        server.script().reply(Command.END_OF_DATA, "*", "554 5.7.1 Message rejected as spam");
        SubmitResult r = submitOne(relay(), "a@example.com");
        assertEquals(Outcome.REJECTED, r.outcome());
        assertEquals(Stage.DATA_END, r.stage());
        assertEquals(0, server.accepted());
    }

    @Test
    void hangUpAfterTheBodyIsUnknown() {
        server.script().hangUp(Command.END_OF_DATA, "*");
        SubmitResult r = submitOne(relay(), "a@example.com");
        assertEquals(Outcome.UNKNOWN, r.outcome(), r.toString());
        assertEquals(Stage.DATA_END, r.stage());
        assertEquals(0, r.code());
    }

    @Test
    void hangUpBeforeDataIsDeferredNeverUnknown() {
        server.script().hangUp(Command.RCPT, "*");
        SubmitResult r = submitOne(relay(), "a@example.com");
        assertEquals(Outcome.DEFERRED, r.outcome());
        assertEquals(Stage.RCPT, r.stage());
    }

    @Test
    void reply421ClosesTheSessionAndTheNextSubmitReconnects() {
        server.script().replyFirstAttempts(1, Command.RCPT, "a@example.com", "421 4.4.2 Too many connections, closing");
        try (RelaySession s = relays.open(relay(), null)) {
            SubmitResult r = s.submit(new Envelope("b@example.org", "a@example.com"), TestMessages.message("a"));
            assertEquals(Outcome.DEFERRED, r.outcome());
            assertEquals(421, r.code());
            assertFalse(s.connected());
            assertEquals(Outcome.ACCEPTED, s.submit(new Envelope("b@example.org", "a@example.com"), TestMessages.message("a")).outcome());
        }
    }

    @Test
    void rejectedGreetingIsAConnectFailure() {
        server.script().reply(Command.CONNECT, "*", "554 5.7.1 Your access to this mail system has been rejected due to the sending MTA's poor reputation.");
        SubmitResult r = submitOne(relay(), "a@example.com");
        assertEquals(Stage.CONNECT, r.stage());
        assertEquals(Outcome.REJECTED, r.outcome());
        assertTrue(r.text().contains("poor reputation"), r.text());
    }

    @Test
    void refusedConnectionIsDeferredAtConnect() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        SubmitResult r = submitOne(TestMessages.plain(port), "a@example.com");
        assertEquals(Outcome.DEFERRED, r.outcome());
        assertEquals(Stage.CONNECT, r.stage());
    }

    @Test
    void silentServerTimesOutWithinTheRelayTimeout() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (Socket client = silent.accept()) {
                    client.getInputStream().read();   // never greets; waits for the client to give up
                } catch (IOException e) {
                    // test ends
                }
            });
            t.setDaemon(true);
            t.start();
            long start = System.nanoTime();
            SubmitResult r = submitOne(TestMessages.plain("127.0.0.1", silent.getLocalPort(), Duration.ofMillis(300)), "a@example.com");
            assertEquals(Outcome.DEFERRED, r.outcome());
            assertEquals(Stage.CONNECT, r.stage());
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(3)) < 0);
            t.interrupt();
        }
    }

    @Test
    void starttlsRequiredButNotOfferedSendsNothing() {
        Relay r = relay().withEndpoint("127.0.0.1", server.port(), TlsMode.STARTTLS);
        SubmitResult res = submitOne(r, "a@example.com");
        assertEquals(Stage.STARTTLS, res.stage());
        assertEquals(Outcome.DEFERRED, res.outcome());
        assertEquals(0, server.accepted());
    }

    @Test
    void failedAuthenticationNeverShowsThePassword() {
        server.script().reply(Command.AUTH, "*", "535 5.7.8 Authentication credentials invalid");
        SubmitResult r = submitOne(TestMessages.withAuth(relay(), TlsMode.NONE), "a@example.com");
        assertEquals(Stage.AUTH, r.stage());
        assertEquals(Outcome.REJECTED, r.outcome());
        assertEquals("5.7.8", r.enhanced());
        assertFalse(r.toString().contains("secret"));
        assertFalse(r.toString().contains(Base64.getEncoder().encodeToString("secret".getBytes(StandardCharsets.UTF_8))));
        assertEquals(0, server.accepted());
    }

    @Test
    void authenticatedSubmissionIsAccepted() {
        SubmitResult r = submitOne(TestMessages.withAuth(relay(), TlsMode.NONE), "a@example.com");
        assertEquals(Outcome.ACCEPTED, r.outcome());
    }

    @Test
    void oneConnectionCarriesManyTransactions() {
        try (RelaySession s = relays.open(relay(), null)) {
            for (int i = 0; i < 20; i++) {
                assertEquals(Outcome.ACCEPTED, s.submit(new Envelope("b@example.org", "r" + i + "@example.com"), TestMessages.message("r" + i)).outcome());
            }
        }
        assertEquals(20, server.accepted());
        assertNotEquals(0, server.accepted());
    }

    /**
     * The relay closes a kept connection between two transactions (its idle timeout): silently, or
     * with Postfix's 421 to the next command. The next transaction goes over a new connection,
     * sent once, without a NOOP before each transaction.
     */
    @Test
    void keptConnectionClosedByTheRelayIsReopenedForTheNextTransaction() throws Exception {
        for (String onNextCommand : new String[] {null, "421 4.4.2 client.example.org Error: timeout exceeded"}) {
          for (boolean pipelining : new boolean[] {false, true}) {   // pipelined, MAIL RCPT DATA were all sent to the closed connection
            String ehlo = "250-relay.example\r\n" + (pipelining ? "250-PIPELINING\r\n" : "") + "250 8BITMIME\r\n";
            try (ServerSocket ss = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
                java.util.List<String> heard = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
                Thread relay = new Thread(() -> {
                    try {
                        for (int conn = 1; conn <= 2; conn++) {
                            try (Socket c = ss.accept()) {
                                java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(c.getInputStream(),
                                        StandardCharsets.US_ASCII));
                                java.io.Writer out = new java.io.OutputStreamWriter(c.getOutputStream(), StandardCharsets.US_ASCII);
                                out.write("220 relay.example ESMTP\r\n");
                                out.flush();
                                int transactions = 0;
                                for (String line; (line = in.readLine()) != null; ) {
                                    heard.add(conn + " " + line.split(":")[0]);
                                    String verb = line.length() >= 4 ? line.substring(0, 4) : line;
                                    if (conn == 1 && transactions == 1) { // idle timeout: the kept connection is gone
                                        if (onNextCommand != null) out.write(onNextCommand + "\r\n");
                                        out.flush();
                                        break;
                                    }
                                    switch (verb) {
                                        case "EHLO" -> out.write(ehlo);
                                        case "DATA" -> {
                                            out.write("354 go ahead\r\n");
                                            out.flush();
                                            while (!".".equals(in.readLine())) { /* the body */ }
                                            transactions++;
                                            out.write("250 2.0.0 Ok: queued as Q" + conn + transactions + "\r\n");
                                        }
                                        case "QUIT" -> out.write("221 Bye\r\n");
                                        default -> out.write("250 Ok\r\n");
                                    }
                                    out.flush();
                                    if (verb.equals("QUIT")) break;
                                }
                            }
                        }
                    } catch (IOException e) {
                        heard.add("relay failed: " + e);
                    }
                });
                relay.setDaemon(true);
                relay.start();
                try (RelaySession s = relays.open(TestMessages.plain(ss.getLocalPort()), null)) {
                    SubmitResult first = s.submit(new Envelope("b@example.org", "a@example.com"), TestMessages.message("a"));
                    SubmitResult second = s.submit(new Envelope("b@example.org", "c@example.com"), TestMessages.message("c"));
                    assertEquals(Outcome.ACCEPTED, first.outcome(), first.toString());
                    assertEquals("Q11", first.queueId());
                    assertEquals(Outcome.ACCEPTED, second.outcome(), second.toString());
                    assertEquals("Q21", second.queueId(), "the second transaction went over a new connection");
                }
                relay.join(10_000);
                assertFalse(heard.stream().anyMatch(l -> l.contains("NOOP")), "no NOOP before a transaction: " + heard);
                assertEquals(java.util.List.of("1 EHLO client.example.org", "1 MAIL FROM", "1 RCPT TO", "1 DATA", "1 MAIL FROM",
                        "2 EHLO client.example.org", "2 MAIL FROM", "2 RCPT TO", "2 DATA", "2 QUIT"), heard, "reply: " + onNextCommand);
            }
          }
        }
    }
}
