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
import org.listguard.placement.Placement;
import org.listguard.placement.ReceiverVerdict;
import org.listguard.testing.MutableClock;

/** The guard's decisions on where our seeds were placed (issue 23), on a fake clock. */
class PlacementDecisionsTest {
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T09:00:00Z"));
    final Guard guard = new Guard(GuardSettings.DEFAULT, clock, false);

    static final ReceiverVerdict SPAM = new ReceiverVerdict("mx.example.com", new ReceiverVerdict.Authentication("pass", "pass", "pass"),
            new ReceiverVerdict.Spam("spamassassin", 6.3, 5.0, true, List.of("RCVD_IN_LG_LISTED")), null, "198.51.100.25", List.of());

    Seed seed(String address) {
        return new Seed(address, "<" + address.hashCode() + "@example.org>", "m." + address, "isp", clock.instant(), "Q1", "250 2.0.0 Ok: queued as Q1");
    }

    Decision placed(String address, String provider, Placement p) {
        return guard.decide(new RunEvent.SeedPlaced(seed(address), provider, p, p == Placement.JUNK ? "Junk" : p == Placement.INBOX ? "INBOX" : null,
                p == Placement.JUNK ? SPAM : null, Duration.ofSeconds(4)));
    }

    @Test
    void aSeedInJunkSuspendsItsProviderAndItsMembersWait() {
        Decision.Suspend s = assertInstanceOf(Decision.Suspend.class, placed("seed@example.com", "google", Placement.JUNK));
        assertEquals("google", s.provider());
        assertTrue(s.reason().contains("was filed in junk (folder 'Junk')"), s.reason());
        assertTrue(s.reason().contains("spamassassin 6.3/5.0 flagged (RCVD_IN_LG_LISTED)"), s.reason());
        assertEquals("placement", s.evidence().get(0).kind());
        assertEquals("seed@example.com", s.evidence().get(0).seed());
        assertInstanceOf(Decision.Hold.class, guard.decide(new RunEvent.MemberDue("google")));
        assertInstanceOf(Decision.Continue.class, guard.decide(new RunEvent.MemberDue("microsoft")));
    }

    @Test
    void noCanaryLiftsAJunkSuspensionTimeAlone() {
        placed("seed@example.com", "google", Placement.JUNK);
        clock.advance(Duration.ofHours(6));
        assertInstanceOf(Decision.Continue.class, guard.decide(new RunEvent.Tick()));
        assertInstanceOf(Decision.Hold.class, guard.decide(new RunEvent.MemberDue("google")), "a member's 250 tells nothing of folders");
    }

    @Test
    void aLaterSeedInTheInboxResumesTheProvider() {
        placed("seed@example.com", "google", Placement.JUNK);
        Decision.Resume r = assertInstanceOf(Decision.Resume.class, placed("seed@example.com", "google", Placement.INBOX));
        assertEquals(List.of("google"), r.providers());
        assertInstanceOf(Decision.Continue.class, guard.decide(new RunEvent.MemberDue("google")));
    }

    @Test
    void aSeedInTheInboxDoesNotLiftARefusalSuspension() {
        DownstreamVerdict v = new DownstreamVerdict(clock.instant(), "google", "example.com", org.listguard.reply.Action.REPUTATION, "blocked",
                "5.7.1", 554, "554 5.7.1 poor reputation", "relay", "mx.example.com", null, null);
        guard.decide(new RunEvent.Refused(v, new Provenance.Seed("s@example.com"), false));
        guard.decide(new RunEvent.Refused(v, new Provenance.Seed("t@example.com"), false));
        assertTrue(guard.suspendedProviders().containsKey("google"));
        assertInstanceOf(Decision.Continue.class, placed("seed@example.com", "google", Placement.INBOX));
        assertTrue(guard.suspendedProviders().containsKey("google"));
    }

    @Test
    void twoProvidersSuspendedByPlacementPauseTheRun() {
        placed("a@example.com", "google", Placement.JUNK);
        Decision.Pause p = assertInstanceOf(Decision.Pause.class, placed("b@example.net", "example.net", Placement.MISSING));
        assertTrue(p.reason().startsWith("2 receiving providers are suspended (google, example.net)"), p.reason());
        assertTrue(p.reason().contains("did not arrive"), p.reason());
        assertEquals(2, p.evidence().size());
    }

    @Test
    void aRunEndingWithAJunkSuspendedProviderPausesWithThePlacementAsReason() {
        placed("seed@example.com", "google", Placement.JUNK);
        Decision.Pause p = assertInstanceOf(Decision.Pause.class, guard.decide(new RunEvent.Ended(Set.of("google"), 3)));
        assertTrue(p.reason().contains("google: our seed seed@example.com at google was filed in junk"), p.reason());
    }

    @Test
    void theSeedIsTheProvenanceNoMemberCanForge() {
        RunEvent e = new RunEvent.SeedPlaced(seed("s@example.com"), "google", Placement.JUNK, "Junk", SPAM, Duration.ZERO);
        assertEquals(new Provenance.Seed("s@example.com"), e.provenance());
        assertTrue(e.provenance().unforgeable());
    }
}
