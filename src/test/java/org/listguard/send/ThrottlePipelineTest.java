package org.listguard.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.events.Journaled;
import org.listguard.events.RunRecord;
import org.listguard.config.Config;
import org.listguard.deliver.sandbox.SandboxScript.Command;
import org.listguard.deliver.sandbox.SandboxSmtpServer;
import org.listguard.journal.Journal;
import org.listguard.journal.RunState;
import org.listguard.journal.RunStatus;
import org.listguard.report.Json;

/**
 * Rate-limit replies at the pipeline level, on the fixture's fake clock (no real sleeping): the
 * run slows down (the throttle's rate factor halves per reply, journaled) and recovers after clean
 * batches; rate limiting that persists pauses the run without rejecting or suppressing anyone.
 */
class ThrottlePipelineTest {
    static final String RATE = "421 4.7.0 Try again later (rate limit)";

    @TempDir
    Path dir;

    static List<Double> factors(List<Journaled> events, String kind) {
        List<Double> out = new ArrayList<>();
        for (Journaled e : events) {
            if (!e.kind().equals(kind)) continue;
            if (e.record() instanceof RunRecord.SlowDown s) out.add(s.rateFactor());
            if (e.record() instanceof RunRecord.RateRecovered r) out.add(r.rateFactor());
        }
        return out;
    }

    @Test
    void rateLimitRepliesSlowTheRunDownAndItCompletesWhenTheyStop() throws Exception {
        SendFixture f = new SendFixture(dir);
        f.members(12);
        try (SandboxSmtpServer relay = SandboxSmtpServer.start(dir.resolve("out"), f.clock())) {
            relay.script().replyFirstAttempts(1, Command.RCPT, "member02@example.net", RATE)
                    .replyFirstAttempts(1, Command.RCPT, "member05@example.net", RATE);
            Config c = f.config(f.yaml(3, "", "isp " + relay.port()).replace("max_per_hour: 0", "max_per_hour: 3600"));
            long started = System.nanoTime();
            try (Journal j = f.journal(c)) {
                SendOutcome r = f.pipeline(c, SendFixture.world(), j).send(SendFixture.options());
                assertInstanceOf(SendOutcome.Completed.class, r, r.message() + " " + f.said);
                RunStatus s = j.runs().status(r.runId()).orElseThrow();
                assertEquals(RunState.COMPLETED, s.state());
                assertEquals(12, s.count("accepted"), "the rate-limited members were retried and accepted");
                assertEquals(0, s.count("rejected"));
                assertTrue(j.suppressions().list().isEmpty(), "a throttle reply never suppresses");
                List<Journaled> events = j.runEvents().list(r.runId());
                assertEquals(List.of(0.5, 0.25), factors(events, "slow_down"), "each rate-limit reply halves the rate");
                List<Double> recovered = factors(events, "rate_recovered");
                assertTrue(!recovered.isEmpty() && recovered.get(recovered.size() - 1) > 0.25, "clean batches give the rate back: " + recovered);
                for (int i = 1; i < recovered.size(); i++) assertTrue(recovered.get(i) > recovered.get(i - 1), "gradually: " + recovered);
            }
            Duration slept = f.slept.stream().reduce(Duration.ZERO, Duration::plus);
            assertTrue(slept.compareTo(Duration.ofMinutes(1)) >= 0, "waited for the deferred retries on the fake clock: " + slept);
            assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(30)) < 0, "no real sleeping");
            assertEquals(12, relay.accepted());
        }
    }

    @Test
    void rateLimitingThatPersistsPausesTheRunAndKeepsEveryoneWaiting() throws Exception {
        SendFixture f = new SendFixture(dir);
        f.members(8);
        try (SandboxSmtpServer relay = SandboxSmtpServer.start(dir.resolve("out"), f.clock())) {
            relay.script().reply(Command.RCPT, "*", RATE);
            Config c = f.config(f.yaml(3, "", "isp " + relay.port()).replace("max_per_hour: 0", "max_per_hour: 3600"));
            try (Journal j = f.journal(c)) {
                SendOutcome r = f.pipeline(c, SendFixture.world(), j).send(SendFixture.options());
                assertInstanceOf(SendOutcome.Paused.class, r, r.message());
                RunStatus s = j.runs().status(r.runId()).orElseThrow();
                assertEquals(RunState.PAUSED, s.state());
                assertTrue(s.pauseReason().startsWith("rate limiting persists (5 in"), s.pauseReason());
                assertEquals(5, s.count("deferred"), "the five rate-limited members wait for the next send");
                assertEquals(3, s.count("pending"));
                assertEquals(0, s.count("rejected"));
                assertTrue(j.suppressions().list().isEmpty());
                assertEquals(List.of(0.5, 0.25, 0.125, 0.0625), factors(j.runEvents().list(r.runId()), "slow_down"),
                        "slowed down at each reply before the fifth paused");
                JsonNode ev = Json.mapper().readTree(j.runs().get(r.runId()).orElseThrow().pauseEvidence());
                assertEquals(5, ev.size());
                assertEquals(RATE, ev.get(0).get("text").asText());
            }
            assertEquals(0, relay.accepted());
        }
    }
}
