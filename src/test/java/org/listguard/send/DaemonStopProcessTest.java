package org.listguard.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.config.Config;
import org.listguard.deliver.sandbox.SandboxSmtpServer;
import org.listguard.journal.Journal;
import org.listguard.journal.RecipientStatus;
import org.listguard.journal.Run;
import org.listguard.journal.RunState;
import org.listguard.testing.TestDnsServer;

/**
 * Issue 10: SIGTERM to {@code listguard daemon} (SQLite journal) in the middle of a run: the run is
 * journaled interrupted with nothing in flight, the daemon says so and exits 143, and the next
 * daemon start resumes the run from the journal; nobody is received twice.
 */
class DaemonStopProcessTest {
    @TempDir
    Path dir;

    @Test
    void sigtermMidRunInterruptsTheRunAndTheNextDaemonStartResumesIt() throws Exception {
        int members = 40;
        SendFixture f = new SendFixture(dir);
        f.members(members);
        try (TestDnsServer dns = TestDnsServer.start(SendFixture.WORLD);
             SandboxSmtpServer relay = SandboxSmtpServer.start(dir.resolve("received"), Clock.systemUTC())) {
            Config c = f.config(f.yaml(4, "", "isp " + relay.port()).replace("batch_pause: 0s", "batch_pause: 200ms")
                    .replace("    template: " + dir + "/news\n", "    template: " + dir + "/news\n    schedule: \"0 0 9 1 * ?\"\n"));
            org.listguard.compose.TokenKeys.init(org.listguard.compose.TokenKeys.file(c)); // `keys init`: a daemon never makes the key
            Process first = daemon(dns.hostPort(), "first.log", "--run-now", "monthly");
            Instant deadline = Instant.now().plusSeconds(60);
            while (relay.accepted() < 10 && first.isAlive() && Instant.now().isBefore(deadline)) {
                first.waitFor(20, TimeUnit.MILLISECONDS);
            }
            assertTrue(first.isAlive(), "running when signalled: " + log("first.log"));
            first.destroy(); // SIGTERM
            assertTrue(first.waitFor(60, TimeUnit.SECONDS), "the daemon stopped");
            String said = log("first.log");
            assertEquals(143, first.exitValue(), said);
            assertTrue(said.contains("interrupted by SIGTERM") && said.contains("stopped by SIGTERM"), said);
            int before = relay.accepted();
            assertTrue(before < members, "stopped mid-run");
            try (Journal j = Journal.open(c.journal().url(), Clock.systemUTC())) {
                Run run = j.runs().latest().orElseThrow();
                assertEquals(RunState.INTERRUPTED, run.state());
                Map<RecipientStatus, Integer> byStatus = new HashMap<>();
                j.recipients(run.id(), row -> byStatus.merge(row.status(), 1, Integer::sum));
                assertEquals(null, byStatus.get(RecipientStatus.SENDING), "nobody left in flight");
            }

            Process second = daemon(dns.hostPort(), "second.log");
            deadline = Instant.now().plusSeconds(90);
            while (relay.accepted() < members && second.isAlive() && Instant.now().isBefore(deadline)) {
                second.waitFor(50, TimeUnit.MILLISECONDS);
            }
            try (Journal j = Journal.open(c.journal().url(), Clock.systemUTC())) {
                for (int i = 0; i < 100 && j.runs().latest().orElseThrow().state() != RunState.COMPLETED; i++) {
                    second.waitFor(50, TimeUnit.MILLISECONDS);
                }
                assertEquals(RunState.COMPLETED, j.runs().latest().orElseThrow().state(), log("second.log"));
            }
            second.destroy();
            assertTrue(second.waitFor(60, TimeUnit.SECONDS));
            assertTrue(log("second.log").contains("resuming it"), "the start-up sweep resumed the run: " + log("second.log"));
            Map<String, Integer> received = new HashMap<>();
            for (String r : SendFixture.recipientsOf(relay.messages())) received.merge(r, 1, Integer::sum);
            assertEquals(members, received.size(), "everyone received it");
            assertTrue(received.values().stream().allMatch(n -> n == 1), "nobody twice: " + received);
        }
    }

    private String log(String name) throws Exception {
        Path p = dir.resolve(name);
        return Files.exists(p) ? Files.readString(p) : "";
    }

    private Process daemon(String dnsHostPort, String logName, String... extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.listguard.cli.Main", "daemon",
                "-c", dir.resolve("listguard.yaml").toString(), "--zone", "UTC", "--dns", dnsHostPort));
        cmd.addAll(List.of(extra));
        return new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(dir.resolve(logName).toString()))).start();
    }
}
