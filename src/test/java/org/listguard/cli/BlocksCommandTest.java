package org.listguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.journal.Journal;
import org.listguard.journal.ProviderBlock;

/** `listguard blocks` lists the receivers that blocked the relay recently; `blocks clear` forgets them, journaled. */
class BlocksCommandTest {
    @TempDir
    Path dir;

    private String remember(JournalCliFixture f, String provider) {
        try (Journal j = Journal.open(f.url, f.clock)) {
            String run = j.runs().create("monthly", null, false).id();
            j.downstream().rememberBlock(provider, run, "receiver mx.example refuses the relay's egress IP 192.0.2.7 on zen.spamhaus.org",
                    "192.0.2.7", "zen.spamhaus.org", "[]");
            return run;
        }
    }

    @Test
    void listsEachProviderWithTheIpAndListItNamed() {
        JournalCliFixture f = new JournalCliFixture(dir);
        remember(f, "google");
        assertEquals(0, f.run("blocks", "--journal", f.url), f.err.toString());
        String out = f.out.toString();
        assertTrue(out.contains("google\t2026-11-01T09:00:00.250Z") && out.contains("judged 192.0.2.7 on zen.spamhaus.org"), out);
        assertTrue(out.contains("`listguard blocks clear --journal " + f.url + " google`"), "runs as printed (issue 19): " + out);
    }

    @Test
    void blocksOlderThanTheMemoryAreNotListed() {
        JournalCliFixture f = new JournalCliFixture(dir);
        remember(f, "google");
        f.clock.advance(Duration.ofHours(25));
        assertEquals(0, f.run("blocks", "--journal", f.url));
        assertTrue(f.out.toString().contains("No receiver blocked the relay in the last 1 d"), f.out.toString());
    }

    @Test
    void clearForgetsOneProviderAndKeepsTheRowAsHistory() {
        JournalCliFixture f = new JournalCliFixture(dir);
        remember(f, "google");
        remember(f, "microsoft");
        assertEquals(0, f.run("blocks", "clear", "google", "--journal", f.url), f.err.toString());
        assertTrue(f.out.toString().contains("cleared 1 remembered block(s) of google"), f.out.toString());
        try (Journal j = Journal.open(f.url, f.clock)) {
            var open = j.downstream().blocksSince(f.clock.instant().minus(Duration.ofHours(1)));
            assertEquals(java.util.List.of("microsoft"), open.stream().map(ProviderBlock::provider).toList());
        }
    }

    @Test
    void listAsJson() {
        JournalCliFixture f = new JournalCliFixture(dir);
        remember(f, "yahoo");
        assertEquals(0, f.run("blocks", "--format", "json", "--journal", f.url));
        assertTrue(f.out.toString().contains("\"provider\" : \"yahoo\"") && f.out.toString().contains("\"egress_ip\" : \"192.0.2.7\""),
                f.out.toString());
    }
}
