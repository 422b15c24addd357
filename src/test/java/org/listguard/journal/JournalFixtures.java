package org.listguard.journal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import org.listguard.list.Recipient;

/** Shared test helpers: a settable clock and a generated list that is never held in memory. */
public final class JournalFixtures {
    private JournalFixtures() {}

    public static String sqliteUrl(Path dir) {
        return "jdbc:sqlite:" + dir.resolve("data").resolve("journal.db");
    }

    /** A clock tests move by hand. */
    public static final class MutableClock extends Clock {
        private Instant now;

        public MutableClock(Instant start) { this.now = start; }

        public void advance(Duration d) { now = now.plus(d); }

        @Override public Instant instant() { return now; }
        @Override public ZoneId getZone() { return ZoneId.of("UTC"); }
        @Override public Clock withZone(ZoneId zone) { return this; }
    }

    /** n recipients member1@example.net … on list lines 2…n+1, generated on demand. */
    public static Iterator<Recipient> members(long n) {
        return new Iterator<>() {
            long i;

            @Override public boolean hasNext() { return i < n; }

            @Override public Recipient next() {
                if (!hasNext()) throw new NoSuchElementException();
                i++;
                return new Recipient(i + 1, "member" + i + "@Example.NET", Map.of("email", "member" + i + "@Example.NET", "name", "M" + i));
            }
        };
    }
}
