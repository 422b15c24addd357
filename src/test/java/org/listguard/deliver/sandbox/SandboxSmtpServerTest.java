package org.listguard.deliver.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
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
import org.listguard.config.TlsMode;
import org.listguard.deliver.AngusMailRelay;
import org.listguard.deliver.Envelope;
import org.listguard.deliver.Outcome;
import org.listguard.deliver.RelaySession;
import org.listguard.deliver.SubmitResult;
import org.listguard.deliver.TestMessages;
import org.listguard.deliver.sandbox.SandboxScript.Command;

class SandboxSmtpServerTest {
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

    private List<SubmitResult> send(String... recipients) {
        List<SubmitResult> out = new ArrayList<>();
        try (RelaySession s = new AngusMailRelay("client.example.org").open(TestMessages.plain(server.port()), null)) {
            for (String r : recipients) out.add(s.submit(new Envelope("bounces@example.org", r), TestMessages.message(r)));
        }
        return out;
    }

    @Test
    void storesEachMessageAsNumberedEmlWithTheEnvelope() throws Exception {
        send("a@example.com", "b@example.net");
        List<Path> files = server.messages();
        assertEquals(List.of("000001-a@example.com.eml", "000002-b@example.net.eml"),
                files.stream().map(p -> p.getFileName().toString()).toList());
        String first = Files.readString(files.get(0), StandardCharsets.UTF_8);
        assertTrue(first.startsWith("X-Envelope-From: <bounces@example.org>\r\nX-Envelope-To: <a@example.com>\r\nReceived: from client.example.org"), first);
        assertTrue(first.contains("Mon, 5 Jan 2026 09:00:00 GMT"), "trace header dated by the injected clock");
    }

    @Test
    void queueIdsAreDistinctPerMessage() {
        List<SubmitResult> r = send("a@example.com", "b@example.com");
        assertTrue(r.get(0).queueId().startsWith("SBX"));
        assertTrue(!r.get(0).queueId().equals(r.get(1).queueId()));
    }

    @Test
    void replyAfterNMessagesStartsBlockingMidRun() {
        server.script().replyAfter(3, Command.RCPT, "*", "554 Your access to this mail system has been rejected due to the sending MTA's poor reputation.");
        List<SubmitResult> r = send("1@x.example", "2@x.example", "3@x.example", "4@x.example", "5@x.example");
        assertEquals(List.of(Outcome.ACCEPTED, Outcome.ACCEPTED, Outcome.ACCEPTED, Outcome.REJECTED, Outcome.REJECTED),
                r.stream().map(SubmitResult::outcome).toList());
        assertEquals(3, server.accepted());
    }

    @Test
    void patternsMatchCaseInsensitivelyOnTheWholeAddress() {
        server.script().reply(Command.RCPT, "*@Blocked.example", "550 5.7.1 blocked");
        List<SubmitResult> r = send("x@blocked.EXAMPLE", "x@blocked.example.org");
        assertEquals(Outcome.REJECTED, r.get(0).outcome());
        assertEquals(Outcome.ACCEPTED, r.get(1).outcome());
    }

    @Test
    void relayForPointsAnyRelayAtTheSandboxWithoutTls() {
        Relay real = new Relay("isp", "smtp.isp.example", 587, TlsMode.STARTTLS, null, null, null, null, null);
        Relay sandbox = server.relayFor(real);
        assertEquals("isp", sandbox.name());
        assertEquals(TlsMode.NONE, sandbox.tls());
        assertEquals(server.port(), sandbox.port());
    }

    @Test
    void dotUnstuffingAndMultipleRecipientsOverARawDialogue() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = s.getOutputStream();
            assertTrue(in.readLine().startsWith("220 "));
            out.write("HELO raw\r\nMAIL FROM:<>\r\nRCPT TO:<a@example.com>\r\nRCPT TO:<b@example.com>\r\nDATA\r\n".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 4; i++) in.readLine();
            assertTrue(in.readLine().startsWith("354"));
            out.write("Subject: x\r\n\r\n..dot\r\n.\r\nQUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            assertTrue(in.readLine().startsWith("250 2.0.0 Ok: queued as"));
        }
        List<Path> files = server.messages();
        assertEquals(2, files.size());
        assertTrue(Files.readString(files.get(1)).endsWith("Subject: x\r\n\r\n.dot\r\n"));
    }
}
