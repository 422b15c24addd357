package org.listguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real `send --sandbox` in an 80-column tmux pane (a real terminal): the progress line is redrawn
 * in place on one line that never wraps, shows the batch and counts down between batches, and the
 * result starts on a fresh line. Skipped where tmux is not installed.
 */
class ProgressTmuxTest {
    @TempDir
    Path dir;

    private final String session = "lg-progress-" + ProcessHandle.current().pid();

    @AfterEach
    void killSession() throws Exception {
        tmux("kill-session", "-t", session);
    }

    private static String tmux(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("tmux", "-L", "listguard-test"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(20, TimeUnit.SECONDS);
        return out;
    }

    @Test
    void theProgressLineStaysOnOneLineWithinEightyColumns() throws Exception {
        org.listguard.testing.Peers.requireExecutable(Path.of("/usr/bin/tmux"), "install Debian's tmux (scripts/install-peers)");
        Path root = Path.of("").toAbsolutePath();
        Files.createSymbolicLink(dir.resolve("sandbox"), root.resolve("config/sandbox"));
        String yaml = Files.readString(Path.of("config/listguard.yaml"));
        yaml = org.listguard.testing.ExampleConfig.withAbsolutePaths(yaml);
        // 3 batches of 4, 3 min apart: 3 s in the sandbox (60x faster), long enough for a countdown
        yaml = yaml.replaceFirst("batch_size: \\d+", "batch_size: 4").replaceFirst("batch_pause: \\w+", "batch_pause: 3m");
        Path cfg = dir.resolve("listguard.yaml");
        Files.writeString(cfg, yaml);
        Path script = dir.resolve("run.sh");
        Files.writeString(script, "#!/bin/sh\ncd '" + dir + "'\n'" + Path.of(System.getProperty("java.home"), "bin", "java") + "' -cp '"
                + System.getProperty("java.class.path") + "' org.listguard.cli.Main send --sandbox -c '" + cfg + "' --campaign monthly --yes --journal 'jdbc:sqlite:"
                + dir.resolve("j.db") + "'\necho \"EXIT=$?\"\nsleep 120\n");
        script.toFile().setExecutable(true);

        tmux("new-session", "-d", "-s", session, "-x", "80", "-y", "40", script.toString());
        boolean sawCountdown = false;
        String screen = "";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            screen = tmux("capture-pane", "-p", "-J", "-t", session);
            sawCountdown |= screen.contains("next batch in");
            if (screen.contains("EXIT=")) break;
            Thread.onSpinWait();
            TimeUnit.MILLISECONDS.sleep(100); // polling the pane, not timing the program
        }
        assertTrue(screen.contains("EXIT=0"), screen);
        List<String> lines = screen.lines().toList();
        long bars = lines.stream().filter(l -> l.contains("/12") && l.contains("batch ")).count();
        for (String l : lines) {
            if (l.contains("/12")) assertTrue(l.length() < 80, "the progress line never wraps (-J joins wrapped lines): [" + l + "]");
        }
        assertEquals(1, bars, "one progress line, redrawn in place:\n" + screen);
        String bar = lines.stream().filter(l -> l.startsWith("[#")).findFirst().orElseThrow();
        assertTrue(bar.contains("12/12") && bar.contains("batch 3/3"), bar);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("run ") && l.contains("completed: 12 accepted")), "the result on a fresh line:\n" + screen);
        assertTrue(sawCountdown, "a countdown between batches was shown");
        Files.writeString(Path.of("target", "progress-tmux-screen.txt"), screen);
    }
}
