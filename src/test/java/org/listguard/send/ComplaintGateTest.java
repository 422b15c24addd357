package org.listguard.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.audit.Finding;
import org.listguard.audit.Status;
import org.listguard.compose.VerpToken;
import org.listguard.config.BounceSettings;
import org.listguard.config.Config;
import org.listguard.reply.ReplyClassifier;
import org.listguard.deliver.sandbox.SandboxSmtpServer;
import org.listguard.feedback.BounceParser;
import org.listguard.feedback.BounceProcessor;
import org.listguard.feedback.ReportAuthenticator;
import org.listguard.feedback.MaildirMailbox;
import org.listguard.feedback.ProcessFixture;
import org.listguard.feedback.ProcessSummary;
import org.listguard.journal.Journal;

/** The complaint rate that {@code bounces process} counted gates the campaign's next send. */
class ComplaintGateTest {
    static final BounceSettings DEFAULT_LIMITS = new BounceSettings(null, null, null);

    @TempDir
    Path dir;

    @Test
    void threeMembersOwnComplaintsOverTheStopLimitRefuseTheNextSendOfTheCampaign() throws Exception {
        SendFixture f = new SendFixture(dir);
        f.members(7);
        try (SandboxSmtpServer relay = SandboxSmtpServer.start(dir.resolve("out"), f.clock())) {
            Config c = f.config(f.yaml(100, "", "isp " + relay.port()));
            try (Journal j = f.journal(c)) {
                SendOutcome first = f.pipeline(c, SendFixture.world(), j).send(SendFixture.options());
                assertInstanceOf(SendOutcome.Completed.class, first, first.message());
                // three members of seven complain by their own tokens (guard.corroborate=3; 43 %, far over 0.3 %)
                Path maildir = ProcessFixture.maildir(dir.resolve("Maildir"));
                for (int m = 1; m <= 3; m++) {
                    // the report names the member the keyed token was made for (a report never reaches an address it does not name)
                    String arf = new String(ProcessFixture.sample("complaint.eml", new org.listguard.compose.KeyedTokens(org.listguard.compose.TokenKeys.forConfig(c))
                            .issue(new VerpToken(first.runId(), m), VerpToken.Purpose.RETURN)), java.nio.charset.StandardCharsets.ISO_8859_1)
                            .replace("kijitora@y.example.com", "member0" + m + "@example.net")
                            .replace("<222222222222eeee-", "<" + m + "-222222222222eeee-");
                    ProcessFixture.deliver(maildir, m + ".arf", arf.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                }
                ProcessSummary s = new BounceProcessor(j, new BounceParser(ReplyClassifier.standard()), DEFAULT_LIMITS, f.clock(),
                        ReportAuthenticator.of(org.listguard.compose.TokenKeys.forConfig(c), Optional.empty(), ReportAuthenticator.Signatures.NONE))
                        .process(MaildirMailbox.open(maildir, Optional.of("done")), Set.of());
                assertEquals(3, s.complaints());

                f.said.clear();
                // --again: past the period rule (issue 10), so that the complaint gate is what refuses
                SendOutcome second = f.pipeline(c, SendFixture.world(), j)
                        .send(SendOptions.builder("monthly").yes(true).again(true).build());
                assertInstanceOf(SendOutcome.GateRefused.class, second, second.message());
                assertTrue(String.join("\n", f.said).contains("complaints"), String.join("\n", f.said));
                assertEquals(first.runId(), j.runs().latest().orElseThrow().id(), "no new run was started");
            }
            assertEquals(7, relay.accepted(), "nothing more was sent");
        }
    }

    @Test
    void aRateAtTheWarnLimitIsNoFinding() {
        try (ProcessFixture f = withComplaints(1000, 1)) {
            assertEquals(Optional.empty(), ComplaintGate.finding(f.journal, DEFAULT_LIMITS, org.listguard.config.Defaults.CORROBORATE, "monthly"), "0.1 % is not over 0.1 %");
        }
    }

    @Test
    void aRateBetweenTheLimitsIsAWarningThatDoesNotBlock() {
        try (ProcessFixture f = withComplaints(500, 1)) {
            Finding w = ComplaintGate.finding(f.journal, DEFAULT_LIMITS, org.listguard.config.Defaults.CORROBORATE, "monthly").orElseThrow();
            assertEquals("complaints", w.check());
            assertEquals(Status.WARN, w.status());
            assertEquals("0.20%", w.code());
        }
    }

    @Test
    void aRateOverTheStopLimitIsAFailNamingTheRun() {
        try (ProcessFixture f = withComplaints(500, 2)) {
            Finding fail = ComplaintGate.finding(f.journal, DEFAULT_LIMITS, org.listguard.config.Defaults.CORROBORATE, "monthly").orElseThrow();
            assertEquals(Status.FAIL, fail.status());
            assertEquals(f.run, fail.target());
            assertTrue(fail.detail().contains("2 complaint(s) of 500 accepted"), fail.detail());
        }
    }

    /** A run of {@code members} accepted recipients, {@code complaints} of whom complained through a proven feedback loop (recorded as bounce processing does). */
    private ProcessFixture withComplaints(int members, int complaints) {
        ProcessFixture f = new ProcessFixture(dir, members);
        for (int i = 0; i < complaints; i++) {
            long seq = 10 + i;
            f.journal.feedback().recordBounce(new org.listguard.journal.BounceEntry("<arf-" + i + "@fbl.example>", f.run, seq,
                    "member" + seq + "@example.net", "arf", org.listguard.reply.Action.COMPLAINT, "feedback", null, 0, null,
                    null, "test").provenBy("feedback-loop", "Yahoo CFL"));
        }
        return f;
    }
}
