package org.listguard.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.config.Config;
import org.listguard.deliver.sandbox.SandboxSmtpServer;
import org.listguard.journal.Journal;

/** Egress IPs receivers named are audited by the next gate with role relay (issue 8, DELIVERABILITY.md s5). */
class LearnedEgressGateTest {
    @TempDir
    Path dir;

    @Test
    void aLearnedEgressIpThatIsListedMakesTheGateNoGo() throws Exception {
        SendFixture f = new SendFixture(dir);
        f.members(3);
        try (SandboxSmtpServer relay = SandboxSmtpServer.start(dir.resolve("out"), f.clock())) {
            Config c = f.config(f.yaml(10, "", "isp " + relay.port()));
            try (Journal j = f.journal(c)) {
                // the sandbox world lists 127.0.0.2 on zen.spamhaus.org (the RFC 5782 test point)
                j.downstream().learnEgress("127.0.0.2", "dsn", "554 5.7.1 Client host [127.0.0.2] blocked using zen.spamhaus.org", null);
                SendOutcome r = f.pipeline(c, SendFixture.world(), j).send(SendFixture.options());
                assertInstanceOf(SendOutcome.GateRefused.class, r, r.message());
                String said = String.join("\n", f.said);
                assertTrue(said.contains("127.0.0.2") && said.contains("zen.spamhaus.org"), said);
                assertEquals(0, relay.accepted(), "nothing was sent");
            }
        }
    }

    @Test
    void aLearnedEgressIpThatIsCleanLetsTheRunGo() throws Exception {
        SendFixture f = new SendFixture(dir);
        f.members(3);
        try (SandboxSmtpServer relay = SandboxSmtpServer.start(dir.resolve("out"), f.clock())) {
            Config c = f.config(f.yaml(10, "", "isp " + relay.port()));
            try (Journal j = f.journal(c)) {
                j.downstream().learnEgress("198.51.100.77", "dsn", "550 [198.51.100.77] is listed", null);
                SendOutcome r = f.pipeline(c, SendFixture.world(), j).send(SendFixture.options());
                assertInstanceOf(SendOutcome.Completed.class, r, r.message() + f.said);
            }
        }
    }
}
