package org.listguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.journal.JournalFixtures;
import org.listguard.journal.Run;
import org.listguard.report.Json;

/** The command line's conventions, through the real CommandLine: help at any depth, suggestions, completion, man, config. */
class CliConventionsTest {
    @TempDir
    Path dir;

    StringWriter out;
    StringWriter err;

    int run(Map<String, String> vars, String... args) {
        out = new StringWriter();
        err = new StringWriter();
        Environment env = new Environment(new JournalFixtures.MutableClock(Instant.parse("2026-11-01T09:00:00Z")), vars,
                new PrintWriter(out, true), new PrintWriter(err, true), false);
        return Main.run(env, args);
    }

    int run(String... args) {
        return run(Map.of(), args);
    }

    @Test
    void helpShowsTheSubcommandNotItsGroup() {
        assertEquals(0, run("help", "bounces", "classify"));
        assertTrue(out.toString().contains("Usage: listguard bounces classify"), out.toString());
        assertFalse(out.toString().contains("Usage: listguard bounces [-hV] [COMMAND]"), "not the group's page");
        assertEquals(0, run("help", "schedule", "list"));
        assertTrue(out.toString().contains("Usage: listguard schedule list"), out.toString());
    }

    @Test
    void everyCommandHasAHelpPageWhoseSummaryEndsAtASentence() {
        assertEquals(0, run("--help"));
        String list = out.toString();
        for (String c : new String[] {"audit", "send", "status", "runs", "report", "bounces", "suppression", "daemon", "schedule", "config",
            "completion", "man"}) {
            assertEquals(0, run("help", c), c + ": " + err);
            assertTrue(out.toString().contains("Usage: listguard " + c), out.toString());
            assertTrue(list.contains("  " + c + " "), "in the command list: " + c);
        }
        var root = Main.commandLine(new Environment(null, Map.of(), new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), false));
        root.getSubcommands().values().forEach(sub -> {
            String[] header = sub.getCommandSpec().usageMessage().header();
            assertTrue(header.length == 1 && header[0].endsWith("."), sub.getCommandName() + " has a one-sentence summary: " + String.join("|", header));
        });
        assertParagraphs(root);
    }

    /** Help text is whole paragraphs that wrap at the terminal's width, never a source line break mid-sentence. */
    private static void assertParagraphs(picocli.CommandLine cl) {
        for (String p : cl.getCommandSpec().usageMessage().description()) {
            assertTrue(p.matches("(?s).*[.:!?]$"), cl.getCommandSpec().qualifiedName() + ": a paragraph that ends mid-sentence: " + p);
        }
        cl.getSubcommands().values().forEach(CliConventionsTest::assertParagraphs);
    }

    @Test
    void aMistypedCommandGetsASuggestion() {
        assertEquals(2, run("sned", "--campaign", "monthly"));
        assertTrue(err.toString().contains("Did you mean 'send'?"), err.toString());
        assertEquals(2, run("bounces", "clasify"));
        assertTrue(err.toString().contains("Did you mean 'bounces classify'?"), err.toString());
    }

    @Test
    void aMistypedOptionGetsASuggestion() {
        assertEquals(2, run("send", "--campain", "monthly"));
        assertTrue(err.toString().contains("Did you mean '--campaign'?"), err.toString());
        assertTrue(err.toString().contains("Try 'listguard help send' for usage."), err.toString());
    }

    @Test
    void theUsageHintOfTheRootCommandHasNoDanglingSpace() {
        assertEquals(2, run());
        assertTrue(err.toString().contains("Try 'listguard help' for usage."), err.toString());
    }

    @Test
    void theCompletionScriptRegistersListguardInBash() throws Exception {
        assertEquals(0, run("completion"));
        Path script = dir.resolve("listguard-completion.bash");
        Files.writeString(script, out.toString());
        Process p = new ProcessBuilder("bash", "-c", "source \"$1\" && complete -p listguard", "bash", script.toString())
                .redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), said);
        assertTrue(said.matches("(?s)complete .*listguard\\s*"), said);
        assertTrue(out.toString().contains("runs") && out.toString().contains("--campaign"), "commands and options are completed");
    }

    /** `completion bash` (as the README says) offers the config's campaigns and the sandbox's scenarios (issue 19). */
    @Test
    void completionBashOffersCampaignAndScenarioNames() throws Exception {
        assertEquals(0, run("completion", "bash", "-c", "config/listguard.yaml"));
        Path script = dir.resolve("listguard-completion-names.bash");
        Files.writeString(script, out.toString());
        String[] words = {"send --scenario ", "send --campaign "};
        String[] expect = {"receiver-block", "monthly"};
        for (int i = 0; i < words.length; i++) {
            String line = "listguard " + words[i];
            String prog = "source \"$1\"; COMP_LINE=\"$2\"; COMP_POINT=${#COMP_LINE}; read -ra COMP_WORDS <<< \"$2\"; COMP_WORDS+=(\"\");"
                    + " COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); _complete_listguard listguard \"\" \"${COMP_WORDS[COMP_CWORD-1]}\";"
                    + " echo \"${COMPREPLY[@]}\"";
            Process p = new ProcessBuilder("bash", "-c", prog, "bash", script.toString(), line).redirectErrorStream(true).start();
            String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertTrue(said.contains(expect[i]), line + " -> " + said);
        }
        out.getBuffer().setLength(0);
        assertEquals(0, run("completion", "zsh", "-c", "config/listguard.yaml"));
        assertTrue(out.toString().startsWith("autoload -U +X compinit"), "zsh loads bashcompinit itself");
    }

    @Test
    void theManPageIsGeneratedAtBuildTimeAndPrinted() throws Exception {
        Path built = Path.of("target/classes/org/listguard/cli/man/listguard.adoc");
        assertTrue(Files.exists(built), "generated in process-classes by ManPageGenerator: " + built);
        assertEquals(0, run("man", "--asciidoc"));
        String page = out.toString();
        assertTrue(page.contains("= listguard(1)"), page.substring(0, Math.min(400, page.length())));
        for (String c : new String[] {"listguard-send(1)", "listguard-runs(1)", "listguard-bounces-classify(1)", "listguard-config-show(1)"}) {
            assertTrue(page.contains("= " + c), "a section for " + c);
        }
        assertTrue(page.contains("--campaign"), "options documented");
    }

    @Test
    void theTroffPageRendersWithMan() throws Exception {
        org.listguard.testing.Peers.requireExecutable(Path.of("/usr/bin/man"), "install Debian's man-db (scripts/install-peers)");
        assertEquals(0, run("man"), "troff is the default: `listguard man | man -l -` (issue 19)");
        assertFalse(out.toString().contains("// tag::"), "no AsciiDoc in the man page");
        Path page = dir.resolve("listguard.1");
        Files.writeString(page, out.toString());
        ProcessBuilder pb = new ProcessBuilder("man", "-l", page.toString()).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("MANPAGER", "cat");
        pb.environment().put("MANWIDTH", "80");
        Process p = pb.start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), text);
        assertTrue(text.contains("LISTGUARD(1)") && text.contains("EXIT STATUS") && text.contains("listguard bounces classify")
                && text.contains("-c, --config FILE"), text);
        assertFalse(text.contains("\\fR"), "no raw troff escapes: " + text);
    }

    @Test
    void configShowPrintsTheEffectiveConfigWithTheJournalPasswordMasked() {
        assertEquals(0, run("config", "show", "-c", "config/listguard.yaml", "--journal",
                "jdbc:postgresql://db.example/listguard?user=lg&password=s3cret", "--dns", "127.0.0.1:5353", "--format", "json"));
        assertFalse(out.toString().contains("s3cret"), out.toString());
        JsonNode n = parse(out.toString());
        assertEquals("jdbc:postgresql://db.example/listguard?user=lg&password=***", n.get("journal").get("url").asText());
        assertEquals("-c", n.get("found_by").asText());
        assertEquals("LISTGUARD_SMTP_PASSWORD", n.get("relays").get(0).get("auth").get("password_env").asText(), "references are shown");
        assertTrue(n.get("dns").get("resolvers").toString().contains("5353"), "overrides applied: " + n.get("dns"));
        assertEquals("1m", n.get("throttle").get("batch_pause").asText(), "durations in the config's own notation");
    }

    @Test
    void configShowPrintsYamlByDefault() {
        assertEquals(0, run("config", "show", "-c", "config/listguard.yaml"));
        String yaml = out.toString();
        assertTrue(yaml.startsWith("file: config/listguard.yaml\nfound_by: -c\n"), yaml);
        assertTrue(yaml.contains("\nthrottle:\n  batch_size: 100\n"), yaml);
        assertFalse(yaml.contains("source"), "no internals: " + yaml);
    }

    @Test
    void theConfigIsFoundThroughListguardConfig() throws Exception {
        Path cfg = Files.writeString(dir.resolve("elsewhere.yaml"),
                org.listguard.testing.ExampleConfig.withAbsolutePaths(Files.readString(Path.of("config/listguard.yaml"))));
        assertEquals(0, run(Map.of("LISTGUARD_CONFIG", cfg.toString()), "config", "show", "--format", "json"));
        JsonNode n = parse(out.toString());
        assertEquals(cfg.toString(), n.get("file").asText());
        assertEquals("LISTGUARD_CONFIG", n.get("found_by").asText());
    }

    @Test
    void aMissingConfigSaysWhereListguardLooked() {
        Path missing = dir.resolve("nope.yaml");
        assertEquals(2, run(Map.of("LISTGUARD_CONFIG", missing.toString()), "config", "show"));
        String e = err.toString();
        assertTrue(e.contains(missing.toString()) && e.contains("LISTGUARD_CONFIG") && e.contains("-c FILE")
                && e.contains("./config/listguard.yaml") && e.contains("/etc/listguard/listguard.yaml"), e);
    }

    @Test
    void scheduleListHasJson() {
        assertEquals(0, run("schedule", "list", "-c", "config/listguard.yaml", "--zone", "UTC", "--next", "2", "--format", "json"));
        JsonNode n = parse(out.toString());
        assertEquals("UTC", n.get("zone").asText());
        JsonNode monthly = n.get("campaigns").get(0);
        assertEquals("monthly", monthly.get("campaign").asText());
        assertEquals("0 0 9 1 * ?", monthly.get("cron").asText());
        assertEquals("2026-12-01T09:00:00Z", monthly.get("next").get(0).asText());
        assertEquals(2, monthly.get("next").size());
    }

    @Test
    void runsListsRunsNewestFirstAndLatestNamesTheNewest() {
        JournalCliFixture f = new JournalCliFixture(dir);
        Run first = ReportRuns.completed(f);
        f.clock.advance(java.time.Duration.ofHours(1));
        Run second = ReportRuns.paused(f);
        assertEquals(0, run("runs", "--journal", f.url));
        String text = out.toString();
        assertTrue(text.indexOf(second.id()) > 0 && text.indexOf(second.id()) < text.indexOf(first.id()), text);
        assertTrue(text.contains("paused") && text.contains("completed"), text);

        assertEquals(0, run("runs", "--journal", f.url, "--format", "json"));
        JsonNode runs = parse(out.toString());
        assertEquals(2, runs.size());
        assertEquals(second.id(), runs.get(0).get("run").asText());
        assertEquals(9, runs.get(1).get("accepted").asInt());
        assertEquals(1, runs.get(0).get("refused").asInt());

        assertEquals(0, run("runs", "--journal", f.url, "--format", "json", "-n", "1"));
        assertEquals(1, parse(out.toString()).size(), "--limit");

        assertEquals(0, run("runs", "--journal", f.url, "--campaign", "weekly"));
        assertTrue(out.toString().contains("No runs of campaign weekly"), out.toString());

        assertEquals(0, run("status", "latest", "--journal", f.url, "--format", "json"));
        assertEquals(second.id(), parse(out.toString()).get("run").asText());
        assertEquals(0, run("report", "latest", "--journal", f.url, "--format", "json"));
        assertEquals(second.id(), parse(out.toString()).get("run").asText());
    }

    private static JsonNode parse(String s) {
        try {
            return Json.mapper().readTree(s);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + s, e);
        }
    }
}
