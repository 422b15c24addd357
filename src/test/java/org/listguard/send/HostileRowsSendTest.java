package org.listguard.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.events.RunRecord;
import org.listguard.InputException;
import org.listguard.config.Config;
import org.listguard.deliver.sandbox.SandboxSmtpServer;
import org.listguard.journal.Journal;
import org.listguard.journal.RecipientRow;
import org.listguard.journal.RecipientStatus;
import org.listguard.journal.Run;
import org.listguard.list.Recipient;

/**
 * Issue 13: one hostile row never stops, jams or corrupts a run. Every hostile value is generated
 * here; each test checks the bad row's journal entry and that everyone else got exactly one message.
 */
class HostileRowsSendTest {
    @TempDir
    Path dir;

    private SendFixture fixture(String... extraRows) throws Exception {
        SendFixture f = new SendFixture(dir);
        f.members(3);
        StringBuilder csv = new StringBuilder(Files.readString(dir.resolve("members.csv")));
        for (String row : extraRows) csv.append(row).append('\n');
        Files.writeString(dir.resolve("members.csv"), csv);
        return f;
    }

    /** seq → status of every recipient of the run. */
    private static Map<String, RecipientRow> rows(Journal j, String run) {
        Map<String, RecipientRow> out = new HashMap<>();
        j.recipients(run, r -> out.put(r.email(), r));
        return out;
    }

    private static List<String> received(Path out) throws Exception {
        List<Path> emls = new ArrayList<>();
        try (var s = Files.walk(out)) {
            s.filter(p -> p.toString().endsWith(".eml")).forEach(emls::add);
        }
        return SendFixture.recipientsOf(emls);
    }

    @Test
    void aJournaledRowThatCannotBeComposedIsFailedAndTheRunGoesOnAndCompletes() throws Exception {
        SendFixture f = fixture();
        try (SandboxSmtpServer relay = SandboxSmtpServer.start(dir.resolve("out"), f.clock())) {
            Config c = f.config(f.yaml(2, "", "isp " + relay.port()));
            try (Journal j = f.journal(c)) {
                // a run planned by an older listguard holds a 20,000-character first name (mime4j's limit is 10,000)
                Run run = j.runs().create("monthly", null, false);
                List<Recipient> planned = new ArrayList<>();
                for (int i = 1; i <= 4; i++) {
                    String email = String.format("member%02d@example.net", i);
                    String name = i == 2 ? "x".repeat(20_000) : "Member" + i;
                    planned.add(new Recipient(i + 1, email, Map.of("email", email, "first_name", name)));
                }
                j.addRecipients(run.id(), planned.iterator());
                j.runEvents().append(run.id(), new RunRecord.Planned(0, 0));
                j.runs().setState(run.id(), org.listguard.journal.RunState.PAUSED, "test", null);
                SendOutcome r = assertTimeoutPreemptively(Duration.ofSeconds(60),
                        () -> f.pipeline(c, SendFixture.world(), j).send(SendFixture.options()));
                assertInstanceOf(SendOutcome.Completed.class, r, r.message() + " " + f.said);
                Map<String, RecipientRow> rows = rows(j, run.id());
                RecipientRow bad = rows.get("member02@example.net");
                assertEquals(RecipientStatus.FAILED, bad.status());
                assertTrue(bad.skipReason().contains("could not compose") && bad.skipReason().contains("header would be"), bad.skipReason());
                assertTrue(r.message().contains("1 failed"), r.message());
                assertEquals(List.of("member01@example.net", "member03@example.net", "member04@example.net"),
                        received(dir.resolve("out")).stream().sorted().toList(), "everyone else exactly once");
                // a later send of the campaign does not pick the failed row up again (it is final)
                assertTrue(j.nextBatch(run.id(), 10).isEmpty());
            }
        }
    }

    @Test
    void aFirstNameTooLongForAHeaderIsExit2NamingTheLineBeforeAnythingIsSent() throws Exception {
        SendFixture f = fixture("member04@example.net," + "x".repeat(20_000));
        try (SandboxSmtpServer relay = SandboxSmtpServer.start(dir.resolve("out"), f.clock())) {
            Config c = f.config(f.yaml(2, "", "isp " + relay.port()));
            try (Journal j = f.journal(c)) {
                InputException e = assertThrows(InputException.class, () -> f.pipeline(c, SendFixture.world(), j).send(SendFixture.options()));
                assertTrue(e.getMessage().contains("members.csv:5") && e.getMessage().contains("header would be")
                        && e.getMessage().contains("first_name, 20000 characters"), e.getMessage());
                assertTrue(j.runs().latest().isEmpty(), "no run was started");
            }
            assertEquals(0, relay.accepted());
        }
    }

