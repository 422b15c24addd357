package org.listguard.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.config.Config;
import org.listguard.dns.DnsClient;
import org.listguard.journal.Journal;

/** Issue 10: a campaign is a period's newsletter; a second new run is refused (exit 3), --again sends. */
class PeriodRuleTest {
    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;

    static SendOptions again() {
        return SendOptions.builder("monthly").yes(true).again(true).build();
    }

    @Test
    void aSecondSendOfACompletedUnscheduledCampaignIsRefusedNamingTheRunAndAgainSends() throws Exception {
        SendFixture f = new SendFixture(dir);
        f.members(3);
        Config c = f.config(f.yaml(3, "", "isp " + greenMail.getSmtp().getPort()));
        DnsClient dns = SendFixture.world();
        try (Journal j = f.journal(c)) {
            SendOutcome first = f.pipeline(c, dns, j).send(SendFixture.options());
            assertInstanceOf(SendOutcome.Completed.class, first, first.message());
            f.clock.advance(Duration.ofMinutes(5));

            SendOutcome second = f.pipeline(c, dns, j).send(SendFixture.options());
            assertInstanceOf(SendOutcome.AlreadySent.class, second, second.message());
            assertTrue(second.message().contains(first.runId()) && second.message().contains("--again"), second.message());
            assertNull(second.runId(), "no run was started");
            assertEquals(3, greenMail.getReceivedMessages().length, "nothing more was sent");

            SendOutcome forced = f.pipeline(c, dns, j).send(again());
            assertInstanceOf(SendOutcome.Completed.class, forced, forced.message());
            assertNotEquals(first.runId(), forced.runId());
            assertEquals(6, greenMail.getReceivedMessages().length, "--again sent the newsletter again");
            assertTrue(j.runEvents().list(forced.runId()).stream().anyMatch(e -> e.kind().equals("again")), "the override is journaled");
        }
    }

    @Test
    void anUnscheduledCampaignMaySendAgainAfterSendAgainAfter() throws Exception {
        SendFixture f = new SendFixture(dir);
        f.members(2);
        Config c = f.config(f.yaml(2, "", "isp " + greenMail.getSmtp().getPort())
                .replace("    template: " + dir + "/news\n", "    template: " + dir + "/news\n    send_again_after: 1h\n"));
        DnsClient dns = SendFixture.world();
        try (Journal j = f.journal(c)) {
            assertInstanceOf(SendOutcome.Completed.class, f.pipeline(c, dns, j).send(SendFixture.options()));
            f.clock.advance(Duration.ofMinutes(59));
            assertInstanceOf(SendOutcome.AlreadySent.class, f.pipeline(c, dns, j).send(SendFixture.options()), "within send_again_after");
            f.clock.advance(Duration.ofMinutes(2));
            assertInstanceOf(SendOutcome.Completed.class, f.pipeline(c, dns, j).send(SendFixture.options()), "after send_again_after");
        }
    }

    @Test
    void aScheduledCampaignGetsOneRunPerSlotAndTheNextSlotItsOwn() throws Exception {
        SendFixture f = new SendFixture(dir);
        f.members(2);
        f.clock.set(Instant.parse("2026-11-01T09:00:04Z"));
        Config c = f.config(f.yaml(2, "", "isp " + greenMail.getSmtp().getPort())
                .replace("    template: " + dir + "/news\n", "    template: " + dir + "/news\n    schedule: \"0 0 9 1 * ?\"\n"));
        DnsClient dns = SendFixture.world();
        try (Journal j = f.journal(c)) {
            SendOutcome nov = f.pipeline(c, dns, j).send(SendFixture.options());
            assertInstanceOf(SendOutcome.Completed.class, nov, nov.message());
            f.clock.set(Instant.parse("2026-11-20T10:00:00Z"));
            SendOutcome again = f.pipeline(c, dns, j).send(SendFixture.options());
            assertInstanceOf(SendOutcome.AlreadySent.class, again, again.message());
            assertTrue(again.message().contains(nov.runId()) && again.message().contains("2026-11-01 09:00:00"), again.message());
            f.clock.set(Instant.parse("2026-12-01T09:00:02Z"));
            assertInstanceOf(SendOutcome.Completed.class, f.pipeline(c, dns, j).send(SendFixture.options()), "December's slot gets its own run");
        }
    }
}
