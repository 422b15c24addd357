package org.listguard.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.events.Journaled;
import org.listguard.config.Config;
import org.listguard.deliver.sandbox.SandboxSmtpServer;
import org.listguard.journal.Journal;
import org.listguard.journal.Run;
import org.listguard.journal.RunState;
import org.listguard.journal.RunStatus;
import org.listguard.report.Json;

/**
 * Silent-discard detection end to end: GreenMail is the seed mailbox (IMAPS, its certificate
 * trusted through {@code trust_certificate}) and, where the seed should arrive, also the relay
 * that delivers it there; a {@link SandboxSmtpServer} that accepts and stores but never delivers
 * is the relay that drops it. All waiting goes through the fixture's fake clock.
 */
class SeedPipelineTest {
    static final String SEED = "seed@seeds.example.com";
    static final Path TRUSTED = Path.of("src/test/resources/tls/relay-test.pem").toAbsolutePath();

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(
            new ServerSetup[] {ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.IMAPS.dynamicPort()});

    @TempDir
    Path dir;

    @BeforeEach
    void seedAccount() {
        greenMail.setUser(SEED, SEED, "seed-secret");
    }

    /** The fixture's YAML with a seed watched over IMAPS in GreenMail. */
    String withSeeds(String yaml, String timeout) throws Exception {
        Files.writeString(dir.resolve("seed.password"), "seed-secret\n");
        return yaml + """
                guard:
                  seeds: [%s]
                  seed_timeout: %s
                  seed_mailbox:
                    host: 127.0.0.1
                    port: %d
                    tls: implicit
                    trust_certificate: %s
                    auth: { username: %s, password_file: %s }
                """.formatted(SEED, timeout, greenMail.getImaps().getPort(), TRUSTED, SEED, dir.resolve("seed.password"));
    }

    @Test
    void aSeedThatArrivesLetsTheRunCompleteAndIsNotCountedAsAMember() throws Exception {
        SendFixture f = new SendFixture(dir);
        f.members(5);
        Config c = f.config(withSeeds(f.yaml(2, "", "isp " + greenMail.getSmtp().getPort()), "15m"));
        try (Journal j = f.journal(c)) {
            SendOutcome r = f.pipeline(c, SendFixture.world(), j).send(SendFixture.options());
            assertInstanceOf(SendOutcome.Completed.class, r, r.message() + " " + f.said);
            RunStatus s = j.runs().status(r.runId()).orElseThrow();
            assertEquals(RunState.COMPLETED, s.state());
            assertEquals(5, s.total(), "the seed is not a list member");
            assertEquals(5, s.count("accepted"));
            List<String> kinds = j.runEvents().list(r.runId()).stream().map(Journaled::kind).toList();
            assertTrue(kinds.contains("seed_sent") && kinds.contains("seed_arrived"), kinds.toString());
        }
        MimeMessage[] got = greenMail.getReceivedMessages();
        assertEquals(6, got.length, "5 members and one seed went through the same relay");
        List<MimeMessage> seeds = Arrays.stream(got).filter(m -> header(m, "X-Listguard-Seed") != null).toList();
        assertEquals(1, seeds.size());
        assertEquals(SEED, seeds.get(0).getAllRecipients()[0].toString());
        assertTrue(header(seeds.get(0), "DKIM-Signature") != null, "signed like a member's message");
    }

