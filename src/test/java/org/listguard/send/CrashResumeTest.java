package org.listguard.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
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
import org.listguard.testing.TestDnsServer;

/**
 * DESIGN invariant 2, proven the hard way: {@code listguard send} runs in its own JVM, is killed
 * with SIGKILL in the middle of the run, and the next {@code send} resumes. Every member is
 * received exactly once, except a member whose transaction was cut (journaled {@code unknown}),
 * who is received at most once and is not re-sent.
 */
class CrashResumeTest {
    @TempDir
    Path dir;

    @Test
    void aSendKilledMidRunResumesAndNobodyIsSentTwice() throws Exception {
        int members = 40;
        SendFixture f = new SendFixture(dir);
        f.members(members);
        try (TestDnsServer dns = TestDnsServer.start(SendFixture.WORLD);
             SandboxSmtpServer relay = SandboxSmtpServer.start(dir.resolve("received"), Clock.systemUTC())) {
            // Batches of 4, 200 ms apart: about two seconds of sending, killed after 12 messages.
            f.config(f.yaml(4, "", "isp " + relay.port()).replace("batch_pause: 0s", "batch_pause: 200ms"));
            Process child = sendInAnotherJvm(dns.hostPort());
            Instant deadline = Instant.now().plusSeconds(60);
            while (relay.accepted() < 12 && child.isAlive() && Instant.now().isBefore(deadline)) {
                child.waitFor(20, TimeUnit.MILLISECONDS);
            }
            assertTrue(child.isAlive(), "the send was still running when it was to be killed (exit " + (child.isAlive() ? "" : child.exitValue()) + ")");
            child.destroyForcibly(); // SIGKILL on Linux
            child.waitFor(30, TimeUnit.SECONDS);
            int beforeResume = relay.accepted();
            assertTrue(beforeResume < members, "killed mid-run");

            Process resumed = sendInAnotherJvm(dns.hostPort());
            assertTrue(resumed.waitFor(120, TimeUnit.SECONDS), "the resumed send finished");
            assertEquals(0, resumed.exitValue(), "resumed send exit code; log: " + dir.resolve("send.log"));

            Config c = f.config(f.yaml(4, "", "isp " + relay.port()));
            Map<String, RecipientStatus> journaled = new HashMap<>();
            try (Journal j = Journal.open(c.journal().url(), Clock.systemUTC())) {
                String run = j.runs().latest().orElseThrow().id();
                j.recipients(run, row -> journaled.put(row.email(), row.status()));
            }
            Map<String, Integer> received = new HashMap<>();
            for (String r : SendFixture.recipientsOf(relay.messages())) received.merge(r, 1, Integer::sum);
            for (var e : journaled.entrySet()) {
                int times = received.getOrDefault(e.getKey(), 0);
                if (e.getValue() == RecipientStatus.UNKNOWN) {
                    assertTrue(times <= 1, e.getKey() + " (unknown) received " + times + " times");
                } else {
                    assertEquals(RecipientStatus.ACCEPTED, e.getValue(), e.getKey());
                    assertEquals(1, times, e.getKey() + " received exactly once");
                }
            }
            assertEquals(members, journaled.size());
            assertTrue(journaled.values().stream().filter(s -> s == RecipientStatus.UNKNOWN).count() <= 1,
                    "at most the one transaction in flight is unknown");
        }
    }

    private Process sendInAnotherJvm(String dnsHostPort) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.listguard.cli.Main", "send",
                "-c", dir.resolve("listguard.yaml").toString(), "--campaign", "monthly", "--yes", "--dns", dnsHostPort));
        return new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(dir.resolve("send.log").toString()))).start();
    }
}
