package org.listguard.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.listguard.audit.AuditReport;
import org.listguard.audit.Finding;
import org.listguard.audit.Role;
import org.listguard.audit.Status;
import org.listguard.config.GuardSettings;
import org.listguard.reply.Action;
import org.listguard.reply.Classification;
import org.listguard.reply.Reply;
import org.listguard.reply.Stage;
import org.listguard.testing.MutableClock;

class GuardTest {
    final MutableClock clock = new MutableClock();

    Observation obs(Action a, boolean fromRelay, String text) {
        return new Observation(clock.instant(), "isp", "example.net",
                new Reply(Stage.RCPT, 554, "5.7.1", text, fromRelay ? "smtp.isp.example" : "mx.example.net", fromRelay),
                new Classification(a == Action.REPUTATION ? "blocked" : a.json(), a, "test"));
    }

    @Test
    void oneReputationReplyFromTheRelayPausesWithTheExactReplyAsEvidence() {
        Guard g = new Guard(GuardSettings.DEFAULT, clock, false);
        Decision d = g.onReply(obs(Action.REPUTATION, true, "554 Your access to this mail system has been rejected due to the sending MTA's poor reputation."));
        Decision.Pause p = assertInstanceOf(Decision.Pause.class, d);
        assertEquals(1, p.evidence().size());
        Evidence e = p.evidence().get(0);
        assertTrue(e.text().contains("poor reputation"));
        assertEquals(554, e.replyCode());
        assertEquals(clock.instant(), e.at());
        assertEquals("example.net", e.recipientDomain());
    }

    @Test
    void downstreamReputationNeedsThreeWithinTenMinutes() {
        Guard g = new Guard(GuardSettings.DEFAULT, clock, false);
        assertInstanceOf(Decision.Continue.class, g.onReply(obs(Action.REPUTATION, false, "a")));
        clock.advance(Duration.ofMinutes(6));
        assertInstanceOf(Decision.Continue.class, g.onReply(obs(Action.REPUTATION, false, "b")));
        clock.advance(Duration.ofMinutes(6)); // the first one has left the window
        assertInstanceOf(Decision.Continue.class, g.onReply(obs(Action.REPUTATION, false, "c")));
        clock.advance(Duration.ofMinutes(1));
        Decision.Pause p = assertInstanceOf(Decision.Pause.class, g.onReply(obs(Action.REPUTATION, false, "d")));
        assertEquals(3, p.evidence().size());
    }

    @Test
    void relayReputationFailsOverWhenAnotherRelayExists() {
        Guard g = new Guard(GuardSettings.DEFAULT, clock, true);
        assertInstanceOf(Decision.Failover.class, g.onReply(obs(Action.REPUTATION, true, "554 blocked")));
    }

    @Test
    void throttleSlowsDownThenPausesWhenItPersists() {
        Guard g = new Guard(GuardSettings.DEFAULT, clock, false);
        for (int i = 0; i < 4; i++) {
            assertInstanceOf(Decision.SlowDown.class, g.onReply(obs(Action.THROTTLE, false, "421 4.7.0 rate")));
            clock.advance(Duration.ofMinutes(1));
        }
        assertInstanceOf(Decision.Pause.class, g.onReply(obs(Action.THROTTLE, false, "421 4.7.0 rate")));
    }

    @Test
    void contentRefusalsPauseAndSayWhetherTheReceiverSawTheMessage() {
        Guard atRcpt = new Guard(GuardSettings.DEFAULT, clock, false);
        Guard afterData = new Guard(GuardSettings.DEFAULT, clock, false);
        Decision rcpt = Decision.CONTINUE, data = Decision.CONTINUE;
        for (int i = 0; i < 3; i++) {
            rcpt = atRcpt.onReply(new Observation(clock.instant(), "isp", "example.net",
                    new Reply(Stage.RCPT, 554, "5.7.0", "554 5.7.0 Recipient address rejected: Virus detected", "mx.example.net", false),
                    new Classification("virusdetected", Action.CONTENT, "test")));
            data = afterData.onReply(new Observation(clock.instant(), "isp", "example.net",
                    new Reply(Stage.DATA_END, 554, "5.7.1", "554 5.7.1 Message rejected as spam", "mx.example.net", false),
                    new Classification("spamdetected", Action.CONTENT, "test")));
        }
        Decision.Pause p1 = assertInstanceOf(Decision.Pause.class, rcpt);
        assertTrue(p1.reason().contains("before its content was sent"), p1.reason());
        Decision.Pause p2 = assertInstanceOf(Decision.Pause.class, data);
        assertTrue(p2.reason().contains("review the message"), p2.reason());
    }