    @Test
    void aRightToLeftOverrideInANameIsRefusedNamingTheLineAndColumn() throws Exception {
        SendFixture f = fixture("member04@example.net,Eve\u202Egnp.exe");
        try (SandboxSmtpServer relay = SandboxSmtpServer.start(dir.resolve("out"), f.clock())) {
            Config c = f.config(f.yaml(2, "", "isp " + relay.port()));
            try (Journal j = f.journal(c)) {
                InputException e = assertThrows(InputException.class, () -> f.pipeline(c, SendFixture.world(), j).send(SendFixture.options()));
                assertTrue(e.getMessage().contains("members.csv:5: first_name") && e.getMessage().contains("U+202E"), e.getMessage());
            }
            assertEquals(0, relay.accepted());
        }
    }

    @Test
    void aFiveThousandCharacterLocalPartIsSkippedWithTheReasonAndTheOthersAreSentOnce() throws Exception {
        SendFixture f = fixture("a".repeat(5_000) + "@example.net,Long");
        try (SandboxSmtpServer relay = SandboxSmtpServer.start(dir.resolve("out"), f.clock())) {
            Config c = f.config(f.yaml(2, "", "isp " + relay.port()));
            try (Journal j = f.journal(c)) {
                SendOutcome r = f.pipeline(c, SendFixture.world(), j).send(SendFixture.options());
                assertInstanceOf(SendOutcome.Completed.class, r, r.message());
                RecipientRow bad = rows(j, r.runId()).get("a".repeat(5_000) + "@example.net");
                assertEquals(RecipientStatus.SKIPPED, bad.status());
                assertTrue(bad.skipReason().contains("5000 octets") && bad.skipReason().contains("64"), bad.skipReason());
            }
            assertEquals(3, received(dir.resolve("out")).size());
        }
    }

    @Test
    void aNonAsciiLocalPartIsSkippedWhenTheRelayOffersNoSmtpUtf8AndNeverSentAsOtherBytes() throws Exception {
        SendFixture f = fixture("j\u0142rg@example.net,J\u00f6rg", "\uff45vil@example.net,Evil");
        try (SandboxSmtpServer relay = SandboxSmtpServer.start(dir.resolve("out"), f.clock())) {
            Config c = f.config(f.yaml(2, "", "isp " + relay.port()));
            try (Journal j = f.journal(c)) {
                SendOutcome r = f.pipeline(c, SendFixture.world(), j).send(SendFixture.options());
                assertInstanceOf(SendOutcome.Completed.class, r, r.message());
                Map<String, RecipientRow> rows = rows(j, r.runId());
                for (String addr : List.of("j\u0142rg@example.net", "\uff45vil@example.net")) {
                    assertEquals(RecipientStatus.SKIPPED, rows.get(addr).status(), addr);
                    assertTrue(rows.get(addr).skipReason().contains("SMTPUTF8"), rows.get(addr).skipReason());
                }
            }
            List<String> got = received(dir.resolve("out"));
            assertEquals(3, got.size());
            assertTrue(got.stream().noneMatch(a -> a.startsWith("jBrg") || a.startsWith("Evil")), got.toString());
        }
    }

    @Test
    void anInternationalisedDomainGoesAsALabelsInTheEnvelopeAndTheToHeader() throws Exception {
        SendFixture f = fixture("anna@b\u00fccher.example,Anna");
        try (SandboxSmtpServer relay = SandboxSmtpServer.start(dir.resolve("out"), f.clock())) {
            Config c = f.config(f.yaml(2, "", "isp " + relay.port()));
            try (Journal j = f.journal(c)) {
                SendOutcome r = f.pipeline(c, SendFixture.world(), j).send(SendFixture.options());
                assertInstanceOf(SendOutcome.Completed.class, r, r.message());
                assertEquals(4, j.runs().status(r.runId()).orElseThrow().count("accepted"));
            }
            List<String> got = received(dir.resolve("out"));
            assertTrue(got.contains("anna@xn--bcher-kva.example"), got.toString());
            String eml = Files.readString(Files.walk(dir.resolve("out")).filter(p -> p.toString().endsWith(".eml"))
                    .filter(p -> { try { return Files.readString(p).contains("X-Envelope-To: <anna@"); } catch (Exception e) { return false; } })
                    .findFirst().orElseThrow());
            assertTrue(eml.contains("To: Anna <anna@xn--bcher-kva.example>"), eml.substring(0, Math.min(eml.length(), 800)));
        }
    }

