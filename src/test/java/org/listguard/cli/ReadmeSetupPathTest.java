package org.listguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.cli.SandboxWorld.Result;

/**
 * Issue 19: the README's set-up path, followed as written in a temporary directory. The quick
 * start's sandbox send, its status and the second send that refuses (exit 3, naming the first
 * run); then "to use it for real": the steps of that block, with {@code my.yaml} a copy of the
 * example config and — the one change, since tests never reach the internet — {@code --sandbox}
 * and this directory's journal added, so the audit asks the simulated DNS and the send goes to
 * the in-process smart host. Each step's exit code is the one the README gives.
 */
class ReadmeSetupPathTest {
    @TempDir
    Path dir;

    @Test
    void theQuickStartRunsAsTheReadmeSays() throws Exception {
        SandboxWorld w = new SandboxWorld(dir);
        String readme = Files.readString(Path.of("README.md"));
        String quick = block(readme, "## Quick start");
        String first = quick.lines().filter(l -> l.startsWith("./listguard ")).findFirst().orElseThrow();
        List<String> argv = argv(first);
        Result sent = w.run(argv.toArray(String[]::new));
        assertEquals(0, sent.code(), first + "\n" + sent);
        String run = w.status().get("run").asText();
        assertTrue(readme.contains("`./listguard status --sandbox` shows the run"), "the README's next step");
        Result status = w.run("status", "--sandbox");
        assertEquals(0, status.code(), status.toString());
        assertTrue(status.out().contains(run) && status.out().contains("completed"), status.out());
        Result again = w.run(argv.toArray(String[]::new));
        assertEquals(3, again.code(), "\"Run it a second time and it refuses with exit 3, naming the first run\": " + again);
        assertTrue((again.out() + again.err()).contains(run), again.toString());
        List<String> withAgain = new ArrayList<>(argv);
        withAgain.add("--again");
        assertEquals(0, w.run(withAgain.toArray(String[]::new)).code(), "add --again to send it anyway");
    }

    @Test
    void theStepsToUseItForRealRunAsPrinted() throws Exception {
        SandboxWorld w = new SandboxWorld(dir);
        Path mine = dir.resolve("my.yaml");
        Files.copy(w.config, mine);
        String steps = block(Files.readString(Path.of("README.md")), "To use it for real");
        List<String> lines = steps.lines().filter(l -> l.contains("./listguard ")).toList();
        assertEquals(4, lines.size(), "audit, dry run, send, status: " + steps);
        for (String line : lines) {
            Map<String, String> env = new HashMap<>();
            Matcher assign = Pattern.compile("^([A-Z_]+)=(\\S+) ").matcher(line);
            if (assign.find()) env.put(assign.group(1), "secret-for-the-sandbox");
            List<String> args = new ArrayList<>(argv(line.substring(line.indexOf("./listguard "))));
            args.replaceAll(a -> a.equals("my.yaml") ? mine.toString() : a);
            args.addAll(List.of("--sandbox", "--journal", w.journal));
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = Main.run(new Environment(Clock.systemUTC(), env, new PrintWriter(out, true), new PrintWriter(err, true), false),
                    args.toArray(String[]::new));
            Result r = new Result(code, out.toString(), err.toString());
            assertEquals(expected(line), r.code(), line + "\n" + r);
            if (line.contains("--dry-run")) {
                assertTrue(env.isEmpty(), "the dry run is given no password");
                assertTrue(r.out().contains("batch(es) of") && r.out().contains("estimated time"), "the plan and its ETA on stdout: " + r.out());
            }
            if (line.contains(" status ")) assertTrue(r.out().contains("State: completed"), r.out());
        }
        assertFalse(w.delivered().isEmpty(), "the send step sent the campaign");
    }

    /** The exit code a README line gives ("# exit 0 go, 3 no-go…": the first), else 0. */
    private static int expected(String line) {
        Matcher m = Pattern.compile("#\\s*exit (\\d+)").matcher(line);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** The words of a README command line after {@code ./listguard}, without its comment. */
    private static List<String> argv(String line) {
        String cmd = line.contains("#") ? line.substring(0, line.indexOf('#')) : line;
        List<String> words = ScenarioStories.words(cmd.strip());
        assertEquals("./listguard", words.get(0), line);
        return new ArrayList<>(words.subList(1, words.size()));
    }

    /** The first fenced block after {@code marker}. */
    private static String block(String readme, String marker) {
        int at = readme.indexOf(marker);
        assertTrue(at >= 0, "the README has '" + marker + "'");
        int open = readme.indexOf("```", at);
        int start = readme.indexOf('\n', open) + 1;
        return readme.substring(start, readme.indexOf("```", start));
    }
}
