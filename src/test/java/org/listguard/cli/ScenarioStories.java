package org.listguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.listguard.cli.SandboxWorld.Result;

/**
 * Every sandbox scenario played once as the README tells it, in a world of its own (issue 19):
 * the send, the views of the run it left (status text and JSON, runs text and JSON, the report in
 * JSON, CSV and HTML), every command listguard printed, run as printed (read-only ones at once,
 * then {@code sandbox lift} and the resume it prints, and the {@code --resend-unconfirmed} a
 * completed run with unconfirmed members prints), the views of the finished run, and the scenario
 * sent a second time. {@link ScenarioStoriesTest} asserts on what was recorded; the stories are
 * played in parallel (their waits are the sandbox's, not CPU) to keep the whole under the budget.
 */
final class ScenarioStories {
    /** A command listguard printed and what it did when run as printed. */
    record Ran(String printed, List<String> argv, Result result) {}

    /** One scenario's story. */
    static final class Story {
        final String scenario;
        final int readmeExit;
        SandboxWorld world;
        Result first;
        Views afterFirst;
        final List<String> printed = new ArrayList<>();
        final List<Ran> ran = new ArrayList<>();
        Result lift;
        Ran resume;
        /** {@code blocks clear PROVIDER} as {@code blocks} printed it, run after the lift (the block is known to be lifted). */
        final List<Ran> cleared = new ArrayList<>();
        Ran resendUnconfirmed;
        Views afterResume;
        Result second;

        Story(String scenario, int readmeExit) {
            this.scenario = scenario;
            this.readmeExit = readmeExit;
        }

        @Override
        public String toString() { return scenario; }
    }

    /** The views of the world's latest run, each as the user gets it. */
    record Views(Result statusJson, Result statusText, Result runsJson, Result runsText, Result reportJson, Result reportCsv,
                 Result reportHtml) {
        static Views of(SandboxWorld w) {
            return new Views(w.run("status", "--sandbox", "--format", "json"), w.run("status", "--sandbox"),
                    w.run("runs", "--sandbox", "--format", "json"), w.run("runs", "--sandbox"),
                    w.run("report", "latest", "--sandbox", "--format", "json"), w.run("report", "latest", "--sandbox", "--format", "csv"),
                    w.run("report", "latest", "--sandbox", "--format", "html"));
        }
    }

    private static final Pattern BACKTICKED = Pattern.compile("`(listguard [^`\\n]+)`");
    /** Commands that change nothing a later step depends on: run as soon as they are printed. */
    private static final Pattern READ_ONLY = Pattern.compile(
            "listguard (status|report|runs|audit|blocks(?! clear)|suppression list|members show|egress(?! forget)|sandbox scenarios|bounces process)\\b.*");
    /** A placeholder in a printed command (PROVIDER, RUN…): a template for the reader, not a command to run. */
    private static final Pattern PLACEHOLDER = Pattern.compile("(^|\\s)[A-Z][A-Z_]{2,}(\\s|$)|…|\\.\\.\\.");

    private ScenarioStories() {}

    /** The README's scenario table: scenario → exit code, in the README's order. */
    static Map<String, Integer> readmeTable(String readme) {
        Map<String, Integer> table = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^\\| `([a-z-]+)` \\|.*\\| (\\d+) \\|$").matcher(readme);
        while (m.find()) table.put(m.group(1), Integer.parseInt(m.group(2)));
        return table;
    }

    static Story play(Path dir, String scenario, int readmeExit) throws IOException {
        Story s = new Story(scenario, readmeExit);
        Files.createDirectories(dir);
        s.world = new SandboxWorld(dir);
        s.first = s.world.send(scenario);
        s.afterFirst = Views.of(s.world);
        List<String> ordered = new ArrayList<>();
        collect(s, s.first, ordered);
        collect(s, s.afterFirst.statusText(), ordered);
        for (String c : ordered) {
            if (READ_ONLY.matcher(c).matches() && !c.contains(" -o ") && !PLACEHOLDER.matcher(c).find()) {
                s.ran.add(runPrinted(s.world, c));
            }
        }
        if (readmeExit != 0) {
            // "`./listguard blocks --sandbox` showed the remembered block in between" (README): its own printed commands follow
            s.ran.add(new Ran("listguard blocks --sandbox", List.of("listguard", "blocks", "--sandbox"), s.world.run("blocks", "--sandbox")));
            s.lift = s.world.run("sandbox", "lift");
            for (Ran r : List.copyOf(s.ran)) {
                if (!r.argv().get(1).equals("blocks")) continue;
                for (String c : commands(r.result().out())) {
                    s.printed.add(c);
                    if (c.startsWith("listguard blocks clear ")) s.cleared.add(runPrinted(s.world, c));
                }
            }
            List<String> fromLift = commands(s.lift.out() + s.lift.err());
            s.printed.addAll(fromLift);
            String resume = fromLift.stream().filter(c -> c.startsWith("listguard send ") && !c.contains("--resend-unconfirmed")).findFirst().orElse(null);
            if (resume != null) {
                s.resume = runPrinted(s.world, resume);
                for (String c : commands(s.resume.result().out() + s.resume.result().err())) {
                    s.printed.add(c);
                    if (c.contains("--resend-unconfirmed") && s.resendUnconfirmed == null) s.resendUnconfirmed = runPrinted(s.world, c);
                }
            }
        }
        s.afterResume = Views.of(s.world);
        s.second = s.world.send(scenario);
        return s;
    }

    private static void collect(Story s, Result r, List<String> ordered) {
        for (String c : commands(r.out() + "\n" + r.err())) {
            s.printed.add(c);
            if (!ordered.contains(c)) ordered.add(c);
        }
    }

    /** Every {@code `listguard …`} in a text, in order. */
    static List<String> commands(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = BACKTICKED.matcher(text);
        while (m.find()) out.add(m.group(1));
        return out;
    }

    static Ran runPrinted(SandboxWorld w, String printed) {
        List<String> argv = words(printed);
        return new Ran(printed, argv, w.runAsPrinted(argv.subList(1, argv.size())));
    }

    /** A command as a POSIX shell splits it: blanks separate words, single quotes keep them (as listguard quotes). */
    static List<String> words(String command) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean quoted = false, any = false;
        for (int i = 0; i < command.length(); i++) {
            char ch = command.charAt(i);
            if (quoted) {
                if (ch == '\'') quoted = false;
                else w.append(ch);
            } else if (ch == '\'') {
                quoted = true;
                any = true;
            } else if (ch == '\\' && i + 1 < command.length()) {
                w.append(command.charAt(++i));
                any = true;
            } else if (Character.isWhitespace(ch)) {
                if (any || w.length() > 0) out.add(w.toString());
                w.setLength(0);
                any = false;
            } else {
                w.append(ch);
            }
        }
        if (quoted) throw new AssertionError("unbalanced quote in a printed command: " + command);
        if (any || w.length() > 0) out.add(w.toString());
        return out;
    }

    /** The counts in status's shape from a status JSON. */
    static Map<String, Long> counts(JsonNode status) {
        Map<String, Long> m = new LinkedHashMap<>();
        status.get("counts").fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asLong()));
        return m;
    }
}
