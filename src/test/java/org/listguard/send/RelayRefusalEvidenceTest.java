package org.listguard.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.config.BounceScore;
import org.listguard.config.Config;
import org.listguard.deliver.sandbox.SandboxScript;
import org.listguard.deliver.sandbox.SandboxSmtpServer;
import org.listguard.feedback.EvidencePolicy;
import org.listguard.journal.Journal;
import org.listguard.journal.MemberEvidence;
import org.listguard.journal.RecipientStatus;
import org.listguard.journal.Suppressions;

/**
 * Issue 22: the smart host's own synchronous refusal of one recipient goes through the member's
 * bounce evidence (feedback.RelayRefusals), not straight to the suppression list: an addressing
 * code at RCPT suppresses at once; "no such user" without a code is kept and adds to the score.
 * Against a real SMTP peer on loopback (the sandbox relay, scripted replies).
 */
class RelayRefusalEvidenceTest {
    @TempDir
    Path dir;

    @Test
    void anAddressingCodeAtRcptSuppressesAtOnceAndAnUncodedRefusalOnlyAddsToTheScore() throws Exception {
        SendFixture f = new SendFixture(dir);
        f.members(4);
        try (SandboxSmtpServer relay = SandboxSmtpServer.start(dir.resolve("out"), f.clock())) {
            relay.script().reply(SandboxScript.Command.RCPT, "member02@*", "550 5.1.1 <member02@example.net>: Recipient address rejected: User unknown");
            relay.script().reply(SandboxScript.Command.RCPT, "member03@*", "550 No such user here");
            Config c = f.config(f.yaml(2, "", "isp " + relay.port()));
            try (Journal j = f.journal(c)) {
                SendOutcome r = f.pipeline(c, SendFixture.world(), j).send(SendFixture.options());
                String run = r.runId();
                java.util.Map<String, RecipientStatus> status = new java.util.HashMap<>();
                j.recipients().each(run, row -> status.put(row.email(), row.status()));
                assertEquals(RecipientStatus.REJECTED, status.get("member02@example.net"), status + " " + f.said);
                assertEquals(RecipientStatus.REJECTED, status.get("member03@example.net"), status + " " + f.said);

                // definitive: the relay's own 5.1.1 at RCPT
                assertTrue(j.suppressions().isSuppressed(Suppressions.key("member02@example.net")));
                List<MemberEvidence.Entry> two = j.memberEvidence().of(Suppressions.key("member02@example.net"));
                assertEquals(1, two.size(), two.toString());
                assertEquals("relay", two.get(0).kind());
                assertEquals("RCPT", two.get(0).stage());
                assertEquals("5.1.1", two.get(0).status());
                assertEquals(550, two.get(0).replyCode());
                assertTrue(two.get(0).diagnostic().contains("Recipient address rejected: User unknown"), two.get(0).diagnostic());
                String evidence = j.suppressions().find("member02@example.net").orElseThrow().evidence();
                assertTrue(evidence.contains("\"decision\":\"suppress-definitive\""), evidence);

                // no code: kept as evidence, one run is never enough
                assertFalse(j.suppressions().isSuppressed(Suppressions.key("member03@example.net")));
                List<MemberEvidence.Entry> three = j.memberEvidence().of(Suppressions.key("member03@example.net"));
                assertEquals(1, three.size(), three.toString());
                EvidencePolicy.Standing s = EvidencePolicy.decide(three, Optional.empty(), BounceScore.DEFAULT, f.clock().instant());
                assertEquals(EvidencePolicy.Verdict.WATCH, s.verdict(), s.why());
                assertTrue(s.score() > 0, s.why());

                // the accepted members have no evidence
                assertTrue(j.memberEvidence().of(Suppressions.key("member01@example.net")).isEmpty());
            }
        }
    }

