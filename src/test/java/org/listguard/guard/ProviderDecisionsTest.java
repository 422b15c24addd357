package org.listguard.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.listguard.config.GuardSettings;
import org.listguard.reply.Action;
import org.listguard.testing.MutableClock;

/**
 * The guard's decisions on receivers' verdicts behind the relay, per provider, on a fake clock
 * (issue 8), with who proved each verdict (issue 18): our seeds act on their own, members' own
 * reports only with guard.corroborate (3) distinct members.
 */
class ProviderDecisionsTest {
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T09:00:00Z"));
    final Guard guard = new Guard(GuardSettings.DEFAULT, clock, false);
    int members;

    DownstreamVerdict verdict(String provider, Action action, String text, String ip, String zone) {
        return new DownstreamVerdict(clock.instant(), provider, provider + ".example", action, "blocked", "5.7.1", 554, text,
                "smarthost.isp.example", "mx." + provider + ".example", ip, zone);
    }

    DownstreamVerdict poorReputation(String provider) {
        return verdict(provider, Action.REPUTATION,
                "554 Your access to this mail system has been rejected due to the sending MTA's poor reputation.", null, null);
    }

    static Provenance member(String who) {
        return new Provenance.MemberReport("run", who.hashCode(), who + "@members.example", "verp");
    }

    static Provenance seed(String who) {
        return new Provenance.Seed(who + "@seeds.example");
    }

    /** A verdict proven by a new distinct member each time. */
    Decision fromAMember(DownstreamVerdict v) {
        return guard.decide(new RunEvent.Refused(v, member("m" + (++members)), false));
    }

    Decision from(Provenance p, DownstreamVerdict v) {
        return guard.decide(new RunEvent.Refused(v, p, false));
    }

    Decision end(Set<String> waiting, long blocked) {
        return guard.decide(new RunEvent.Ended(waiting, blocked));
    }

    void remembered(String provider) {
        guard.decide(new RunEvent.RememberedBlock(provider, "remembered block", List.of()));
    }

    Decision due(String provider) {
        return guard.decide(new RunEvent.MemberDue(provider));
    }

    List<String> passed() {
        Decision d = guard.decide(new RunEvent.Tick());
        return d instanceof Decision.Resume r ? r.providers() : List.of();
    }

    @Test
    void twoOfOurSeedsRefusedByOneProviderSuspendOnlyThatProvider() {
        assertInstanceOf(Decision.Continue.class, from(seed("s1"), poorReputation("google")));
        clock.advance(Duration.ofMinutes(2));
        Decision.Suspend s = assertInstanceOf(Decision.Suspend.class, from(seed("s2"), poorReputation("google")));
        assertEquals("google", s.provider());
        assertEquals(2, s.evidence().size());
        assertTrue(s.evidence().get(0).text().contains("poor reputation"), s.evidence().get(0).text());
        assertEquals(Set.of("google"), guard.suspendedProviders().keySet());
        assertInstanceOf(Decision.Continue.class, from(seed("s3"), poorReputation("microsoft")), "others go on");
    }

    @Test
    void threeDistinctMembersSuspendAProviderTwoDoNot() {
        assertInstanceOf(Decision.Continue.class, fromAMember(poorReputation("google")));
        assertInstanceOf(Decision.Continue.class, fromAMember(poorReputation("google")), "two members are not corroboration");
        Decision.Suspend s = assertInstanceOf(Decision.Suspend.class, fromAMember(poorReputation("google")));
        assertTrue(s.reason().contains("3 distinct members"), s.reason());
    }

    @Test
    void oneMemberReportingAgainAndAgainIsOneWitness() {
        Provenance mallory = member("mallory");
        for (int i = 0; i < 20; i++) {
            assertInstanceOf(Decision.Continue.class, from(mallory, poorReputation("google")));
            assertInstanceOf(Decision.Continue.class, from(mallory, poorReputation("yahoo")));
        }
        assertTrue(guard.suspendedProviders().isEmpty());
    }

    @Test
    void verdictsFurtherApartThanTheWindowDoNotSuspend() {
        from(seed("s1"), poorReputation("google"));
        clock.advance(Duration.ofMinutes(11));
        assertInstanceOf(Decision.Continue.class, from(seed("s2"), poorReputation("google")));
    }

