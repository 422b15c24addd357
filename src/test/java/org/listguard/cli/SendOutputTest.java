package org.listguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.report.Json;

/** `send` for scripts and log tools: --format json on stdout, one log line per event and per recipient on stderr. */
class SendOutputTest {
    @TempDir
    Path dir;

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    @AfterEach
    void textLogsAgain() {
        LogStyle.use(LogStyle.TEXT);
    }

    private Path config() throws Exception {
        Path root = Path.of("").toAbsolutePath();
        Files.createSymbolicLink(dir.resolve("sandbox"), root.resolve("config/sandbox"));
        String yaml = Files.readString(Path.of("config/listguard.yaml"));
        yaml = org.listguard.testing.ExampleConfig.withAbsolutePaths(yaml);
        Path cfg = dir.resolve("listguard.yaml");
        Files.writeString(cfg, yaml);
        return cfg;
    }

    private int send(String... extra) throws Exception {
        Environment env = new Environment(Clock.systemUTC(), Map.of(), new PrintWriter(out, true), new PrintWriter(err, true), false);
        List<String> args = new java.util.ArrayList<>(List.of("send", "--sandbox", "-c", config().toString(), "--campaign", "monthly", "--yes",
                "--journal", "jdbc:sqlite:" + dir.resolve("j.db")));
        args.addAll(List.of(extra));
        return Main.run(env, args.toArray(String[]::new));
    }

    @Test
    void sendFormatJsonPrintsOnlyTheResultOnStdoutAndJsonLogLinesOnStderr() throws Exception {
        assertEquals(0, send("--format", "json", "--log-format", "json"), out + " " + err);
        JsonNode r = Json.mapper().readTree(out.toString());
        assertEquals("completed", r.get("result").asText());
        assertEquals(0, r.get("exit_code").asInt());
        assertEquals(12, r.get("counts").get("accepted").asInt());
        assertTrue(r.get("run").asText().endsWith("-monthly"), r.toString());

        List<String> lines = err.toString().lines().toList();
        int recipients = 0;
        for (String line : lines) {
            JsonNode n = Json.mapper().readTree(line); // every line is one JSON object
            assertTrue(n.get("ts").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), line);
            if (n.has("rcpt")) {
                recipients++;
                assertEquals("accepted", n.get("status").asText());
                assertEquals(250, n.get("code").asInt());
                assertEquals("2.0.0", n.get("dsn").asText());
            }
        }
        assertEquals(12, recipients, "one line per recipient outcome: " + err);
    }

    @Test
    void withoutATerminalEveryLogLineIsOneKeyValueLine() throws Exception {
        assertEquals(0, send(), out + " " + err);
        List<String> lines = err.toString().lines().toList();
        assertFalse(lines.isEmpty());
        for (String line : lines) {
            assertTrue(line.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z level=(info|warn|debug|error) \\S.*"), "one key=value line: " + line);
        }
        assertEquals(12, lines.stream().filter(l -> l.contains(" rcpt=") && l.contains(" status=accepted code=250 dsn=2.0.0 ")).count(), err.toString());
        assertTrue(lines.stream().anyMatch(l -> l.contains("event=progress") && l.contains("batch=1/1")), err.toString());
        assertTrue(out.toString().contains("Verdict: GO"), "the audit summary goes to stdout for people: " + out);
        assertTrue(out.toString().contains("completed: 12 accepted"), out.toString());
    }
}
