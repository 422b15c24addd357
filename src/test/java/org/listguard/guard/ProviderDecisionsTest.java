package org.listguard.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.listguard.config.GuardSettings;
import org.listguard.reply.Action;
import org.listguard.testing.MutableClock;

/** The guard's decisions on receivers' verdicts behind the relay, per provider, on a fake clock (issue 8). */
class ProviderDecisionsTest {
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T09:00:00Z"));
    final Guard guard = new Guard(GuardSettings.DEFAULT, clock, false);

    DownstreamVerdict verdict(String provider, Action action, String text, String ip, String zone) {
        return new DownstreamVerdict(clock.instant(), provider, provider + ".example", action, "blocked", "5.7.1", 554, text,
                "smarthost.isp.example", "mx." + provider + ".example", ip, zone);
    }

    DownstreamVerdict poorReputation(String provider) {
        return verdict(provider, Action.REPUTATION,
                "554 Your access to this mail system has been rejected due to the sending MTA's poor reputation.", null, null);
    }

    @Test
    void twoReputationVerdictsFromOneProviderSuspendOnlyThatProvider() {
        assertInstanceOf(Decision.Continue.class, guard.onDownstream(poorReputation("google")));
        clock.advance(Duration.ofMinutes(2));
        Decision.Suspend s = assertInstanceOf(Decision.Suspend.class, guard.onDownstream(poorReputation("google")));
        assertEquals("google", s.provider());
        assertEquals(2, s.evidence().size());
        assertTrue(s.evidence().get(0).text().contains("poor reputation"), s.evidence().get(0).text());
        assertEquals(java.util.Set.of("google"), guard.suspendedProviders().keySet());
        assertInstanceOf(Decision.Continue.class, guard.onDownstream(poorReputation("microsoft")), "others go on");
    }

    @Test
    void verdictsFurtherApartThanTheWindowDoNotSuspend() {
        guard.onDownstream(poorReputation("google"));
        clock.advance(Duration.ofMinutes(11));
        assertInstanceOf(Decision.Continue.class, guard.onDownstream(poorReputation("google")));
    }

    @Test
    void aVerdictNamingTheEgressIpOnAListPausesTheRunAtOnce() {
        Decision.Pause p = assertInstanceOf(Decision.Pause.class, guard.onDownstream(verdict("rcpt", Action.REPUTATION,
                "554 5.7.1 Service unavailable; Client host [127.0.0.25] blocked using rep.rbl.test", "127.0.0.25", "rep.rbl.test")));
        assertTrue(p.reason().contains("127.0.0.25 on rep.rbl.test"), p.reason());
    }

    @Test
    void theSameVerdictFromTwoProvidersPausesTheRun() {
        guard.onDownstream(poorReputation("google"));
        guard.onDownstream(poorReputation("google"));
        guard.onDownstream(poorReputation("yahoo"));
        Decision.Pause p = assertInstanceOf(Decision.Pause.class, guard.onDownstream(poorReputation("yahoo")));
        assertTrue(p.reason().contains("google, yahoo"), p.reason());
    }

    @Test
    void aRunEndingWithASuspendedProviderEndsPausedWithAReasonPerProvider() {
        assertInstanceOf(Decision.Continue.class, guard.onRunEnd(java.util.Set.of(), 0));
        guard.onDownstream(poorReputation("google"));
        guard.onDownstream(poorReputation("google"));
        Decision.Pause p = assertInstanceOf(Decision.Pause.class, guard.onRunEnd(java.util.Set.of("google"), 0));
        assertTrue(p.reason().contains("google: receiving provider google refuses"), p.reason());
    }

    @Test
    void aSuspendedProviderNobodyWaitsForDoesNotHoldTheRun() {
        guard.suspendRemembered("google", "remembered block", java.util.List.of());
        assertInstanceOf(Decision.Continue.class, guard.onRunEnd(java.util.Set.of(), 0));
    }

    @Test
    void membersRefusedDownstreamBelowTheSuspendThresholdStillEndTheRunPaused() {
        guard.onDownstream(poorReputation("google"));
        Decision.Pause p = assertInstanceOf(Decision.Pause.class, guard.onRunEnd(java.util.Set.of(), 1));
        assertTrue(p.reason().startsWith("1 member(s) were refused"), p.reason());
    }

