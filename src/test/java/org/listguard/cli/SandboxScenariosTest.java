package org.listguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.cli.SandboxWorld.Result;

/**
 * Each shipped scenario through the real command line, as the README's "see it work" tells a new
 * user to run it: exit codes, status JSON and what the sandbox relay received.
 */
class SandboxScenariosTest {
    private static final int MEMBERS = 12;

    @TempDir
    Path dir;
    SandboxWorld world;

    @BeforeEach
    void world() throws Exception {
        world = new SandboxWorld(dir);
    }

    @Test
    void sandboxScenariosListsEveryShippedScenarioOnOneLine() throws Exception {
        Result r = world.run("sandbox", "scenarios");
        assertEquals(0, r.code(), r.toString());
        List<String> names;
        try (Stream<Path> s = Files.list(Path.of("config/sandbox/scenarios"))) {
            names = s.map(p -> p.getFileName().toString().replace(".yaml", "")).sorted().toList();
        }
        assertTrue(names.containsAll(List.of("clean", "relay-listed", "relay-block", "receiver-block", "silent-discard",
                "throttle", "hard-bounces")), names.toString());
        for (String n : names) {
            assertEquals(1, r.out().lines().filter(l -> l.startsWith(n + " ")).count(), n + " has one line: " + r.out());
        }
    }

    @Test
    void relayListedRefusesAtTheGateNamingTheListAndItsDelistingPage() throws Exception {
        Result audit = world.run("audit", "--sandbox", "--scenario", "relay-listed", "--campaign", "monthly", "--format", "json");
        assertEquals(3, audit.code(), audit.toString());
        JsonNode fail = null;
        for (JsonNode f : audit.json().get("findings")) {
            if (f.get("status").asText().equals("fail")) fail = f;
        }
        assertEquals("198.51.100.25", fail.get("target").asText());
        assertEquals("zen.spamhaus.org", fail.get("source").asText());
        assertTrue(fail.get("url").asText().contains("spamhaus.org"), fail.toString());

        Result send = world.send("relay-listed");
        assertEquals(3, send.code(), send.toString());
        assertEquals(List.of(), world.delivered(), "the gate sends nothing");
    }

    @Test
    void relayBlockPausesWithCiscoAdviceAndResumesAfterTheLiftSendingEachMemberOnce() throws Exception {
        Result first = world.send("relay-block");
        assertEquals(75, first.code(), first.toString());
        JsonNode st = world.status();
        assertEquals("paused", st.get("state").asText());
        assertEquals(5, st.get("counts").get("accepted").asInt());
        assertEquals(1, st.get("actions").get("reputation").asInt());
        assertTrue(st.get("advice").toString().contains("talosintelligence.com"), st.toString());

        Result again = world.send("relay-block");
        assertEquals(75, again.code(), "without a lift the smart host still refuses: " + again);
        assertEquals(5, world.status().get("counts").get("accepted").asInt(), "and accepts nothing more");

        assertEquals(0, world.run("sandbox", "lift").code());
        Result resumed = world.send("relay-block");
        assertEquals(0, resumed.code(), resumed.toString());
        assertTrue((resumed.out() + resumed.err()).contains("resuming run " + st.get("run").asText()), resumed.toString());
        JsonNode done = world.status();
        assertEquals("completed", done.get("state").asText());
        assertEquals(MEMBERS, done.get("counts").get("accepted").asInt());
        List<String> got = world.delivered();
        assertEquals(MEMBERS, got.size(), got.toString());
        assertEquals(MEMBERS, new HashSet<>(got).size(), "nobody twice: " + got);
        assertTrue(Files.notExists(dir.resolve("scenario-lifted")), "a completed run re-arms the scenario");
    }

    @Test
    void receiverBlockSuspendsTheRefusingProviderOnlyAndTheResumeAfterTheLiftDeliversEveryoneOnce() throws Exception {
        Result first = world.send("receiver-block");
        assertEquals(75, first.code(), first.toString());
        JsonNode st = world.status();
        assertEquals("paused", st.get("state").asText());
        assertTrue(st.get("pause_reason").asText().contains("example.net"), st.toString());
        JsonNode counts = st.get("counts");
        assertEquals(4, counts.get("blocked").asInt(), "every example.net member waits: " + st);
        assertEquals(MEMBERS - 4, counts.get("accepted").asInt(), "the other providers got it: " + st);
        String advice = st.get("advice").toString();
        assertTrue(advice.contains("198.51.100.25") && advice.toLowerCase(java.util.Locale.ROOT).contains("cloudmark"), advice);
        assertTrue(world.run("suppression", "list", "--sandbox").out().contains("The suppression list is empty"),
                "a reputation DSN suppresses nobody");
        assertTrue(world.delivered().stream().noneMatch(a -> a.endsWith("@example.net")), "the receiver refused them");
        Result blocks = world.run("blocks", "--sandbox");
        assertTrue(blocks.out().startsWith("example.net"), blocks.toString());

        assertEquals(0, world.run("sandbox", "lift").code());
        Result resumed = world.send("receiver-block");
        assertEquals(0, resumed.code(), resumed.toString());
        JsonNode done = world.status();
        assertEquals("completed", done.get("state").asText());
        assertEquals(MEMBERS, done.get("counts").get("accepted").asInt(), done.toString());
        List<String> got = world.delivered();
        assertEquals(MEMBERS, got.size(), got.toString());
        assertEquals(MEMBERS, new HashSet<>(got).size(), "nobody twice: " + got);
    }

