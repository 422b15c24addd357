package org.listguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.events.RunRecord;
import org.listguard.journal.Journal;
import org.listguard.journal.JournalFixtures;
import org.listguard.journal.Run;
import org.listguard.journal.RunState;

/**
 * Issue 10, on a real terminal (tmux): {@code send} without {@code --yes} that would resume a
 * paused run shows why it stopped and what is left, and asks; answering no sends nothing and
 * leaves the run paused. Skipped when tmux is not installed.
 */
class ResumeOnTerminalTest {
    @TempDir
    Path dir;

    final String socket = "lg-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();

    @AfterEach
    void killServer() throws Exception {
        new ProcessBuilder("tmux", "-L", socket, "kill-server").redirectErrorStream(true).start().waitFor(10, TimeUnit.SECONDS);
    }

    @Test
    void aResumeOnATerminalShowsWhatIsLeftAndAsks() throws Exception {
        org.listguard.testing.Peers.requireExecutable(Path.of("/usr/bin/tmux"), "install Debian's tmux (scripts/install-peers)");
        Path cfg = SandboxExampleConfig.exampleConfig(dir);
        String journal = "jdbc:sqlite:" + dir.resolve("j.db");
        String runId;
        try (Journal j = Journal.open(journal, Clock.systemUTC())) {
            Run run = j.runs().create("monthly", null, false);
            j.addRecipients(run.id(), JournalFixtures.members(3));
            j.runEvents().append(run.id(), new RunRecord.Planned(0, 0));
            j.runs().setState(run.id(), RunState.PAUSED, "reputation: 554 from the relay", null);
            runId = run.id();
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cmd = String.join(" ", List.of(java, "-cp", System.getProperty("java.class.path"), "org.listguard.cli.Main", "send",
                "-c", cfg.toString(), "--sandbox", "--campaign", "monthly", "--journal", journal));
        Files.writeString(dir.resolve("run.sh"), "#!/bin/sh\n" + cmd + "\necho EXIT=$?\nsleep 60\n");
        dir.resolve("run.sh").toFile().setExecutable(true);
        tmux("new-session", "-d", "-x", "220", "-y", "60", dir.resolve("run.sh").toString());

        String screen = await("Send now? [y/N]");
        assertTrue(screen.contains("resume run " + runId + " (paused: reputation: 554 from the relay)"), screen);
        assertTrue(screen.contains("left to send: 3 pending"), screen);
        tmux("send-keys", "n", "Enter");
        screen = await("EXIT=");
        assertTrue(screen.contains("EXIT=0") && screen.contains("not confirmed"), screen);
        try (Journal j = Journal.open(journal, Clock.systemUTC())) {
            assertEquals(RunState.PAUSED, j.runs().get(runId).orElseThrow().state(), "nothing changed");
            assertEquals(3, j.runs().status(runId).orElseThrow().count("pending"), "nothing was sent");
        }
    }

    @Test
    void ctrlCAtTheQuestionExitsAtOnceWith130AndChangesNothing() throws Exception {
        org.listguard.testing.Peers.requireExecutable(Path.of("/usr/bin/tmux"), "install Debian's tmux (scripts/install-peers)");
        Path cfg = SandboxExampleConfig.exampleConfig(dir);
        String journal = "jdbc:sqlite:" + dir.resolve("j.db");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cmd = String.join(" ", List.of(java, "-cp", System.getProperty("java.class.path"), "org.listguard.cli.Main", "send",
                "-c", cfg.toString(), "--sandbox", "--campaign", "monthly", "--journal", journal));
        // the shell traps SIGINT (a trap, unlike an ignore, is not inherited) so that it lives on to print the exit code
        Files.writeString(dir.resolve("run.sh"), "#!/bin/bash\ntrap true INT\n" + cmd + "\necho EXIT=$?\nsleep 60\n");
        dir.resolve("run.sh").toFile().setExecutable(true);
        tmux("new-session", "-d", "-x", "220", "-y", "60", dir.resolve("run.sh").toString());

        await("Send now? [y/N]");
        tmux("send-keys", "C-c");
        String screen = await("EXIT=");
        assertTrue(screen.contains("EXIT=130") && screen.contains("SIGINT: stopped at the question; nothing was sent"), screen);
        try (Journal j = Journal.open(journal, Clock.systemUTC())) {
            assertTrue(j.runs().latest().isEmpty(), "no run was started");
        }
    }

    private String await(String text) throws Exception {
        Instant deadline = Instant.now().plusSeconds(90);
        String screen = "";
        while (Instant.now().isBefore(deadline)) {
            screen = capture();
            if (screen.contains(text)) return screen;
            TimeUnit.MILLISECONDS.sleep(100); // polling the terminal, not a timing assertion
        }
        throw new AssertionError("the terminal never showed '" + text + "':\n" + screen);
    }

    private String capture() throws Exception {
        Process p = new ProcessBuilder("tmux", "-L", socket, "capture-pane", "-p", "-J", "-S", "-200").start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(10, TimeUnit.SECONDS);
        return out;
    }

    private void tmux(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("tmux", "-L", socket));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), new String(p.getInputStream().readAllBytes()));
    }
}