    @Test
    void hardAndSoftVerdictsAreTheMembersBusiness() {
        for (int i = 0; i < 5; i++) {
            assertInstanceOf(Decision.Continue.class, guard.onDownstream(verdict("google", Action.HARD, "550 5.1.1 no such user", null, null)));
            assertInstanceOf(Decision.Continue.class, guard.onDownstream(verdict("google", Action.SOFT, "452 mailbox full", null, null)));
        }
    }

    @Test
    void aResumedProviderIsNoLongerSuspended() {
        guard.onDownstream(poorReputation("google"));
        guard.onDownstream(poorReputation("google"));
        guard.resumeProvider("google");
        assertTrue(guard.suspendedProviders().isEmpty());
        assertInstanceOf(Decision.Continue.class, guard.onRunEnd(java.util.Set.of("google"), 0));
    }

    @Test
    void anUnreadableReturnPathPausesOnlyOnceTheSeedTimeoutHasPassed() {
        Instant lastRead = clock.instant();
        clock.advance(Duration.ofMinutes(14));
        assertInstanceOf(Decision.Continue.class, guard.onReturnPathUnreadable(lastRead, "Maildir /x", "no such directory"));
        clock.advance(Duration.ofMinutes(1));
        Decision.Pause p = assertInstanceOf(Decision.Pause.class, guard.onReturnPathUnreadable(lastRead, "Maildir /x", "no such directory"));
        assertTrue(p.reason().contains("Maildir /x"), p.reason());
    }

    @Test
    void aRememberedBlockGetsACanaryAtOnceAndOneWithoutARefusalWithinCanaryWaitResumesTheProvider() {
        guard.suspendRemembered("google", "remembered block", java.util.List.of());
        assertTrue(guard.canaryDue("google"));
        guard.canaryChosen("google");
        assertTrue(!guard.canaryDue("google"), "one canary at a time");
        clock.advance(Duration.ofMinutes(5)); // the throttle held it: the wait starts when the relay accepts it
        assertTrue(guard.canariesPassed().isEmpty());
        guard.canarySent("google");
        assertTrue(guard.canaryOut());
        clock.advance(Duration.ofSeconds(59));
        assertTrue(guard.canariesPassed().isEmpty(), "guard.canary_wait (60s) has not passed");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(java.util.List.of("google"), guard.canariesPassed());
        assertTrue(guard.suspendedProviders().isEmpty());
    }

    @Test
    void aRefusedCanaryKeepsTheProviderSuspendedAndDoublesTheRetryInterval() {
        guard.onDownstream(poorReputation("google"));
        guard.onDownstream(poorReputation("google"));
        assertTrue(!guard.canaryDue("google"), "an in-run suspension waits guard.block_retry before its canary");
        clock.advance(Duration.ofMinutes(30));
        assertTrue(guard.canaryDue("google"));
        guard.canaryChosen("google");
        guard.canarySent("google");
        Decision.Suspend again = assertInstanceOf(Decision.Suspend.class, guard.onDownstream(poorReputation("google")));
        assertTrue(again.reason().contains("next canary in 1h"), again.reason());
        assertTrue(guard.canariesPassed().isEmpty());
        clock.advance(Duration.ofMinutes(59));
        assertTrue(!guard.canaryDue("google"));
        clock.advance(Duration.ofMinutes(1));
        assertTrue(guard.canaryDue("google"));
    }

    @Test
    void aCanaryTheRelayDidNotAcceptKeepsTheBlockAndDoublesTheInterval() {
        guard.suspendRemembered("yahoo", "remembered block", java.util.List.of());
        guard.canaryChosen("yahoo");
        guard.canaryRefused("yahoo");
        assertTrue(guard.canariesPassed().isEmpty());
        clock.advance(Duration.ofMinutes(59));
        assertTrue(!guard.canaryDue("yahoo"));
        clock.advance(Duration.ofMinutes(1));
        assertTrue(guard.canaryDue("yahoo"), "after 2 x guard.block_retry");
    }
}
