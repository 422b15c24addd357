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
}