    @Test
    void aConfirmedListingOfOurEgressPausesTheRunAtOnce() {
        DownstreamVerdict v = verdict("rcpt", Action.REPUTATION,
                "554 5.7.1 Service unavailable; Client host [198.51.100.25] blocked using rep.rbl.test", "198.51.100.25", "rep.rbl.test");
        Decision.Pause p = assertInstanceOf(Decision.Pause.class, guard.decide(new RunEvent.Refused(v, member("a"), true)));
        assertTrue(p.reason().contains("198.51.100.25 on rep.rbl.test"), p.reason());
    }

    @Test
    void anUnconfirmedListingCountsLikeAnyOtherRefusal() {
        DownstreamVerdict v = verdict("rcpt", Action.REPUTATION,
                "554 5.7.1 Client host [127.0.0.2] blocked using zen.spamhaus.org; see https://evil.example/delist", "127.0.0.2", "zen.spamhaus.org");
        assertInstanceOf(Decision.Continue.class, guard.decide(new RunEvent.Refused(v, member("mallory"), false)));
        assertTrue(guard.suspendedProviders().isEmpty());
    }

    @Test
    void theSameVerdictFromTwoProvidersPausesTheRun() {
        from(seed("s1"), poorReputation("google"));
        from(seed("s2"), poorReputation("google"));
        from(seed("s3"), poorReputation("yahoo"));
        Decision.Pause p = assertInstanceOf(Decision.Pause.class, from(seed("s4"), poorReputation("yahoo")));
        assertTrue(p.reason().contains("google, yahoo"), p.reason());
    }

    @Test
    void aRunEndingWithASuspendedProviderEndsPausedWithAReasonPerProvider() {
        assertInstanceOf(Decision.Continue.class, end(Set.of(), 0));
        from(seed("s1"), poorReputation("google"));
        from(seed("s2"), poorReputation("google"));
        Decision.Pause p = assertInstanceOf(Decision.Pause.class, end(Set.of("google"), 0));
        assertTrue(p.reason().contains("google: receiving provider google refuses"), p.reason());
    }

    @Test
    void aSuspendedProviderNobodyWaitsForDoesNotHoldTheRun() {
        remembered("google");
        assertInstanceOf(Decision.Continue.class, end(Set.of(), 0));
    }

    @Test
    void membersRefusedDownstreamBelowTheSuspendThresholdStillEndTheRunPausedWhenCorroborated() {
        fromAMember(poorReputation("google"));
        fromAMember(poorReputation("yahoo"));
        fromAMember(poorReputation("apple"));
        Decision.Pause p = assertInstanceOf(Decision.Pause.class, end(Set.of(), 3));
        assertTrue(p.reason().startsWith("3 member(s) were refused"), p.reason());
    }

    @Test
    void aSeedRefusedDownstreamEndsTheRunPausedForTheBlockedMember() {
        from(seed("s1"), poorReputation("google"));
        assertInstanceOf(Decision.Pause.class, end(Set.of(), 1));
    }

    @Test
    void oneMemberBlockedByTheirOwnReportDoesNotHoldTheRun() {
        from(member("mallory"), poorReputation("google"));
        assertInstanceOf(Decision.Continue.class, end(Set.of(), 1), "one member's report changes that member only");
    }

    @Test
    void hardAndSoftVerdictsAreTheMembersBusiness() {
        for (int i = 0; i < 5; i++) {
            assertInstanceOf(Decision.Continue.class, from(seed("s" + i), verdict("google", Action.HARD, "550 5.1.1 no such user", null, null)));
            assertInstanceOf(Decision.Continue.class, from(seed("t" + i), verdict("google", Action.SOFT, "452 mailbox full", null, null)));
        }
    }

    @Test
    void aMemberOfASuspendedProviderIsHeldOthersGo() {
        from(seed("s1"), poorReputation("google"));
        from(seed("s2"), poorReputation("google"));
        Decision.Hold h = assertInstanceOf(Decision.Hold.class, due("google"));
        assertTrue(h.reason().startsWith("waiting: receiving provider google suspended"), h.reason());
        assertInstanceOf(Decision.Continue.class, due("yahoo"));
    }

    @Test
    void anUnreadableReturnPathPausesOnlyOnceTheSeedTimeoutHasPassed() {
        Instant lastRead = clock.instant();
        clock.advance(Duration.ofMinutes(14));
        assertInstanceOf(Decision.Continue.class, guard.decide(new RunEvent.ReturnPathUnreadable(lastRead, "Maildir /x", "no such directory")));
        clock.advance(Duration.ofMinutes(1));
        Decision.Pause p = assertInstanceOf(Decision.Pause.class,
                guard.decide(new RunEvent.ReturnPathUnreadable(lastRead, "Maildir /x", "no such directory")));
        assertTrue(p.reason().contains("Maildir /x"), p.reason());
    }

