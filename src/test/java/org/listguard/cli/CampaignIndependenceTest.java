package org.listguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10: a campaign's broken list is an error for that campaign only; and a completed campaign
 * is not sent again without --again. Through the real command line, on the sandbox.
 */
class CampaignIndependenceTest {
    @TempDir
    Path dir;

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        Environment env = new Environment(Clock.systemUTC(), Map.of(), new PrintWriter(out, true), new PrintWriter(err, true), false);
        return Main.run(env, args);
    }

    /** The example config, absolute paths, plus a campaign "weekly" whose list does not exist. */
    Path config() throws Exception {
        String yaml = Files.readString(Path.of("config/listguard.yaml"));
        Path root = Path.of("").toAbsolutePath();
        yaml = org.listguard.testing.ExampleConfig.withAbsolutePaths(yaml);
        yaml = yaml.replace("\njournal:", "  weekly:\n    list: " + dir.resolve("missing.csv") + "\n    template: "
                + root.resolve("templates/newsletter") + "\n    schedule: \"0 0 8 ? * MON\"\n\njournal:");
        Path cfg = dir.resolve("listguard.yaml");
        Files.writeString(cfg, yaml);
        Files.createDirectories(dir.resolve("sandbox"));
        try (var files = Files.list(Path.of("config/sandbox"))) {
            for (Path p : files.toList()) Files.copy(p, dir.resolve("sandbox").resolve(p.getFileName()));
        }
        return cfg;
    }

    @Test
    void aBrokenSecondCampaignLeavesTheFirstWorking() throws Exception {
        String cfg = config().toString();
        String journal = "jdbc:sqlite:" + dir.resolve("j.db");

        assertEquals(2, run("send", "-c", cfg, "--sandbox", "--campaign", "weekly", "--yes", "--journal", journal));
        assertTrue(err.toString().contains("campaigns.weekly.list") && err.toString().contains("missing.csv"), err.toString());

        assertEquals(0, run("schedule", "list", "-c", cfg, "--zone", "UTC"), err.toString());
        assertTrue(out.toString().contains("monthly") && out.toString().contains("next:"), out.toString());
        assertTrue(out.toString().lines().anyMatch(l -> l.startsWith("weekly") && l.contains("ERROR") && l.contains("missing.csv")),
                out.toString());

        assertEquals(0, run("audit", "-c", cfg, "--sandbox", "--campaign", "monthly"), err.toString());
        assertEquals(0, run("send", "-c", cfg, "--sandbox", "--campaign", "monthly", "--yes", "--journal", journal), err.toString());
        assertTrue(out.toString().contains("completed: 12 accepted"), out.toString());
    }

    @Test
    void aSecondSendOfACompletedCampaignIsRefusedAndAgainSends() throws Exception {
        String cfg = config().toString();
        String journal = "jdbc:sqlite:" + dir.resolve("j.db");
        assertEquals(0, run("send", "-c", cfg, "--sandbox", "--campaign", "monthly", "--yes", "--journal", journal), err.toString());
        String firstRun = out.toString().replaceAll("(?s).*run (\\S+) completed.*", "$1");

        assertEquals(3, run("send", "-c", cfg, "--sandbox", "--campaign", "monthly", "--yes", "--journal", journal));
        assertTrue(out.toString().contains("already has run " + firstRun) && out.toString().contains("--again"), out + " " + err);

        assertEquals(0, run("send", "-c", cfg, "--sandbox", "--campaign", "monthly", "--yes", "--again", "--journal", journal),
                err.toString());
        assertTrue(out.toString().contains("completed: 12 accepted"), out.toString());
    }
}
