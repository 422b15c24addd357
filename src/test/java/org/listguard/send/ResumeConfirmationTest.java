package org.listguard.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.events.RunRecord;
import org.listguard.config.Config;
import org.listguard.journal.Journal;
import org.listguard.journal.Run;
import org.listguard.journal.RunState;

/** Issue 10: resuming without --yes shows what is left and why the run stopped, and asks, as for a new run. */
class ResumeConfirmationTest {
    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;

    static SendOptions asking() {
        return SendOptions.builder("monthly").build();
    }

    Run pausedRunOf(Journal j, Config c) {
        Run run = j.runs().create("monthly", null, false);
        Planner.plan(j, run.id(), c.campaign("monthly"), 0);
        j.runEvents().append(run.id(), new RunRecord.Planned(0, 0));
        j.runs().setState(run.id(), RunState.PAUSED, "reputation: 554 from the relay", null);
        return run;
    }

    @Test
    void aResumeShowsWhatIsLeftAndTheReasonAndADeclineSendsNothing() throws Exception {
        SendFixture f = new SendFixture(dir);
        f.members(3);
        Config c = f.config(f.yaml(3, "", "isp " + greenMail.getSmtp().getPort()));
        try (Journal j = f.journal(c)) {
            Run run = pausedRunOf(j, c);
            f.answer = false;
            SendOutcome r = f.pipeline(c, SendFixture.world(), j).send(asking());
            assertInstanceOf(SendOutcome.NotConfirmed.class, r, r.message());
            assertTrue(r.message().contains("not confirmed") && r.message().contains("stays paused"), r.message());
            String asked = f.said.stream().filter(s -> s.contains("resume run " + run.id())).findFirst().orElse("");
            assertTrue(asked.contains("paused: reputation: 554 from the relay") && asked.contains("left to send: 3 pending"),
                    "the question shows the reason and what is left: " + f.said);
            assertEquals(RunState.PAUSED, j.runs().get(run.id()).orElseThrow().state(), "nothing changed");
            assertEquals(0, greenMail.getReceivedMessages().length, "nothing was sent");

            f.answer = true;
            SendOutcome resumed = f.pipeline(c, SendFixture.world(), j).send(asking());
            assertInstanceOf(SendOutcome.Completed.class, resumed, resumed.message());
            assertEquals(run.id(), resumed.runId());
            assertEquals(3, greenMail.getReceivedMessages().length);
        }
    }
}
