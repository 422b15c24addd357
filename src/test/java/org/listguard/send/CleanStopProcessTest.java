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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.config.Config;
import org.listguard.deliver.sandbox.SandboxSmtpServer;
import org.listguard.journal.Journal;
import org.listguard.journal.Run;
import org.listguard.journal.RunState;
import org.listguard.journal.RecipientStatus;
import org.listguard.testing.TestDnsServer;

/**
 * Issue 10, clean stop: {@code listguard send} in its own JVM gets SIGTERM or SIGINT mid-run. It
 * finishes the transaction in flight, journals the run {@code interrupted} with no recipient left
 * in flight, says in one line what happened and how to resume, and exits 143 / 130. The next
 * {@code send} resumes it and nobody is received twice.
 */
class CleanStopProcessTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} mid-run")
    @CsvSource({"TERM, 143", "INT, 130"})
    void aSignalMidRunStopsCleanlyAndTheNextSendResumes(String signal, int exitCode) throws Exception {
        int members = 40;
        SendFixture f = new SendFixture(dir);
        f.members(members);
        try (TestDnsServer dns = TestDnsServer.start(SendFixture.WORLD);
             SandboxSmtpServer relay = SandboxSmtpServer.start(dir.resolve("received"), Clock.systemUTC())) {
            Config c = f.config(f.yaml(4, "", "isp " + relay.port()).replace("batch_pause: 0s", "batch_pause: 200ms"));
            Process child = send(dns.hostPort(), "first.log");
            Instant deadline = Instant.now().plusSeconds(60);
            while (relay.accepted() < 10 && child.isAlive() && Instant.now().isBefore(deadline)) {
                child.waitFor(20, TimeUnit.MILLISECONDS);
            }
            assertTrue(child.isAlive(), "still sending when signalled; log: " + log("first.log"));
            assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(child.pid())).start().waitFor());
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "stopped after the signal");

            String said = log("first.log");
            assertEquals(exitCode, child.exitValue(), said);
            assertTrue(said.contains("interrupted by SIG" + signal) && said.matches("(?s).*Resume with: listguard send .*--campaign monthly.*"),
                    "one line says what happened and how to resume: " + said);
            int beforeResume = relay.accepted();
            assertTrue(beforeResume < members, "stopped mid-run");
            try (Journal j = Journal.open(c.journal().url(), Clock.systemUTC())) {
                Run run = j.runs().latest().orElseThrow();
                assertEquals(RunState.INTERRUPTED, run.state());
                Map<RecipientStatus, Integer> byStatus = new HashMap<>();
                j.recipients(run.id(), row -> byStatus.merge(row.status(), 1, Integer::sum));
                assertEquals(null, byStatus.get(RecipientStatus.SENDING), "nobody left in flight");
                assertEquals(null, byStatus.get(RecipientStatus.UNKNOWN), "the transaction in flight was finished, not cut");
                assertEquals(beforeResume, byStatus.getOrDefault(RecipientStatus.ACCEPTED, 0), "journal matches the relay");
                assertEquals(org.listguard.journal.LockResult.Acquired.class, lockFree(j), "the lock was released");
            }

            Process resumed = send(dns.hostPort(), "resume.log");
            assertTrue(resumed.waitFor(120, TimeUnit.SECONDS), "the resumed send finished");
            assertEquals(0, resumed.exitValue(), log("resume.log"));
            assertTrue(log("resume.log").contains("(was interrupted: interrupted by SIG" + signal + ")"), log("resume.log"));
            Map<String, Integer> received = new HashMap<>();
            for (String r : SendFixture.recipientsOf(relay.messages())) received.merge(r, 1, Integer::sum);
            assertEquals(members, received.size(), "everyone received it");
            assertTrue(received.values().stream().allMatch(n -> n == 1), "nobody twice: " + received);
        }
    }

    private static Class<?> lockFree(Journal j) {
        var l = j.runs().lock("monthly");
        if (l instanceof org.listguard.journal.LockResult.Acquired a) a.close();
        return l.getClass();
    }

    private String log(String name) throws Exception {
        Path p = dir.resolve(name);
        return Files.exists(p) ? Files.readString(p) : "";
    }

    private Process send(String dnsHostPort, String logName) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.listguard.cli.Main", "send",
                "-c", dir.resolve("listguard.yaml").toString(), "--campaign", "monthly", "--yes", "--dns", dnsHostPort));
        return new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(dir.resolve(logName).toString()))).start();
    }
}
