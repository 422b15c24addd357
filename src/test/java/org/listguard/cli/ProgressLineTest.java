package org.listguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.listguard.journal.JournalFixtures;
import org.listguard.report.Invocation;
import org.listguard.send.Pace;
import org.listguard.send.Progress;

class ProgressLineTest {
    static final Progress MID = new Progress(4_500, 100_000, 4_400, 100, Duration.ofMinutes(5), 45, 1_000, 30, 0.5);
    static final Pace PACE = new Pace(100, Duration.ofSeconds(60), 1000);

    @Test
    void theLineFitsEveryWidthDownToSixtyColumnsAndKeepsTheMostImportantFacts() {
        for (int w = 60; w <= 200; w++) {
            String line = ProgressLine.render(MID, PACE, null, w);
            assertTrue(line.length() < w, w + ": " + line.length() + " " + line);
            assertTrue(line.contains("4500/100000") && line.contains("batch 45/1000") && line.contains("ETA "), w + ": " + line);
        }
        assertTrue(ProgressLine.render(MID, PACE, null, 120).contains("[#"), "a bar when there is room");
        assertTrue(ProgressLine.render(MID, PACE, null, 120).contains("30 deferred"));
    }

    @Test
    void whileWaitingBetweenBatchesTheLineCountsDown() {
        String line = ProgressLine.render(MID, PACE, Duration.ofSeconds(42), 80);
        assertTrue(line.contains("next batch in 42s"), line);
        assertFalse(line.contains("ETA"), line);
    }

    @Test
    void theEtaComesFromTheThrottlesScheduleLikeThePlan() {
        Progress start = new Progress(0, 1000, 0, 0, Duration.ZERO, 1, 10, 0, 1.0);
        assertEquals(PACE.estimate(1000), start.eta(PACE), "the plan's estimate at the start");
        assertEquals(Duration.ofHours(1), PACE.estimate(1000), "1000 at 1000/h");
        Progress slowed = new Progress(500, 1000, 500, 0, Duration.ofMinutes(30), 6, 10, 0, 0.5);
        assertEquals(Duration.ofHours(1), slowed.eta(PACE), "500 left at half of 1000/h");
        assertEquals(Duration.ofMinutes(9), new Pace(100, Duration.ofSeconds(60), 0).estimate(1000), "9 pauses, no hourly cap");
    }

    @Test
    void atATerminalMessagesReplaceTheBarAndTheFinalLineStartsFresh() {
        StringWriter err = new StringWriter();
        Environment env = new Environment(new JournalFixtures.MutableClock(Instant.parse("2026-11-01T09:00:00Z")), Map.of(),
                new PrintWriter(new StringWriter()), new PrintWriter(err), true);
        CliOperator op = new CliOperator(env, new Invocation(java.util.List.of("-c", "my.yaml")), () -> 80);
        op.pace(PACE);
        op.progress(new Progress(1, 3, 1, 0, Duration.ofSeconds(1), 1, 1, 0, 1.0));
        op.say(op.suggest("paused: see `listguard status RUN`")); // listguard's own words, built by suggest; say shows a line as given
        op.close();
        String s = err.toString();
        assertTrue(s.startsWith("\r[#"), "drawn in place: " + s);
        assertTrue(s.contains("\r\u001b[Kpaused: see `listguard status -c my.yaml RUN`\n"), "the bar's line is cleared first; advice runs as printed: " + s);
        assertTrue(s.endsWith("\u001b[K\n"), "the bar is redrawn and ended with a line break: " + s);
        for (String part : s.split("[\r\n]")) assertTrue(part.replace("\u001b[K", "").length() < 80, part);
    }

    /** Issue 19: the per-recipient log line says the status `status` counts (a reputation refusal waits: deferred). */
    @Test
    void theRecipientLogLineSaysTheJournaledStatusAndTheRelaysWordBesideIt() {
        StringWriter err = new StringWriter();
        Environment env = new Environment(new JournalFixtures.MutableClock(Instant.parse("2026-11-01T09:00:00Z")), Map.of(),
                new PrintWriter(new StringWriter()), new PrintWriter(err), false);
        CliOperator op = new CliOperator(env, Invocation.none(), () -> 80);
        op.outcome("r1", org.listguard.deliver.SubmitResult.fromReply("m@example.net", org.listguard.reply.Stage.RCPT,
                "554 5.7.1 Service unavailable; Client host [198.51.100.25] blocked using zen.spamhaus.org", "isp"), "deferred");
        op.close();
        String s = err.toString();
        assertTrue(s.contains("status=deferred") && s.contains("relay_said=rejected"), s);
    }
}
