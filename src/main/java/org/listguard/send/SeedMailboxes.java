package org.listguard.send;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.listguard.guard.Seed;
import org.listguard.guard.SeedWatcher;
import org.listguard.placement.Arrival;

/**
 * The seeds' mailboxes as one {@link SeedWatcher}: each seed address is looked for in its own
 * mailbox (or the shared {@code guard.seed_mailbox}), one look per mailbox. A mailbox that cannot
 * be read says so for its seeds only ({@link Look.Seen#unreadable()}): the others' placements are
 * still seen, and its seeds stay outstanding (fail closed). Unreachable only when none can be read.
 */
final class SeedMailboxes implements SeedWatcher {
    private final Map<String, SeedWatcher> byAddress;
    private final List<SeedWatcher> distinct;

    /** @param byAddress each seed address's watcher (lower-cased address; one watcher may serve several) */
    SeedMailboxes(Map<String, SeedWatcher> byAddress) {
        Map<String, SeedWatcher> m = new LinkedHashMap<>();
        byAddress.forEach((a, w) -> m.put(a.toLowerCase(java.util.Locale.ROOT), w));
        this.byAddress = m;
        Map<SeedWatcher, Boolean> seen = new IdentityHashMap<>();
        List<SeedWatcher> d = new ArrayList<>();
        for (SeedWatcher w : m.values()) if (seen.put(w, Boolean.TRUE) == null) d.add(w);
        this.distinct = d;
    }

    @Override
    public Look look(Collection<Seed> seeds) {
        Map<SeedWatcher, List<Seed>> groups = new IdentityHashMap<>();
        for (Seed s : seeds) {
            SeedWatcher w = byAddress.get(s.address().toLowerCase(java.util.Locale.ROOT));
            if (w == null && distinct.size() == 1) w = distinct.get(0);
            if (w != null) groups.computeIfAbsent(w, k -> new ArrayList<>()).add(s);
        }
        Set<String> markers = new HashSet<>();
        Map<String, String> received = new HashMap<>();
        Map<String, Arrival> arrivals = new HashMap<>();
        Map<String, String> unreadable = new LinkedHashMap<>();
        int read = 0;
        for (Map.Entry<SeedWatcher, List<Seed>> g : groups.entrySet()) {
            Look l = g.getKey().look(g.getValue());
            if (l instanceof Look.Seen s) {
                read++;
                markers.addAll(s.markers());
                received.putAll(s.received());
                arrivals.putAll(s.arrivals());
                unreadable.putAll(s.unreadable());
            } else if (l instanceof Look.Unreachable u) {
                unreadable.put(g.getKey().describe(), u.why());
            }
        }
        if (read == 0 && !unreadable.isEmpty()) return new Look.Unreachable(String.join("; ", unreadable.values()));
        return new Look.Seen(markers, received, arrivals, unreadable);
    }

    @Override
    public String describe() {
        if (distinct.size() == 1) return distinct.get(0).describe();
        return distinct.size() + " seed mailboxes";
    }

    @Override
    public void close() {
        distinct.forEach(SeedWatcher::close);
    }
}