    /**
     * A relay's refusal during send that tips a member into "needs your look" is told in the send
     * summary, from the journaled event that status reads, once: weighing the member again does not
     * flag it again.
     */
    @Test
    void aLookRaisedDuringSendIsToldInItsSummaryFromTheEventStatusReadsAndOnlyOnce() throws Exception {
        SendFixture f = new SendFixture(dir);
        f.members(4);
        try (SandboxSmtpServer relay = SandboxSmtpServer.start(dir.resolve("out"), f.clock())) {
            // an addressing code, but after the message: adds to the score, one run is never enough
            relay.script().reply(SandboxScript.Command.END_OF_DATA, "member04@*", "550 5.1.1 <member04@example.net>: User unknown");
            Config c = f.config(f.yaml(2, "", "isp " + relay.port()));
            try (Journal j = f.journal(c)) {
                // a filter's "user unknown" after DATA in two earlier runs (the mailbox exists): look score 4.0 of 5.0
                String member = Suppressions.key("member04@example.net");
                for (int month = 2; month >= 1; month--) {
                    String earlier = j.runs().create("earlier", null, false).id();
                    j.runs().setState(earlier, org.listguard.journal.RunState.COMPLETED, null, null);
                    j.memberEvidence().add(new MemberEvidence.Entry("relay-reply:" + earlier + "#1", earlier, 1, member,
                            f.clock().instant().minus(java.time.Duration.ofDays(30L * month)), "relay", "content", "filtered",
                            "userunknown+after-data", null, null, 550, "DATA_END", "relay", "relay", "550 User unknown", "smtp:relay"));
                }
                // meanwhile a cron `bounces process` pass flags another member (of an earlier run) and tells it itself
                String cronRun = j.runs().latest().orElseThrow().id();
                java.util.concurrent.atomic.AtomicBoolean cron = new java.util.concurrent.atomic.AtomicBoolean();
                f.onProgress = p -> {
                    if (cron.compareAndSet(false, true)) {
                        j.runEvents().append(cronRun, new org.listguard.events.RunRecord.MemberNeedsLook("cron@example.net", "filtered",
                                "needs your look", org.listguard.events.RunRecord.MemberNeedsLook.BY_BOUNCES_PROCESS));
                    }
                };
                SendOutcome r = f.pipeline(c, SendFixture.world(), j).send(SendFixture.options());
                assertTrue(cron.get());
                assertFalse(r.message().contains("cron@example.net"), "told by the cron pass, not again by the send: " + r.message());
                assertTrue(r.message().contains("1 member(s) need your look"), r.message());
                assertTrue(r.message().contains("member04@example.net (userunknown)"), r.message());
                assertTrue(r.message().contains("listguard members show ADDRESS"), r.message());
                assertFalse(j.suppressions().isSuppressed(member), "one run's score is never enough");

                // the summary's source is the run's event, which status reads (report/NeedsLook)
                List<org.listguard.report.NeedsLook.Flag> flags = org.listguard.report.NeedsLook.of(j.runEvents().list(r.runId()));
                assertEquals(1, flags.size(), flags.toString());
                assertEquals("member04@example.net", flags.get(0).address());

                // weighed again (a later report of the same run, as `bounces process` would read it): no second flag
                f.clock.advance(java.time.Duration.ofMinutes(5));
                java.time.Instant again = f.clock().instant();
                new org.listguard.feedback.RelayRefusals(j, BounceScore.DEFAULT, f.clock()).record(r.runId(), 99, "member04@example.net",
                        new org.listguard.reply.Reply(org.listguard.reply.Stage.DATA_END, 550, "5.1.1", "550 5.1.1 User unknown", "relay", true),
                        new org.listguard.reply.Classification("userunknown", org.listguard.reply.Action.HARD, "rfc3463-5.1.1"),
                        "relay");
                assertEquals(1, org.listguard.report.NeedsLook.of(j.runEvents().list(r.runId())).size());
                assertTrue(j.runEvents().since(org.listguard.events.RunRecord.MemberNeedsLook.KIND, again).isEmpty());
            }
        }
    }

    /**
     * A relay's refusal that says the mailbox exists (disabled, or the recipient's own filter) is the
     * member's evidence too, as the same refusal by DSN is: kept, on the look score, never suppressing.
     */
    @Test
    void aDisabledMailboxOrAFilterRefusalAtTheRelayIsKeptAsEvidenceAndNeverSuppresses() throws Exception {
        SendFixture f = new SendFixture(dir);
        f.members(4);
        try (SandboxSmtpServer relay = SandboxSmtpServer.start(dir.resolve("out"), f.clock())) {
            relay.script().reply(SandboxScript.Command.RCPT, "member02@*", "550 5.2.1 <member02@example.net>: mailbox is disabled");
            relay.script().reply(SandboxScript.Command.END_OF_DATA, "member03@*",
                    "550 Message rejected by the recipient's filter rules");
            Config c = f.config(f.yaml(2, "", "isp " + relay.port()));
            try (Journal j = f.journal(c)) {
                SendOutcome r = f.pipeline(c, SendFixture.world(), j).send(SendFixture.options());
                for (String member : List.of("member02@example.net", "member03@example.net")) {
                    List<MemberEvidence.Entry> kept = j.memberEvidence().of(Suppressions.key(member));
                    assertEquals(1, kept.size(), member + " " + kept + " " + f.said);
                    assertEquals("relay", kept.get(0).kind());
                    assertEquals(r.runId(), kept.get(0).run());
                    assertFalse(kept.get(0).action().equals("hard"), kept.toString());
                    assertFalse(j.suppressions().isSuppressed(Suppressions.key(member)), member);
                    EvidencePolicy.Standing s = EvidencePolicy.decide(kept, Optional.empty(), BounceScore.DEFAULT, f.clock().instant());
                    assertEquals(0.0, s.score(), s.why());
                }
                assertEquals("suspend", j.memberEvidence().of(Suppressions.key("member02@example.net")).get(0).reason());
                assertTrue(j.memberEvidence().of(Suppressions.key("member01@example.net")).isEmpty());
            }
        }
    }
}
