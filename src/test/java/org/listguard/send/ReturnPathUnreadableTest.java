package org.listguard.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.config.Config;
import org.listguard.deliver.sandbox.SandboxSmtpServer;
import org.listguard.journal.Journal;

/** A return path that cannot be read during a run: an event and a warning, and a pause once guard.seed_timeout has passed blind. */
class ReturnPathUnreadableTest {
    @TempDir
    Path dir;

    @Test
    void anUnreadableReturnPathWarnsOnceAndPausesAfterTheSeedTimeout() throws Exception {
        SendFixture f = new SendFixture(dir);
        f.members(12);
        Path missing = dir.resolve("no-such-maildir");
        try (SandboxSmtpServer relay = SandboxSmtpServer.start(dir.resolve("out"), f.clock())) {
            Config c = f.config(f.yaml(3, "", "isp " + relay.port()).replace("batch_pause: 0s", "batch_pause: 10m")
                    + "bounces:\n  mailbox: { maildir: " + missing + " }\nguard: { seed_timeout: 15m }\n");
            f.readReturnPath(missing, false);
            try (Journal j = f.journal(c)) {
                SendOutcome r = f.pipeline(c, SendFixture.world(), j).send(SendFixture.options());
                assertInstanceOf(SendOutcome.Paused.class, r, r.message());
                assertTrue(r.message().contains("has not been readable for") && r.message().contains(missing.toString()), r.message());
                assertEquals(1, j.runEvents().list(r.runId()).stream().filter(e -> e.kind().equals("return_path_unreadable")).count(),
                        "one event for one problem");
                assertEquals(1, f.said.stream().filter(s -> s.startsWith("WARNING: cannot read the return path")).count(), f.said.toString());
                long sent = j.runs().status(r.runId()).orElseThrow().count("accepted");
                assertTrue(sent > 0 && sent < 12, "sent while within the timeout, then paused: " + sent);
            }
        }
    }
}