    @Test
    void throttleSlowsDownRetriesTheDeferredAndRecovers() throws Exception {
        Result r = world.send("throttle");
        assertEquals(0, r.code(), r.toString());
        JsonNode st = world.status();
        assertEquals("completed", st.get("state").asText());
        assertEquals(MEMBERS, st.get("counts").get("accepted").asInt());
        String run = st.get("run").asText();
        JsonNode report = world.run("report", run, "--sandbox", "--format", "json").json();
        String events = report.toString();
        assertTrue(events.contains("slow_down"), events);
        assertTrue(events.contains("rate_recovered"), events);
        assertTrue(world.run("suppression", "list", "--sandbox").out().contains("The suppression list is empty"), "a throttle reply suppresses nobody");
    }

    @Test
    void silentDiscardPausesWhenTheSeedAtTheDiscardingProviderNeverArrives() throws Exception {
        Result r = world.send("silent-discard");
        assertEquals(75, r.code(), r.toString());
        JsonNode st = world.status();
        assertEquals("paused", st.get("state").asText());
        String reason = st.get("pause_reason").asText();
        assertTrue(reason.contains("silent discard") && reason.contains("seed-2@example.com") && !reason.contains("seed-1"), reason);
        assertTrue(world.delivered().stream().noneMatch(a -> a.endsWith("@example.com")), "example.com's receiver dropped everything");
    }

