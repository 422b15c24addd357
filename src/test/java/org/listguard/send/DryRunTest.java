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

/**
 * {@code send --dry-run} (issue 19): the README's set-up path runs it before any password is set,
 * so it needs no SMTP secret, and it prints the plan and the time the throttle needs; nothing is
 * sent or journaled, whatever the gate says.
 */
class DryRunTest {
    @TempDir
    Path dir;

    @Test
    void aDryRunNeedsNoSmtpSecretAndSaysThePlanAndItsTime() throws Exception {
        SendFixture f = new SendFixture(dir);
        f.members(5);
        try (SandboxSmtpServer relay = SandboxSmtpServer.start(dir.resolve("out"), f.clock())) {
            String yaml = f.yaml(2, "", "isp " + relay.port()).replace("timeout: 10s\n",
                    "timeout: 10s\n    auth: { username: list@example.org, password_env: LISTGUARD_TEST_UNSET_PASSWORD }\n")
                    .replace("batch_pause: 0s", "batch_pause: 1m");
            Config c = f.config(yaml);
            try (Journal j = f.journal(c)) {
                SendOutcome r = f.pipeline(c, SendFixture.world(), j).send(SendOptions.builder("monthly").yes(true).dryRun(true).build());
                SendOutcome.Rehearsed rehearsed = assertInstanceOf(SendOutcome.Rehearsed.class, r, r.message() + f.said);
                assertTrue(rehearsed.message().contains("dry run of campaign monthly: 5 row(s), 5 message(s) composed"), r.message());
                assertTrue(rehearsed.message().contains("estimated time to send: about 2 min"), "3 batches, 2 pauses of 1m: " + r.message());
                assertEquals(0, relay.accepted(), "nothing sent");
                assertTrue(j.runs().latest().isEmpty(), "nothing journaled");
            }
        }
    }
}