    @Test
    void aRememberedBlockGetsACanaryAtOnceAndOneWithoutARefusalWithinCanaryWaitResumesTheProvider() {
        remembered("google");
        assertInstanceOf(Decision.Canary.class, due("google"));
        assertInstanceOf(Decision.Hold.class, due("google"), "one canary at a time");
        clock.advance(Duration.ofMinutes(5)); // the throttle held it: the wait starts when the relay accepts it
        assertTrue(passed().isEmpty());
        guard.decide(new RunEvent.CanarySubmitted("google", true));
        assertTrue(guard.canaryOut());
        clock.advance(Duration.ofSeconds(59));
        assertTrue(passed().isEmpty(), "guard.canary_wait (60s) has not passed");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(List.of("google"), passed());
        assertTrue(guard.suspendedProviders().isEmpty());
    }

    @Test
    void aRefusedCanaryKeepsTheProviderSuspendedAndDoublesTheRetryInterval() {
        from(seed("s1"), poorReputation("google"));
        from(seed("s2"), poorReputation("google"));
        assertInstanceOf(Decision.Hold.class, due("google"), "an in-run suspension waits guard.block_retry before its canary");
        clock.advance(Duration.ofMinutes(30));
        assertInstanceOf(Decision.Canary.class, due("google"));
        guard.decide(new RunEvent.CanarySubmitted("google", true));
        Decision.Suspend again = assertInstanceOf(Decision.Suspend.class, from(seed("canary-seed"), poorReputation("google")));
        assertTrue(again.reason().contains("next canary in 1 h"), again.reason());
        assertTrue(passed().isEmpty());
        clock.advance(Duration.ofMinutes(59));
        assertInstanceOf(Decision.Hold.class, due("google"));
        clock.advance(Duration.ofMinutes(1));
        assertInstanceOf(Decision.Canary.class, due("google"));
    }

    /** One member's own report about the canary keeps the block one interval, never lengthens it (DESIGN.md invariant 11). */
    @Test
    void aMembersOwnCanaryRefusalDoesNotLengthenTheBlock() {
        remembered("google");
        assertInstanceOf(Decision.Canary.class, due("google"));
        guard.decide(new RunEvent.CanarySubmitted("google", true, "run", "mallory".hashCode())); // mallory is the canary
        Decision.Suspend again = assertInstanceOf(Decision.Suspend.class, from(member("mallory"), poorReputation("google")));
        assertTrue(again.reason().contains("next canary in 30 min"), again.reason());
        for (int i = 0; i < 5; i++) {
            assertInstanceOf(Decision.Continue.class, from(member("mallory"), poorReputation("google")), "no canary out: nothing more");
        }
        clock.advance(Duration.ofMinutes(30));
        assertInstanceOf(Decision.Canary.class, due("google"), "the next canary, another member, goes after one interval");
    }

    /**
     * While a canary is out, another member's report (about another message, perhaps an old one)
     * says nothing about the canary: it neither keeps the block nor becomes a remembered block; the
     * canary's silence lifts the suspension after guard.canary_wait.
     */
    @Test
    void anotherMembersReportWhileACanaryIsOutDoesNotKeepTheBlock() {
        remembered("google");
        assertInstanceOf(Decision.Canary.class, due("google"));
        guard.decide(new RunEvent.CanarySubmitted("google", true, "run", "alice".hashCode())); // alice is the canary
        for (int i = 0; i < 5; i++) {
            assertInstanceOf(Decision.Continue.class, from(member("mallory"), poorReputation("google")), "mallory is not the canary");
        }
        clock.advance(Duration.ofSeconds(60));
        assertEquals(List.of("google"), passed(), "the canary was not refused within guard.canary_wait: the provider resumes");
    }

    @Test
    void aCanaryTheRelayDidNotAcceptKeepsTheBlockAndDoublesTheInterval() {
        remembered("yahoo");
        assertInstanceOf(Decision.Canary.class, due("yahoo"));
        guard.decide(new RunEvent.CanarySubmitted("yahoo", false));
        assertTrue(passed().isEmpty());
        clock.advance(Duration.ofMinutes(59));
        assertInstanceOf(Decision.Hold.class, due("yahoo"));
        clock.advance(Duration.ofMinutes(1));
        assertInstanceOf(Decision.Canary.class, due("yahoo"), "after 2 x guard.block_retry");
    }
}