    @Test
    void recipientsOwnFiltersBeforeDataNeverStopTheRun() {
        Guard g = new Guard(GuardSettings.DEFAULT, clock, false);
        for (int i = 0; i < 20; i++) {
            assertInstanceOf(Decision.Continue.class, g.onReply(new Observation(clock.instant(), "isp", "facebook.com",
                    new Reply(Stage.RCPT, 550, "5.1.1", "550 5.1.1 RCP-P2 Refused due to recipient preferences", "mx.example.net", false),
                    new Classification("filtered", Action.CONTENT, "test"))));
        }
    }

    @Test
    void hardAndSoftBouncesNeverStopTheRun() {
        Guard g = new Guard(GuardSettings.DEFAULT, clock, false);
        for (int i = 0; i < 50; i++) {
            assertInstanceOf(Decision.Continue.class, g.onReply(obs(Action.HARD, false, "550 5.1.1 no such user")));
            assertInstanceOf(Decision.Continue.class, g.onReply(obs(Action.SOFT, false, "452 4.2.2 mailbox full")));
        }
    }

    static AuditReport report(Finding... f) {
        return AuditReport.of(java.time.Instant.parse("2026-11-01T09:00:00Z"), List.of(f));
    }

    static Finding listed(String ip, Role role) {
        return Finding.of("dnsbl", ip, role, Status.FAIL).withSource("zen.spamhaus.org").withCode("127.0.0.2").withMeaning("SBL");
    }

    @Test
    void aNewRelayListingBetweenBatchesFailsOverAndAnOriginListingPauses() {
        Guard g = new Guard(GuardSettings.DEFAULT, clock, true);
        AuditReport clean = report(Finding.of("dnsbl", "198.51.100.25", Role.RELAY, Status.PASS));
        assertInstanceOf(Decision.Continue.class, g.onRecheck(clean, clean));
        assertInstanceOf(Decision.Failover.class, g.onRecheck(clean, report(listed("198.51.100.25", Role.RELAY))));
        Decision.Pause p = assertInstanceOf(Decision.Pause.class, g.onRecheck(clean, report(listed("203.0.113.10", Role.ORIGIN))));
        assertTrue(p.reason().contains("203.0.113.10"));
        assertTrue(p.evidence().get(0).text().contains("zen.spamhaus.org"));
    }

    @Test
    void aListingAlreadyAcceptedAtTheGateDoesNotPauseAgain() {
        Guard g = new Guard(GuardSettings.DEFAULT, clock, false);
        AuditReport forced = report(listed("198.51.100.25", Role.RELAY));
        assertInstanceOf(Decision.Continue.class, g.onRecheck(forced, forced));
    }

    @Test
    void anUnknownRecheckDoesNotPauseByItself() {
        Guard g = new Guard(GuardSettings.DEFAULT, clock, false);
        AuditReport clean = report(Finding.of("dnsbl", "198.51.100.25", Role.RELAY, Status.PASS));
        assertInstanceOf(Decision.Continue.class,
                g.onRecheck(clean, report(Finding.of("dnsbl", "198.51.100.25", Role.RELAY, Status.UNKNOWN))));
    }

    @Test
    void aSeedMissingPastSeedTimeoutPausesAsSilentDiscardWithItsEvidence() {
        GuardSettings settings = new GuardSettings(null, null, List.of("seed@example.com"), null, Duration.ofMinutes(15), null, null);
        Guard g = new Guard(settings, clock, false);
        Seed s = new Seed("seed@example.com", "<r.0.x@example.org>", "r.1.ab", "isp", clock.instant(), "4XyZ", "250 2.0.0 Ok: queued as 4XyZ");
        clock.advance(Duration.ofMinutes(14));
        assertInstanceOf(Decision.Continue.class, g.onSeedsOverdue(List.of(s), "imaps://imap.example.com:993/INBOX", null));
        clock.advance(Duration.ofMinutes(1));
        Decision.Pause p = assertInstanceOf(Decision.Pause.class, g.onSeedsOverdue(List.of(s), "imaps://imap.example.com:993/INBOX", null));
        assertTrue(p.reason().startsWith("silent discard suspected"), p.reason());
        Evidence e = p.evidence().get(0);
        assertEquals("seed@example.com", e.seed());
        assertEquals("<r.0.x@example.org>", e.messageId());
        assertEquals("4XyZ", e.queueId());
        assertEquals("isp", e.relay());
        assertEquals(s.acceptedAt(), e.at());
        assertEquals(250, e.replyCode());
    }

    @Test
    void anUnreadableSeedMailboxIsNotArrivalAndPausesOnceTheTimeoutHasPassed() {
        Guard g = new Guard(GuardSettings.DEFAULT, clock, false);
        Seed s = new Seed("seed@example.com", "<id>", "m", "isp", clock.instant(), null, "250 ok");
        clock.advance(GuardSettings.DEFAULT.seedTimeout());
        Decision.Pause p = assertInstanceOf(Decision.Pause.class, g.onSeedsOverdue(List.of(s), "imaps://h:993/INBOX", "connection refused"));
        assertTrue(p.reason().contains("cannot be read (connection refused)"), p.reason());
    }
}
