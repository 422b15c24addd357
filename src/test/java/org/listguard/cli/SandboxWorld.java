package org.listguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.listguard.report.Json;

/**
 * The example config in a temporary directory with the shipped sandbox world next to it and a
 * journal of its own, run through the real command line ({@link Main#run}): what a user types,
 * with {@code --journal} so that runs, lift marker and return path stay in the directory.
 */
final class SandboxWorld {
    record Result(int code, String out, String err) {
        JsonNode json() {
            try {
                return Json.mapper().readTree(out);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + out + " " + err, e);
            }
        }

        @Override
        public String toString() { return "exit " + code + "\n" + out + "\n" + err; }
    }

    final Path dir;
    final Path config;
    final String journal;

    SandboxWorld(Path dir) throws IOException {
        this.dir = dir;
        Path root = Path.of("").toAbsolutePath();
        Files.createSymbolicLink(dir.resolve("sandbox"), root.resolve("config/sandbox"));
        String yaml = Files.readString(root.resolve("config/listguard.yaml"));
        yaml = org.listguard.testing.ExampleConfig.withAbsolutePaths(yaml);
        this.config = dir.resolve("listguard.yaml");
        Files.writeString(config, yaml);
        this.journal = "jdbc:sqlite:" + dir.resolve("j.db");
    }

    /** A command with {@code -c} and {@code --journal} of this world appended. */
    Result run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("-c", config.toString(), "--journal", journal));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Environment env = new Environment(Clock.systemUTC(), Map.of(), new PrintWriter(out, true), new PrintWriter(err, true), false);
        int code = Main.run(env, all.toArray(String[]::new));
        return new Result(code, out.toString(), err.toString());
    }

    /** A command exactly as given (as listguard printed it), nothing appended. */
    Result runAsPrinted(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Environment env = new Environment(Clock.systemUTC(), Map.of(), new PrintWriter(out, true), new PrintWriter(err, true), false);
        int code = Main.run(env, args.toArray(String[]::new));
        return new Result(code, out.toString(), err.toString());
    }

    Result send(String scenario) {
        return scenario == null ? run("send", "--sandbox", "--campaign", "monthly", "--yes")
                : run("send", "--sandbox", "--scenario", scenario, "--campaign", "monthly", "--yes");
    }

    JsonNode status() {
        return run("status", "--sandbox", "--format", "json").json();
    }

    /** Recipient of every message the sandbox relay delivered (kept in the run's directory), in order. */
    List<String> delivered() throws IOException {
        List<String> rcpts = new ArrayList<>();
        try (Stream<Path> runs = Files.list(dir)) {
            for (Path run : runs.filter(p -> Files.isDirectory(p) && p.getFileName().toString().matches("\\d{8}-\\d{6}-.*")).toList()) {
                try (Stream<Path> files = Files.list(run)) {
                    for (Path f : files.filter(p -> p.toString().contains(".eml")).sorted().toList()) {
                        String head = Files.readString(f).lines().filter(l -> l.startsWith("X-Envelope-To: <")).findFirst().orElseThrow();
                        rcpts.add(head.substring("X-Envelope-To: <".length(), head.length() - 1));
                    }
                }
            }
        }
        return rcpts;
    }
}
