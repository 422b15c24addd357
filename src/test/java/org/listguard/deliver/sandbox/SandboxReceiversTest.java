package org.listguard.deliver.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.deliver.AngusMailRelay;
import org.listguard.deliver.Envelope;
import org.listguard.deliver.RelaySession;
import org.listguard.deliver.SubmitResult;
import org.listguard.deliver.TestMessages;
import org.listguard.reply.Action;
import org.listguard.reply.ReplyClassifier;
import org.listguard.feedback.BounceParser;
import org.listguard.feedback.BounceRecord;
import org.listguard.feedback.ParseResult;

/** The receivers behind the sandbox smart host: its 250 hides their verdict, which comes back as a DSN. */
class SandboxReceiversTest {
    private static final String BLOCK = "554 5.7.1 Service unavailable; Client host [198.51.100.25] blocked using rbl.example.net";

    @TempDir
    Path dir;
    private SandboxSmtpServer server;
    private Path returnPath;

    @BeforeEach
    void start() throws Exception {
        server = SandboxSmtpServer.start(dir.resolve("store"), Clock.fixed(Instant.parse("2026-01-05T09:00:00Z"), ZoneOffset.UTC),
                Duration.ofSeconds(5));
        returnPath = dir.resolve("return-path");
        server.returnPath(returnPath, "smtp.isp.example");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private List<SubmitResult> send(String... recipients) {
        try (RelaySession s = new AngusMailRelay("client.example.org").open(TestMessages.plain(server.port()), null)) {
            return Stream.of(recipients).map(r -> s.submit(new Envelope("bounces+tok-" + r.charAt(0) + "@example.org", r),
                    TestMessages.message(r))).toList();
        }
    }

    private List<Path> dsns() throws Exception {
        try (Stream<Path> s = Files.list(returnPath.resolve("new"))) {
            return s.sorted().toList();
        }
    }

    @Test
    void aRefusingReceiverBehindTheSmartHostIsSeenOnlyAsADsnThatOurParserReadsAsReputation() throws Exception {
        server.receivers().bounce("*@example.net", BLOCK, "mx.example.net", Duration.ZERO);
        List<SubmitResult> replies = send("a@example.net", "b@example.com");
        assertTrue(replies.stream().allMatch(SubmitResult::accepted), "the smart host says 250 to both: " + replies);
        server.close();   // pending DSNs are written at the latest when the smart host stops

        assertEquals(List.of("000002-b@example.com.eml"), server.messages().stream().map(p -> p.getFileName().toString()).toList());
        List<Path> dsns = dsns();
        assertEquals(1, dsns.size());
        byte[] dsn = Files.readAllBytes(dsns.get(0));
        ParseResult parsed = new BounceParser(ReplyClassifier.standard()).parse(dsns.get(0).toString(), dsn);
        List<BounceRecord> records = ((ParseResult.Parsed) parsed).records();
        assertEquals(1, records.size());
        BounceRecord r = records.get(0);
        assertEquals("a@example.net", r.recipient());
        assertEquals("5.7.1", r.status());
        assertEquals(Action.REPUTATION, r.action(), r.toString());
        assertTrue(r.diagnostic().contains("[198.51.100.25] blocked using rbl.example.net"), r.diagnostic());
        String text = new String(dsn, java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(text.contains("To: <bounces+tok-a@example.org>"), "addressed to the VERP return path: " + text);
        assertTrue(text.contains("Reporting-MTA: dns; smtp.isp.example") && text.contains("Remote-MTA: dns; mx.example.net"), text);
    }

    @Test
    void aDsnArrivesAfterTheReceiversDelayNotWithTheSmartHostsReply() throws Exception {
        server.receivers().bounce("*", BLOCK, "mx.example.net", Duration.ofHours(1));
        send("a@example.net");
        assertEquals(List.of(), dsns(), "nothing yet: the receiver's verdict is later than the 250");
        assertEquals(0, server.bouncesSent());
        server.close();
        assertEquals(1, dsns().size(), "the smart host still sends the DSN it owes when it stops");
    }

    @Test
    void aDiscardingReceiverLeavesNoTraceAnywhere() throws Exception {
        server.receivers().discard("*@example.com");
        List<SubmitResult> replies = send("a@example.com", "b@example.org");
        assertTrue(replies.stream().allMatch(SubmitResult::accepted));
        server.close();
        assertEquals(2, server.accepted());
        assertEquals(List.of("000002-b@example.org.eml"), server.messages().stream().map(p -> p.getFileName().toString()).toList());
        assertEquals(List.of(), dsns());
    }
}
