package org.listguard.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.listguard.guard.Seed;
import org.listguard.guard.SeedWatcher;
import org.listguard.placement.Arrival;
import org.listguard.placement.HeaderFields;
import org.listguard.placement.Placement;

/** Each seed in its own mailbox; one unreadable mailbox hides only its own seeds. */
class SeedMailboxesTest {
    static Seed seed(String address) {
        return new Seed(address, "<" + address + ">", "m." + address, "isp", Instant.now(), null, "250 ok");
    }

    /** A mailbox that holds every seed it is asked about, in junk. */
    static SeedWatcher junk(String name) {
        return new SeedWatcher() {
            @Override public Look look(Collection<Seed> seeds) {
                Set<String> m = new java.util.HashSet<>();
                Map<String, Arrival> a = new java.util.HashMap<>();
                for (Seed s : seeds) {
                    m.add(s.marker());
                    a.put(s.marker(), new Arrival(Placement.JUNK, "Spam", null));
                }
                return new Look.Seen(m, Map.of(), a, Map.of());
            }

            @Override public String describe() { return name; }
        };
    }

    static SeedWatcher broken(String name) {
        return new SeedWatcher() {
            @Override public Look look(Collection<Seed> seeds) { return new Look.Unreachable(name + ": connection refused"); }

            @Override public String describe() { return name; }
        };
    }

    @Test
    void eachSeedIsLookedForInItsOwnMailboxAndAnUnreadableOneHidesOnlyItsSeeds() {
        SeedMailboxes boxes = new SeedMailboxes(Map.of("a@gmail.com", junk("imaps://gmail"), "b@isp.example", broken("imaps://isp")));
        SeedWatcher.Look.Seen seen = assertInstanceOf(SeedWatcher.Look.Seen.class, boxes.look(List.of(seed("a@gmail.com"), seed("b@isp.example"))));
        assertEquals(Set.of("m.a@gmail.com"), seen.markers());
        assertEquals(Placement.JUNK, seen.arrival("m.a@gmail.com").placement());
        assertTrue(seen.unreadable().get("imaps://isp").contains("connection refused"), seen.unreadable().toString());
    }

    @Test
    void noReadableMailboxIsUnreachable() {
        SeedMailboxes boxes = new SeedMailboxes(Map.of("b@isp.example", broken("imaps://isp")));
        assertInstanceOf(SeedWatcher.Look.Unreachable.class, boxes.look(List.of(seed("b@isp.example"))));
    }

    @Test
    void theSeedMarkerGoesFirstAndItsEndMarkerLastInTheHeaderSection() {
        byte[] raw = "From: a@example.org\r\nSubject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
        String out = new String(Seeds.withHeader(raw, "r.1.ab"), StandardCharsets.US_ASCII);
        assertEquals("X-Listguard-Seed: r.1.ab\r\nFrom: a@example.org\r\nSubject: x\r\nX-Listguard-Seed-End: r.1.ab\r\n\r\nbody\r\n", out);
        List<HeaderFields.Field> f = HeaderFields.parse(out.getBytes(StandardCharsets.US_ASCII));
        assertEquals("X-Listguard-Seed-End", f.get(f.size() - 1).name());
    }
}
