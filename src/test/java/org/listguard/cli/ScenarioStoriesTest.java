package org.listguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.cli.ScenarioStories.Ran;
import org.listguard.cli.ScenarioStories.Story;
import org.listguard.cli.ScenarioStories.Views;
import org.listguard.cli.SandboxWorld.Result;

/**
 * Issue 19, through the real command line: every scenario of the README's table, played as the
 * README tells it ({@link ScenarioStories}), gives the README's exit code twice in a row; every
 * view of a run tells the same counts, state and per-recipient states; every command listguard
 * prints is built from the invocation's own options and runs as printed.
 */
class ScenarioStoriesTest {
    /** The counts every view must agree on, in status's shape. */
    private static final List<String> KEYS = List.of("accepted", "deferred", "rejected", "skipped", "unknown", "blocked", "unconfirmed", "pending");

    @TempDir
    static Path dir;
    static Map<String, Integer> readme;
    static final Map<String, Story> stories = Collections.synchronizedMap(new LinkedHashMap<>());

    @BeforeAll
    static void playEveryScenario() throws Exception {
        readme = ScenarioStories.readmeTable(Files.readString(Path.of("README.md")));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Map<String, Future<Story>> running = new LinkedHashMap<>();
            for (var e : readme.entrySet()) {
                running.put(e.getKey(), pool.submit(() -> ScenarioStories.play(dir.resolve(e.getKey()), e.getKey(), e.getValue())));
            }
            for (var e : running.entrySet()) stories.put(e.getKey(), e.getValue().get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theReadmesTableNamesEveryShippedScenario() throws Exception {
        List<String> shipped;
        try (Stream<Path> s = Files.list(Path.of("config/sandbox/scenarios"))) {
            shipped = s.map(p -> p.getFileName().toString().replace(".yaml", "")).sorted().toList();
        }
        assertEquals(shipped, readme.keySet().stream().sorted().toList(), "README's scenario table vs config/sandbox/scenarios");
    }

    @TestFactory
    Stream<DynamicTest> eachScenarioGivesTheReadmesExitCodeTwiceInARow() {
        return stories.values().stream().map(s -> dynamicTest(s.scenario, () -> {
            assertEquals(s.readmeExit, s.first.code(), "first send: " + s.first);
            assertEquals(s.readmeExit, s.second.code(), "the same send again, as the README says: " + s.second);
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyViewTellsTheSameCountsStateAndRecipients() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Story s : stories.values()) {
            if (s.readmeExit == 3 && s.first.code() == 3 && s.afterFirst.statusJson().code() != 0) {
                // the gate refused before any run: there is nothing to view yet; the views after the resume are checked
            } else {
                tests.add(dynamicTest(s.scenario + " after the send", () -> agree(s.afterFirst, s.first)));
            }
            tests.add(dynamicTest(s.scenario + " after the resume", () -> agree(s.afterResume,
                    s.resendUnconfirmed != null ? s.resendUnconfirmed.result() : s.resume != null ? s.resume.result() : s.first)));
        }
        return tests.stream();
    }

    @Test
    void everyStoryThatStopsPrintsCommandsToFollow() {
        for (Story s : stories.values()) {
            if (s.readmeExit == 0) continue;
            assertFalse(s.printed.isEmpty(), s.scenario + " prints commands to follow: " + s.first);
            if (s.readmeExit == 75) assertFalse(s.ran.isEmpty(), s.scenario + " prints read-only commands (status, report…): " + s.printed);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyPrintedCommandKeepsTheInvocationsOptionsOnce() {
        return stories.values().stream().filter(s -> !s.printed.isEmpty()).map(s -> dynamicTest(s.scenario, () -> {
            String journal = s.world.journal;
            String config = s.world.config.toString();
            for (String c : s.printed) {
                List<String> w = ScenarioStories.words(c);
                assertEquals(1, Collections.frequency(w, "--sandbox"), "--sandbox once: " + c);
                assertEquals(1, Collections.frequency(w, "--journal"), "--journal once: " + c);
                assertEquals(journal, w.get(w.indexOf("--journal") + 1), c);
                assertEquals(1, Collections.frequency(w, "-c"), "-c once: " + c);
                assertEquals(config, w.get(w.indexOf("-c") + 1), c);
                assertTrue(Collections.frequency(w, "--scenario") <= 1, "--scenario at most once: " + c);
                if (w.contains("--scenario")) assertEquals(s.scenario, w.get(w.indexOf("--scenario") + 1), c);
                if (w.get(1).equals("send") && !s.scenario.equals("clean")) {
                    assertTrue(w.contains("--scenario"), "a printed send replays the story's world: " + c);
                }
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> everySafePrintedCommandRunsAsPrinted() {
        return stories.values().stream().filter(s -> !s.ran.isEmpty() || s.readmeExit != 0).map(s -> dynamicTest(s.scenario, () -> {
            for (Ran r : s.ran) {
                int code = r.result().code();
                if (r.argv().get(1).equals("audit")) {
                    assertTrue(code == 0 || code == 3, "audit says go (0) or no-go (3): " + r.printed() + "\n" + r.result());
                } else {
                    assertEquals(0, code, r.printed() + "\n" + r.result());
                }
            }
            if (s.readmeExit != 0) {
                assertEquals(0, s.lift.code(), s.lift.toString());
                assertNotNull(s.resume, "sandbox lift prints the send that resumes: " + s.lift);
                assertTrue(s.resume.argv().contains("--scenario"), "the resume keeps --scenario: " + s.resume.printed());
                assertEquals(0, s.resume.result().code(), "the printed resume completes the run: " + s.resume.printed() + "\n" + s.resume.result());
            }
            for (Ran r : s.cleared) assertEquals(0, r.result().code(), r.printed() + "\n" + r.result());
            if (s.resendUnconfirmed != null) {
                assertEquals(0, s.resendUnconfirmed.result().code(), s.resendUnconfirmed.printed() + "\n" + s.resendUnconfirmed.result());
            }
        }));
    }

    @Test
    void receiverBlocksPrintedBlocksClearRunsAndForgetsTheBlock() {
        Story s = stories.get("receiver-block");
        assertFalse(s.cleared.isEmpty(), "`blocks` prints a runnable `blocks clear example.net`: " + s.printed);
        assertTrue(s.cleared.get(0).argv().contains("example.net"), s.cleared.get(0).printed());
        assertTrue(s.cleared.get(0).result().out().contains("example.net"), s.cleared.get(0).result().toString());
    }

    @Test
    void silentDiscardsUnconfirmedMembersAreNamedAndSentAgainOnlyByThePrintedWord() throws Exception {
        Story s = stories.get("silent-discard");
        // members only: the printed --resend-unconfirmed replays the scenario's world, whose seeds go out with it
        List<String> com = s.world.delivered().stream().filter(a -> a.endsWith("@example.com") && !a.startsWith("seed-")).toList();
        assertEquals(4, com.size(), "example.com's members got it once each, from the --resend-unconfirmed only "
                + "(the receiver discarded the first; the plain resume did not send them again): " + com);
        assertEquals(4, new java.util.HashSet<>(com).size(), com.toString());
        assertTrue(s.afterFirst.statusText().out().contains("Unconfirmed: 4 member(s)"), s.afterFirst.statusText().out());
        assertEquals(4, s.afterFirst.statusJson().json().get("counts").get("unconfirmed").asInt(), s.afterFirst.statusJson().out());
        assertTrue(s.lift.out().contains("--resend-unconfirmed"), "sandbox lift says the resume leaves them alone: " + s.lift);
        assertTrue(s.resume.result().out().contains("4 unconfirmed"), "the resume's summary names them: " + s.resume.result());
        assertNotNull(s.resendUnconfirmed, "the completed run prints the command that sends them again: " + s.resume.result());
        JsonNode done = s.afterResume.statusJson().json();
        assertEquals(0, done.get("counts").get("unconfirmed").asInt(), done.toString());
        assertEquals(12, done.get("counts").get("accepted").asInt(), done.toString());
    }

    /** Every view of the world's latest run agrees with status's JSON, field by field. */
    private static void agree(Views v, Result send) throws Exception {
        JsonNode status = v.statusJson().json();
        String run = status.get("run").asText();
        String state = status.get("state").asText();
        Map<String, Long> counts = ScenarioStories.counts(status);
        assertTrue(counts.keySet().containsAll(KEYS), "status JSON has every count: " + counts);
        long total = status.get("total").asLong();
        assertEquals(total, counts.values().stream().mapToLong(Long::longValue).sum(), "the counts add up to the total: " + status);

        // status, text
        String text = v.statusText().out();
        assertTrue(text.contains("State: " + state), text);
        for (String k : KEYS) assertEquals(counts.get(k), textCount(text, k), "status text '" + k + "': " + text);

        // runs, JSON and text
        JsonNode runs = v.runsJson().json().get(0);
        assertEquals(run, runs.get("run").asText());
        assertEquals(state, runs.get("state").asText());
        assertEquals(total, runs.get("total").asLong());
        for (String k : List.of("accepted", "deferred", "pending", "blocked", "unconfirmed")) assertEquals(counts.get(k), runs.get(k).asLong(), "runs JSON " + k);
        assertEquals(counts.get("rejected") + counts.get("unknown"), runs.get("refused").asLong(), "runs JSON refused");
        for (String k : KEYS) assertEquals(counts.get(k), runs.get("counts").get(k).asLong(), "runs JSON counts." + k);
        String row = v.runsText().out().lines().filter(l -> l.startsWith(run + " ")).findFirst().orElseThrow(() -> new AssertionError(v.runsText().out()));
        String[] cols = row.trim().split("\\s+");
        assertEquals(state, cols[2], row);
        assertEquals(List.of(total, counts.get("accepted"), counts.get("rejected") + counts.get("unknown"), counts.get("deferred"),
                counts.get("blocked"), counts.get("unconfirmed"), counts.get("pending")),
                List.of(Long.parseLong(cols[5]), Long.parseLong(cols[6]), Long.parseLong(cols[7]), Long.parseLong(cols[8]),
                        Long.parseLong(cols[9]), Long.parseLong(cols[10]), Long.parseLong(cols[11])), "runs text: " + row);

        // report, JSON: its counts and each recipient's state
        JsonNode report = v.reportJson().json();
        assertEquals(state, report.get("state").asText());
        for (String k : KEYS) assertEquals(counts.get(k), report.get("counts").get(k).asLong(), "report JSON counts." + k);
        Map<String, String> byAddress = new TreeMap<>();
        Map<String, Long> recount = new TreeMap<>();
        for (JsonNode r : report.get("recipients")) {
            String st = r.get("status").asText();
            byAddress.put(r.get("email").asText(), st);
            recount.merge(st.equals("sending") ? "pending" : st, 1L, Long::sum);
        }
        for (String k : KEYS) assertEquals(counts.get(k), recount.getOrDefault(k, 0L), "report JSON recipients in " + k + ": " + recount);

        // report, CSV: the same state for every recipient
        Map<String, String> csv = new TreeMap<>();
        for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(new StringReader(v.reportCsv().out()))) {
            csv.put(r.get("email"), r.get("status"));
        }
        assertEquals(byAddress, csv, "report CSV vs JSON, recipient by recipient");

        // report, HTML: its summary sentence
        String html = v.reportHtml().out();
        Matcher m = Pattern.compile("(\\d+) of (\\d+) accepted by the relay, (\\d+) refused, (\\d+) deferred, (\\d+) held back[^,]*, (\\d+) not tried yet, (\\d+) skipped")
                .matcher(html);
        assertTrue(m.find(), "the HTML report's summary: " + html.substring(0, Math.min(html.length(), 3000)));
        assertEquals(List.of(counts.get("accepted"), total, counts.get("rejected") + counts.get("unknown"), counts.get("deferred"),
                report.get("held").asLong(), report.get("never_tried").asLong(), counts.get("skipped")),
                List.of(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)), Long.parseLong(m.group(4)),
                        Long.parseLong(m.group(5)), Long.parseLong(m.group(6)), Long.parseLong(m.group(7))), "HTML summary");
        assertEquals(counts.get("unconfirmed") > 0, html.contains(counts.get("unconfirmed") + " unconfirmed"), "HTML names the unconfirmed");
        assertEquals(counts.get("blocked") + counts.get("pending"), report.get("held").asLong() + report.get("never_tried").asLong(),
                "held + never tried = blocked + pending");

        // the send's own summary, when it completed the run
        Matcher done = Pattern.compile("completed: (\\d+) accepted, (\\d+) rejected, (\\d+) skipped, (\\d+) unknown(?:, (\\d+) failed[^,;]*)?(?:, (\\d+) unconfirmed)?")
                .matcher(send.out());
        if (state.equals("completed") && done.find() && send.out().contains(run)) {
            assertEquals(List.of(counts.get("accepted"), counts.get("rejected"), counts.get("skipped"), counts.get("unknown"), counts.get("unconfirmed")),
                    List.of(Long.parseLong(done.group(1)), Long.parseLong(done.group(2)), Long.parseLong(done.group(3)), Long.parseLong(done.group(4)),
                            done.group(6) == null ? 0L : Long.parseLong(done.group(6))), "the send's summary: " + send.out());
        }

        // what became of the messages after the relay's 250, in the send's summary (paused or completed)
        Matcher took = Pattern.compile("of (\\d+) the relay took: (\\d+) delivered as far as listguard knows").matcher(send.out());
        if (send.out().contains("run " + run + " ") && took.find()) {
            long laterActions = 0;
            for (String a : List.of("hard", "soft", "content", "complaint", "unsubscribe")) laterActions += status.get("actions").get(a).asLong();
            long refusedDownstream = blockedTried(report);
            assertEquals(counts.get("accepted") + refusedDownstream + counts.get("unconfirmed"), Long.parseLong(took.group(1)), "the relay took: " + send.out());
            assertEquals(counts.get("accepted") - laterActions, Long.parseLong(took.group(2)), "delivered as far as listguard knows: " + send.out());
            if (counts.get("unconfirmed") > 0) assertTrue(send.out().contains(counts.get("unconfirmed") + " unconfirmed"), send.out());
        }

        // the send's progress lines add up: accepted + refused + deferred = done
        Matcher p = Pattern.compile("event=progress done=(\\d+) total=(\\d+) \\S+ accepted=(\\d+) deferred=(\\d+) refused=(\\d+)").matcher(send.err());
        while (p.find()) {
            long d = Long.parseLong(p.group(1));
            assertTrue(d <= Long.parseLong(p.group(2)), p.group());
            assertEquals(d, Long.parseLong(p.group(3)) + Long.parseLong(p.group(4)) + Long.parseLong(p.group(5)), "progress adds up: " + p.group());
        }
    }

    /** Blocked members the relay took and a receiver refused: blocked with attempts in the report's recipients. */
    private static long blockedTried(JsonNode report) {
        long n = 0;
        for (JsonNode r : report.get("recipients")) {
            if (r.get("status").asText().equals("blocked") && r.get("attempts").asInt() > 0) n++;
        }
        return n;
    }

    /** "  accepted    8" in status's text. */
    private static long textCount(String text, String key) {
        Matcher m = Pattern.compile("(?m)^  " + Pattern.quote(key) + "\\s+([\\d,]+)$").matcher(text);
        if (!m.find()) throw new AssertionError("no '" + key + "' line in status: " + text);
        return Long.parseLong(m.group(1).replace(",", ""));
    }
}
