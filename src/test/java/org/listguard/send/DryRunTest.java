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

    /** Issue 19: a padded address is sent trimmed and said; whitespace inside one is an invalid row; the dry run shows both. */
    @Test
    void aDryRunSaysWhichAddressesWereTrimmedAndWhichAreUnusable() throws Exception {
        SendFixture f = new SendFixture(dir);
        f.members(1); // the templates and key; the list is replaced
        java.nio.file.Files.writeString(dir.resolve("members.csv"), "email,first_name,last_name\n"
                + "ann@example.org ,Ann,A\n"
                + "bob @example.org,Bob,B\n"
                + "\"\u00a0cy@example.org\",Cy,C\n"
                + "di@example.org,Di,D\n");
        try (SandboxSmtpServer relay = SandboxSmtpServer.start(dir.resolve("out"), f.clock())) {
            Config c = f.config(f.yaml(10, "", "isp " + relay.port()));
            try (Journal j = f.journal(c)) {
                SendOutcome r = f.pipeline(c, SendFixture.world(), j).send(SendOptions.builder("monthly").yes(true).dryRun(true).build());
                String out = assertInstanceOf(SendOutcome.Rehearsed.class, r, r.message() + f.said).message();
                String list = dir.resolve("members.csv").toString();
                assertTrue(out.contains("4 row(s), 3 message(s) composed"), out);
                assertTrue(out.contains("1 skipped (1 invalid, 0 duplicate, 0 suppressed), 2 address(es) trimmed of whitespace"), out);
                assertTrue(out.contains(list + ":2: email: whitespace around the address removed (trailing U+0020 SPACE): sending to ann@example.org"), out);
                assertTrue(out.contains(list + ":4: email: whitespace around the address removed (leading U+00A0 NO-BREAK SPACE): sending to cy@example.org"), out);
                assertTrue(out.contains(list + ":3: email: 'bob @example.org' has whitespace inside the address (U+0020 SPACE at character 4)"), out);
                assertTrue(out.contains("this row is skipped"), out);
                assertEquals(0, relay.accepted(), "nothing sent");
                assertTrue(j.runs().latest().isEmpty(), "nothing journaled");
            }
        }
    }
}
