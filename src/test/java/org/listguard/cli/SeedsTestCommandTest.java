package org.listguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.cli.SandboxWorld.Result;

/** {@code seeds test} through the real command line, in the sandbox's junk world and after its lift. */
class SeedsTestCommandTest {
    @TempDir
    Path dir;
    SandboxWorld world;

    @BeforeEach
    void world() throws Exception {
        world = new SandboxWorld(dir);
    }

    @Test
    void aSeedInJunkExitsThreeWithThePlacementTableAndNoRunIsStarted() {
        Result r = world.run("seeds", "test", "--sandbox", "--scenario", "junk", "--campaign", "monthly");
        assertEquals(3, r.code(), r.toString());
        assertTrue(r.out().contains("PROVIDER") && r.out().contains("PLACEMENT"), r.out());
        String junkLine = r.out().lines().filter(l -> l.contains("seed-2@example.com") && l.contains("junk")).findFirst().orElse("");
        assertTrue(junkLine.startsWith("google") && junkLine.contains("pass") && junkLine.contains("spamassassin 6.3/5.0 flagged"), r.out());
        assertTrue(r.out().contains("1 of 2 seed(s) in the inbox"), r.out());
        assertTrue(r.out().contains("RCVD_IN_SANDBOX_LISTED"), r.out());
        Result runs = world.run("runs", "--sandbox", "--format", "json");
        assertTrue(!runs.out().contains("monthly"), "a seeds test is not a run of the campaign: " + runs);
    }

    @Test
    void everySeedInTheInboxExitsZeroAndJsonHasTheSeeds() {
        assertEquals(0, world.run("sandbox", "lift").code());
        Result r = world.run("seeds", "test", "--sandbox", "--scenario", "junk", "--campaign", "monthly", "--format", "json");
        assertEquals(0, r.code(), r.toString());
        JsonNode j = r.json();
        assertTrue(j.get("all_inbox").asBoolean());
        assertEquals(2, j.get("seeds").size());
        j.get("seeds").forEach(s -> assertEquals("inbox", s.get("placement").asText(), j.toString()));
    }
}
