package org.listguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.cli.SandboxWorld.Result;

/**
 * The sandbox's {@code junk} scenario through the real command line (issue 23): seeds first, the
 * one at example.com (Google) filed in junk with the receiver's verdict, its members held, the run
 * paused; lifted, the seeds land in the inbox and the held members are sent once each.
 */
class SandboxJunkTest {
    static final int MEMBERS = 12;
    static final int AT_EXAMPLE_COM = 4;

    @TempDir
    Path dir;
    SandboxWorld world;

    @BeforeEach
    void world() throws Exception {
        world = new SandboxWorld(dir);
    }

    @Test
    void aSeedInJunkHoldsItsProvidersMembersAndTheLiftedWorldSendsThemOnce() throws Exception {
        Result first = world.send("junk");
        assertEquals(75, first.code(), first.toString());
        JsonNode st = world.status();
        assertEquals("paused", st.get("state").asText());
        String reason = st.get("pause_reason").asText();
        assertTrue(reason.contains("our seed seed-2@example.com at google was filed in junk"), reason);
        assertTrue(reason.contains("spamassassin 6.3/5.0 flagged"), reason);
        assertEquals(AT_EXAMPLE_COM, st.get("counts").get("blocked").asInt(), st.toString());
        assertEquals(MEMBERS - AT_EXAMPLE_COM, st.get("counts").get("accepted").asInt(), st.toString());
        assertTrue(world.delivered().stream().noneMatch(a -> a.endsWith("@example.com") && !a.startsWith("seed")),
                "no member of the junking provider was mailed: " + world.delivered());

        JsonNode seeds = st.get("seeds");
        assertEquals(2, seeds.size(), st.toString());
        JsonNode junk = seeds.get(1);
        assertEquals("seed-2@example.com", junk.get("address").asText());
        assertEquals("google", junk.get("provider").asText());
        assertEquals("junk", junk.get("placement").asText());
        assertEquals(".Junk", junk.get("folder").asText());
        assertEquals("pass", junk.get("authentication").get("dkim").asText());
        assertEquals("pass", junk.get("authentication").get("dmarc").asText());
        assertEquals("spamassassin", junk.get("spam").get("engine").asText());
        assertTrue(junk.get("spam").get("flagged").asBoolean());
        assertTrue(junk.get("spam").get("rules").toString().contains("RCVD_IN_SANDBOX_LISTED"), junk.toString());
        assertEquals("inbox", seeds.get(0).get("placement").asText());
        String advice = st.get("advice").toString();
        assertTrue(advice.contains("junk"), advice);
        Path html = dir.resolve("report.html");
        Result report = world.run("report", st.get("run").asText(), "--sandbox", "--format", "html", "-o", html.toString());
        assertEquals(0, report.code(), report.toString());
        String page = java.nio.file.Files.readString(html);
        assertTrue(page.contains("Seed placement per provider") && page.contains("RCVD_IN_SANDBOX_LISTED"), "the HTML report's placement table");

        assertEquals(0, world.run("sandbox", "lift").code());
        Result resumed = world.send("junk");
        assertEquals(0, resumed.code(), resumed.toString());
        JsonNode done = world.status();
        assertEquals("completed", done.get("state").asText());
        assertEquals(MEMBERS, done.get("counts").get("accepted").asInt(), done.toString());
        done.get("seeds").forEach(s -> assertEquals("inbox", s.get("placement").asText(), done.toString()));
        List<String> members = world.delivered().stream().filter(a -> !a.startsWith("seed-")).toList();
        assertEquals(MEMBERS, members.size(), members.toString());
        assertEquals(MEMBERS, new HashSet<>(members).size(), "nobody twice: " + members);
    }
}
