package org.listguard.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.listguard.config.GuardSettings;
import org.listguard.testing.MutableClock;

/** Which IPs a report can make the relay's learned egress (issue 18: an attacker must not plant one). */
class EgressPolicyTest {
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T09:00:00Z"));
    final Guard guard = new Guard(GuardSettings.DEFAULT, clock, false);

    Decision named(String ip, Provenance by) {
        return guard.decide(new RunEvent.EgressNamed(ip, "zen.spamhaus.org", "554 5.7.1 Client host [" + ip + "] blocked", by));
    }

    static Provenance member(String who) {
        return new Provenance.MemberReport("run", 1, who + "@members.example", "verp");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.2", "127.0.0.1", "10.1.2.3", "172.16.0.9", "192.168.1.1", "100.64.0.1", "169.254.1.1",
            "192.0.2.10", "198.51.100.25", "203.0.113.7", "198.18.0.1", "240.0.0.1", "255.255.255.255", "0.0.0.0", "224.0.0.1",
            "::1", "::", "fe80::1", "fd00::1", "2001:db8::25", "::ffff:127.0.0.2", "not-an-ip", "example.org", ""})
    void addressesNoSmartHostSendsFromAreNeverLearnedEvenFromASeed(String ip) {
        assertFalse(EgressPolicy.routable(ip), ip);
        assertInstanceOf(Decision.Continue.class, named(ip, new Provenance.Seed("seed@example.com")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.4.4", "185.12.64.1", "2a00:1450:4001:80b::200e"})
    void publicUnicastAddressesCanBeEgress(String ip) {
        assertTrue(EgressPolicy.routable(ip), ip);
    }

    @Test
    void ourSeedsReceivedLineTeachesAnEgressAtOnce() {
        Decision.LearnEgress l = assertInstanceOf(Decision.LearnEgress.class, named("185.12.64.1", new Provenance.Seed("seed@example.com")));
        assertEquals("seed", l.source());
    }

    @Test
    void oneMemberNamingAnIpNeverTeachesIt() {
        for (int i = 0; i < 10; i++) assertInstanceOf(Decision.Continue.class, named("185.12.64.1", member("mallory")));
    }

    @Test
    void threeDistinctMembersNamingTheSameIpTeachIt() {
        assertInstanceOf(Decision.Continue.class, named("185.12.64.1", member("a")));
        assertInstanceOf(Decision.Continue.class, named("185.12.64.1", member("b")));
        assertInstanceOf(Decision.Continue.class, named("185.12.64.2", member("c")), "another IP is another question");
        Decision.LearnEgress l = assertInstanceOf(Decision.LearnEgress.class, named("185.12.64.1", member("c")));
        assertEquals("dsn-corroborated", l.source());
        assertEquals(3, l.witnesses());
    }

    @Test
    void membersFurtherApartThanTheWindowDoNotCorroborate() {
        named("185.12.64.1", member("a"));
        named("185.12.64.1", member("b"));
        clock.advance(Duration.ofMinutes(11));
        assertInstanceOf(Decision.Continue.class, named("185.12.64.1", member("c")));
    }
}