    @Test
    void aListWithABadByteIsExit2NamingItsLineNotANoGoThroughTheGate() throws Exception {
        SendFixture f = fixture();
        byte[] bad = "member04@example.net,J\u00f6rg\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        bad[bad.length - 4] = (byte) 0xff; // the ö's first byte replaced: not UTF-8
        Files.write(dir.resolve("members.csv"), bad, java.nio.file.StandardOpenOption.APPEND);
        try (SandboxSmtpServer relay = SandboxSmtpServer.start(dir.resolve("out"), f.clock())) {
            Config c = f.config(f.yaml(2, "", "isp " + relay.port()));
            try (Journal j = f.journal(c)) {
                InputException e = assertThrows(InputException.class, () -> f.pipeline(c, SendFixture.world(), j).send(SendFixture.options()));
                assertTrue(e.getMessage().contains("members.csv:5: first_name") && e.getMessage().contains("not UTF-8"), e.getMessage());
            }
            assertEquals(0, relay.accepted());
        }
    }

    @Test
    void aReplyThatBlowsUpAReplyRuleIsJournaledForThatRecipientAndTheRunCompletes() throws Exception {
        SendFixture f = fixture();
        try (SandboxSmtpServer relay = SandboxSmtpServer.start(dir.resolve("out"), f.clock())) {
            // issue 13's repro: the hostunknown rule's nested quantifier overflowed the stack on this reply
            relay.script().reply(org.listguard.deliver.sandbox.SandboxScript.Command.RCPT, "member02@*",
                    "550 5.1.1 " + "a.".repeat(4_000) + "aa does not exist");
            Config c = f.config(f.yaml(2, "", "isp " + relay.port()));
            try (Journal j = f.journal(c)) {
                SendOutcome r = assertTimeoutPreemptively(Duration.ofSeconds(60),
                        () -> f.pipeline(c, SendFixture.world(), j).send(SendFixture.options()));
                assertInstanceOf(SendOutcome.Completed.class, r, r.message() + " " + f.said);
                assertEquals(RecipientStatus.REJECTED, rows(j, r.runId()).get("member02@example.net").status());
            }
            assertEquals(List.of("member01@example.net", "member03@example.net"), received(dir.resolve("out")).stream().sorted().toList());
        }
    }

    @Test
    void withSkipBadRowsMalformedAndRefusedRowsAreSkippedWithTheReasonAndTheRestSent() throws Exception {
        SendFixture f = fixture("member04@example.net", "member05@example.net,Eve\u202Egnp.exe", "member06@example.net,Six");
        try (SandboxSmtpServer relay = SandboxSmtpServer.start(dir.resolve("out"), f.clock())) {
            Config c = f.config(f.yaml(2, "", "isp " + relay.port()));
            try (Journal j = f.journal(c)) {
                SendOutcome r = f.pipeline(c, SendFixture.world(), j).send(SendOptions.builder("monthly").yes(true).skipBadRows(true).build());
                assertInstanceOf(SendOutcome.Completed.class, r, r.message() + " " + f.said);
                Map<String, RecipientRow> rows = rows(j, r.runId());
                assertEquals(RecipientStatus.SKIPPED, rows.get("member04@example.net").status());
                assertTrue(rows.get("member04@example.net").skipReason().startsWith("bad row: ")
                        && rows.get("member04@example.net").skipReason().contains("members.csv:5"), rows.get("member04@example.net").skipReason());
                assertTrue(rows.get("member05@example.net").skipReason().contains("U+202E"), rows.get("member05@example.net").skipReason());
            }
            assertEquals(List.of("member01@example.net", "member02@example.net", "member03@example.net", "member06@example.net"),
                    received(dir.resolve("out")).stream().sorted().toList());
        }
    }
}
