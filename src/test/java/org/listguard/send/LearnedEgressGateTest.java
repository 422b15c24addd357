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

/**
 * Egress IPs learned from trusted sources are audited by the next gate with role relay (issue 8,
 * DELIVERABILITY.md s5); an IP one report planted is not (issue 18).
 */
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
                // our seed's Received: line named 185.12.64.1, which the world lists on zen.spamhaus.org
                j.downstream().learnEgress("185.12.64.1", "seed", "from smtp.isp.example (out.isp.example [185.12.64.1]) by mx.example.com", null);
                SendOutcome r = f.pipeline(c, worldListing(), j).send(SendFixture.options());
                assertInstanceOf(SendOutcome.GateRefused.class, r, r.message());
                String said = String.join("\n", f.said);
                assertTrue(said.contains("185.12.64.1") && said.contains("zen.spamhaus.org"), said);
                assertEquals(0, relay.accepted(), "nothing was sent");
            }
        }
    }

    /** The attack of issue 18: one member's forged DSN named 127.0.0.2 (RFC 5782's test entry, listed everywhere). */
    @Test
    void anIpOneReportPlantedIsNeverAuditedSoTheGateStaysOpen() throws Exception {
        SendFixture f = new SendFixture(dir);
        f.members(3);
        try (SandboxSmtpServer relay = SandboxSmtpServer.start(dir.resolve("out"), f.clock())) {
            Config c = f.config(f.yaml(10, "", "isp " + relay.port()));
            try (Journal j = f.journal(c)) {
                j.downstream().learnEgress("127.0.0.2", "dsn", "554 5.7.1 Client host [127.0.0.2] blocked using zen.spamhaus.org", null);
                j.downstream().learnEgress("185.12.64.1", "dsn", "554 5.7.1 Client host [185.12.64.1] blocked using zen.spamhaus.org", null);
                SendOutcome r = f.pipeline(c, worldListing(), j).send(SendFixture.options());
                assertInstanceOf(SendOutcome.Completed.class, r, r.message() + f.said);
                assertEquals(3, relay.accepted());
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
                j.downstream().learnEgress("185.12.64.9", "seed", "from out.isp.example [185.12.64.9] by mx.example.com", null);
                SendOutcome r = f.pipeline(c, worldListing(), j).send(SendFixture.options());
                assertInstanceOf(SendOutcome.Completed.class, r, r.message() + f.said);
            }
        }
    }

    /** The sandbox's DNS world, with 185.12.64.1 listed on zen.spamhaus.org (SBL, 127.0.0.2). */
    private org.listguard.dns.DnsClient worldListing() throws java.io.IOException {
        Path world = dir.resolve("world");
        java.nio.file.Files.createDirectories(world);
        try (var files = java.nio.file.Files.list(SendFixture.WORLD)) {
            for (Path z : files.filter(x -> x.toString().endsWith(".zone")).toList()) java.nio.file.Files.copy(z, world.resolve(z.getFileName()));
        }
        java.nio.file.Files.writeString(world.resolve("zen.spamhaus.org.zone"),
                java.nio.file.Files.readString(world.resolve("zen.spamhaus.org.zone")) + "\n1.64.12.185 IN A 127.0.0.2\n");
        return new org.listguard.dns.ZoneDnsClient(org.listguard.dns.ZoneAnswerer.fromDirectory(world));
    }
}