    @Test
    void hardBouncesSuppressExactlyTheTwoMissingMembersWithTheirDsn() throws Exception {
        Result r = world.send("hard-bounces");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("of 12 the relay took: 10 delivered as far as listguard knows, 2 bounced (hard)"),
                "the summary accounts for what happened after the relay's 250 (issue 19): " + r.out());
        Result processed = world.run("bounces", "process", "--sandbox", "--format", "json");
        assertEquals(0, processed.code(), processed.toString());
        List<String> suppressed = world.run("suppression", "list", "--sandbox").out().lines().map(l -> l.split("\t")[0]).sorted().toList();
        assertEquals(List.of("bernard.kowalski@example.com", "dorothy.okafor@example.net"), suppressed);
        String evidence = world.run("suppression", "list", "--sandbox").out();
        assertTrue(evidence.contains("userunknown (no such mailbox)"), "plain words beside the reason code (issue 19): " + evidence);
        assertEquals(Set.of(), Set.copyOf(world.delivered()).stream().filter(a -> a.startsWith("dorothy") || a.startsWith("bernard"))
                .collect(java.util.stream.Collectors.toSet()), "their receivers refused them");
    }

    /** Issue 19: a scenario, run again as the README says, gives the README's exit code every time. */
    @Test
    void receiverBlockReproducesRunAfterRun() {
        for (int round = 1; round <= 3; round++) {
            Result blocked = world.send("receiver-block");
            assertEquals(75, blocked.code(), "round " + round + ": " + blocked);
            Result lift = world.run("sandbox", "lift");
            assertEquals(0, lift.code(), lift.toString());
            assertTrue(lift.out().contains("--scenario receiver-block") && lift.out().contains("--journal " + world.journal),
                    "the printed resume command keeps this world's options: " + lift.out());
            Result resumed = world.send("receiver-block");
            assertEquals(0, resumed.code(), "round " + round + ": " + resumed);
        }
    }

    /** Following the printed advice (a send without --scenario) completes the run and resets the scenario. */
    @Test
    void aCompletedSendWithoutTheScenarioResetsIt() {
        Result first = world.send("relay-block");
        assertEquals(75, first.code(), first.toString());
        world.run("sandbox", "lift");
        assertEquals(0, world.send(null).code(), "the resume without --scenario completes in the clean world");
        Result again = world.send("relay-block");
        assertEquals(75, again.code(), again.toString());
        assertTrue(again.out().contains("the relay accepted 5 message(s)"), "the relay's count starts again, as the first time: "
                + first.out() + "\n---\n" + again);
    }

    @Test
    void aScenarioAfterACompletedSandboxRunStartsANewRunOfTheDemo() {
        Result clean = world.send(null);
        assertEquals(0, clean.code(), clean.toString());
        String first = world.status().get("run").asText();
        assertEquals(3, world.send(null).code(), "a plain second send of the period is refused, as for real");
        Result scenario = world.send("relay-block");
        assertEquals(75, scenario.code(), scenario.toString());
        assertTrue(!world.status().get("run").asText().equals(first), "a new run for the scenario");
    }

    @Test
    void anUnknownScenarioIsABadInputNamingTheKnownOnes() {
        Result r = world.send("no-such-world");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("no scenario 'no-such-world'") && r.err().contains("receiver-block"), r.err());
        Result without = world.run("send", "--scenario", "throttle", "--campaign", "monthly", "--yes");
        assertEquals(2, without.code(), without.toString());
        assertTrue(without.err().contains("only with --sandbox"), without.err());
    }

    /** A paused run resumes only in the world it was sent in: another scenario is refused, naming both and the send that works. */
    @Test
    void aRunPausedInOneScenarioIsNotResumedInAnother() {
        Result first = world.send("relay-block");
        assertEquals(75, first.code(), first.toString());
        String run = world.status().get("run").asText();
        Result other = world.send("receiver-block");
        assertEquals(2, other.code(), other.toString());
        assertTrue(other.err().contains("run " + run) && other.err().contains("scenario relay-block") && other.err().contains("scenario receiver-block"),
                other.err());
        String resume = "listguard send -c " + world.config + " --journal " + world.journal + " --sandbox --scenario relay-block --campaign monthly --yes";
        assertTrue(other.err().contains("`" + resume + "`"), "the send that resumes it, runnable as printed: " + other.err());
        assertEquals("paused", world.status().get("state").asText(), "nothing was sent");
        assertEquals(run, world.status().get("run").asText());

        Result plain = world.send(null);
        assertEquals(75, plain.code(), "no --scenario resumes it in its own world, still blocked: " + plain);
        assertTrue(plain.err().contains("was sent in scenario relay-block"), plain.err());

        assertEquals(0, world.run("sandbox", "lift").code());
        Result printed = world.runAsPrinted(ScenarioStories.words(resume).subList(1, ScenarioStories.words(resume).size()));
        assertEquals(0, printed.code(), printed.toString());
        assertTrue(printed.out().contains("run " + run + " completed"), printed.toString());
    }
    /**
     * The lift and its resume command follow the paused run's own scenario: another campaign sent
     * and completed in another scenario since then does not take the lift (the sandbox relay's
     * memory of the last scenario names that one).
     */
    @Test
    void theLiftFollowsThePausedRunsScenarioNotTheLastScenarioSent() throws Exception {
        String yaml = Files.readString(world.config);
        String monthly = yaml.substring(yaml.indexOf("  monthly:"), yaml.indexOf("\n\n", yaml.indexOf("  monthly:")));
        Files.writeString(world.config, yaml.replace(monthly, monthly + "\n" + monthly.replace("  monthly:", "  digest:")));
        Result monthlyBlocked = world.send("relay-block");
        assertEquals(75, monthlyBlocked.code(), monthlyBlocked.toString());
        String paused = world.status().get("run").asText();

        Result digest = world.run("send", "--sandbox", "--scenario", "receiver-block", "--campaign", "digest", "--yes");
        assertEquals(75, digest.code(), digest.toString());
        assertEquals(0, world.run("sandbox", "lift").code());
        Result digestDone = world.run("send", "--sandbox", "--scenario", "receiver-block", "--campaign", "digest", "--yes");
        assertEquals(0, digestDone.code(), digestDone.toString());

        Result lift = world.run("sandbox", "lift");
        assertEquals(0, lift.code(), lift.toString());
        assertTrue(lift.out().contains("scenario relay-block's block is lifted"), lift.out());
        String resume = "listguard send -c " + world.config + " --journal " + world.journal + " --sandbox --scenario relay-block --campaign monthly --yes";
        assertTrue(lift.out().contains("`" + resume + "`"), "the paused run's own resume: " + lift.out());
        Result printed = world.runAsPrinted(ScenarioStories.words(resume).subList(1, ScenarioStories.words(resume).size()));
        assertEquals(0, printed.code(), printed.toString());
        assertTrue(printed.out().contains("run " + paused + " completed"), printed.toString());
    }
}
