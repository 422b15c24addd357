package org.listguard.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.listguard.config.GuardSettings;
import org.listguard.reply.Action;
import org.listguard.testing.MutableClock;

/**
 * DESIGN.md invariant 11 as a property: no sequence of one member's reports — any action, any
 * provider, any named IP and list, at any pace — changes a provider, the run, the relay or the
 * gate (random sequences, fixed seeds, so a failure reproduces). Three distinct members still do.
 */
class OneMemberPropertyTest {
    private static final Action[] ACTIONS = Action.values();
    private static final String[] PROVIDERS = {"google", "microsoft", "yahoo", "apple", "example.net"};
    private static final String[] IPS = {"127.0.0.2", "185.12.64.1", "8.8.4.4", "198.51.100.25", null};
    private static final String[] ZONES = {"zen.spamhaus.org", "bl.spamcop.net", "rep.rbl.test", null};

    @Test
    void noSequenceOfOneMembersReportsActsBeyondThatMember() {
        for (long seed = 1; seed <= 200; seed++) {
            Random rnd = new Random(seed);
            MutableClock clock = new MutableClock(Instant.parse("2026-11-26T09:00:00Z"));
            Guard guard = new Guard(GuardSettings.DEFAULT, clock, rnd.nextBoolean());
            Provenance mallory = new Provenance.MemberReport("run", 7, "mallory@members.example", rnd.nextBoolean() ? "verp" : "message-id");
            int n = 1 + rnd.nextInt(60);
            for (int i = 0; i < n; i++) {
                clock.advance(Duration.ofSeconds(rnd.nextInt(400)));
                String ip = IPS[rnd.nextInt(IPS.length)];
                String zone = ZONES[rnd.nextInt(ZONES.length)];
                String provider = PROVIDERS[rnd.nextInt(PROVIDERS.length)];
                DownstreamVerdict v = new DownstreamVerdict(clock.instant(), provider, provider + ".example", ACTIONS[rnd.nextInt(ACTIONS.length)],
                        "blocked", "5.7.1", 554, "554 5.7.1 Client host [" + ip + "] blocked using " + zone, "smarthost", "mx." + provider, ip, zone);
                // the listing is never confirmed for a member's own report unless our own lookup says so: a member cannot choose that
                Decision d = guard.decide(new RunEvent.Refused(v, mallory, false));
                assertInstanceOf(Decision.Continue.class, d, "seed " + seed + ", report " + i + ": " + d);
                if (ip != null) {
                    Decision e = guard.decide(new RunEvent.EgressNamed(ip, zone, v.diagnostic(), mallory));
                    assertInstanceOf(Decision.Continue.class, e, "seed " + seed + ", report " + i + ": " + e);
                }
                assertTrue(guard.suspendedProviders().isEmpty(), "seed " + seed);
                assertInstanceOf(Decision.Continue.class, guard.decide(new RunEvent.MemberDue(provider)), "other members go");
            }
            assertInstanceOf(Decision.Continue.class, guard.decide(new RunEvent.Ended(Set.of(), 1)), "seed " + seed + ": the run is not held");
        }
    }

    @Test
    void threeDistinctMembersDoActWithTheSameReports() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-26T09:00:00Z"));
        Guard guard = new Guard(GuardSettings.DEFAULT, clock, false);
        Decision last = Decision.CONTINUE;
        Decision learned = Decision.CONTINUE;
        for (String who : List.of("a", "b", "c")) {
            Provenance m = new Provenance.MemberReport("run", who.hashCode(), who + "@members.example", "verp");
            DownstreamVerdict v = new DownstreamVerdict(clock.instant(), "google", "gmail.com", Action.REPUTATION, "blocked", "5.7.1", 550,
                    "550 5.7.1 [185.12.64.1] poor reputation", "smarthost", "mx.google.com", "185.12.64.1", null);
            last = guard.decide(new RunEvent.Refused(v, m, false));
            learned = guard.decide(new RunEvent.EgressNamed("185.12.64.1", null, v.diagnostic(), m));
        }
        assertEquals("google", assertInstanceOf(Decision.Suspend.class, last).provider());
        assertEquals("185.12.64.1", assertInstanceOf(Decision.LearnEgress.class, learned).ip());
    }
}