    @Test
    void aSeedTheRelayAcceptsButDropsPausesWithEvidenceWhenTheFakeClockPassesTheTimeout() throws Exception {
        SendFixture f = new SendFixture(dir);
        f.members(8);
        try (SandboxSmtpServer dropping = SandboxSmtpServer.start(dir.resolve("dropped"), f.clock())) {
            // batches of 2, 10 minutes apart: the seed of batch 1 is overdue at the check after batch 3 (t = 20 min)
            String yaml = f.yaml(2, "", "isp " + dropping.port()).replace("batch_pause: 0s", "batch_pause: 10m");
            Config c = f.config(withSeeds(yaml, "15m"));
            long started = System.nanoTime();
            try (Journal j = f.journal(c)) {
                SendOutcome r = f.pipeline(c, SendFixture.world(), j).send(SendFixture.options());
                assertInstanceOf(SendOutcome.Paused.class, r, r.message() + " " + f.said);
                Run run = j.runs().get(r.runId()).orElseThrow();
                assertEquals(RunState.PAUSED, run.state());
                assertTrue(run.pauseReason().startsWith("silent discard suspected"), run.pauseReason());
                RunStatus s = j.runs().status(r.runId()).orElseThrow();
                assertEquals(8, s.total());
                assertEquals(6, s.count("accepted"), "batches 1-3 went out; the pause came before batch 4");
                assertEquals(2, s.count("pending"));
                JsonNode ev = Json.mapper().readTree(run.pauseEvidence()).get(0);
                assertEquals("seed", ev.get("kind").asText());
                assertEquals(SEED, ev.get("seed").asText());
                assertEquals("isp", ev.get("relay").asText());
                assertTrue(ev.get("message_id").asText().matches("<" + r.runId() + "\\.0\\..+@example\\.org>"), ev.toString());
                assertTrue(ev.get("queue_id").asText().startsWith("SBX"), ev.toString());
                assertTrue(ev.get("at").asText().endsWith("Z"), "accepted-at, ISO-8601 UTC: " + ev);
                assertTrue(ev.get("text").asText().contains("250"), "the relay's acceptance reply: " + ev);
            }
            Duration slept = f.slept.stream().reduce(Duration.ZERO, Duration::plus);
            assertTrue(slept.compareTo(Duration.ofMinutes(20)) >= 0, "waited on the fake clock: " + slept);
            assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofMinutes(1)) < 0, "no real waiting");
            assertEquals(7, dropping.accepted(), "6 members and the seed were accepted by the relay");
        }
    }

    @Test
    void whenEveryMemberIsDoneTheRunWaitsForItsSeedThroughTheSleeperThenPauses() throws Exception {
        SendFixture f = new SendFixture(dir);
        f.members(3);
        try (SandboxSmtpServer dropping = SandboxSmtpServer.start(dir.resolve("dropped"), f.clock())) {
            Config c = f.config(withSeeds(f.yaml(100, "", "isp " + dropping.port()), "15m"));
            try (Journal j = f.journal(c)) {
                SendOutcome r = f.pipeline(c, SendFixture.world(), j).send(SendFixture.options());
                assertInstanceOf(SendOutcome.Paused.class, r, r.message());
                assertEquals(3, j.runs().status(r.runId()).orElseThrow().count("accepted"));
                assertTrue(j.runEvents().list(r.runId()).stream().anyMatch(e -> e.kind().equals("seed_overdue")));
            }
            Duration slept = f.slept.stream().reduce(Duration.ZERO, Duration::plus);
            assertTrue(slept.compareTo(Duration.ofMinutes(15)) >= 0 && slept.compareTo(Duration.ofMinutes(16)) <= 0, slept.toString());
        }
    }

    private static String header(MimeMessage m, String name) {
        try {
            return m.getHeader(name, null);
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aSeedRefusedForReputationFailsOverAndTheNewRelayGetsItsOwnSeedAtOnce() throws Exception {
        SendFixture f = new SendFixture(dir);
        f.members(4);
        try (SandboxSmtpServer blocked = SandboxSmtpServer.start(dir.resolve("blocked"), f.clock());
             SandboxSmtpServer clean = SandboxSmtpServer.start(dir.resolve("clean"), f.clock())) {
            blocked.script().reply(org.listguard.deliver.sandbox.SandboxScript.Command.RCPT, "*", SendPipelineTest.CISCO);
            // the clean relay "delivers" into its store, which is the seed mailbox here (a Maildir-style directory)
            f.seedWatchers = (mailbox, password) -> new org.listguard.mailbox.MaildirSeedWatcher(clean.directory());
            String yaml = f.yaml(100, "", "isp " + blocked.port(), "backup " + clean.port())
                    + "guard:\n  seeds: [" + SEED + "]\n  seed_mailbox: { maildir: " + clean.directory() + " }\n";
            Config c = f.config(yaml);
            try (Journal j = f.journal(c)) {
                SendOutcome r = f.pipeline(c, SendFixture.world(), j).send(SendFixture.options());
                assertInstanceOf(SendOutcome.Completed.class, r, r.message() + " " + f.said);
                assertEquals(4, j.runs().status(r.runId()).orElseThrow().count("accepted"));
                List<String> kinds = j.runEvents().list(r.runId()).stream().map(Journaled::kind).toList();
                assertEquals(List.of("seed_refused", "failover", "seed_sent", "seed_arrived", "seed_placed"),
                        kinds.stream().filter(k -> k.startsWith("seed_") || k.equals("failover")).toList());
            }
            assertEquals(0, blocked.accepted(), "the seed was the first message: nobody was sent through the blocked relay");
            assertEquals(5, clean.accepted());
        }
    }

    @Test
    void aMissingSeedMailboxPasswordIsBadInputAndNothingIsSent() throws Exception {
        SendFixture f = new SendFixture(dir);
        f.members(2);
        String yaml = withSeeds(f.yaml(100, "", "isp " + greenMail.getSmtp().getPort()), "15m")
                .replace("password_file: " + dir.resolve("seed.password"), "password_env: LISTGUARD_SEED_PASSWORD");
        Config c = f.config(yaml);
        try (Journal j = f.journal(c)) {
            org.listguard.InputException e = org.junit.jupiter.api.Assertions.assertThrows(org.listguard.InputException.class,
                    () -> f.pipeline(c, SendFixture.world(), j).send(SendFixture.options()));
            assertTrue(e.getMessage().contains("guard.seed_mailbox.auth") && e.getMessage().contains("LISTGUARD_SEED_PASSWORD"), e.getMessage());
            assertTrue(j.runs().latest().isEmpty(), "no run was started");
        }
        assertEquals(0, greenMail.getReceivedMessages().length);
    }
}
