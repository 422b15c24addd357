package org.listguard.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.events.RunRecord;
import org.listguard.config.Config;
import org.listguard.deliver.sandbox.SandboxSmtpServer;
import org.listguard.journal.Journal;
import org.listguard.journal.ProviderBlock;

/** A seed that arrives at a provider shows the provider takes mail again: blocks remembered before it are forgotten (issue 8). */
class SeedClearsBlockTest {
    @TempDir
    Path dir;

    @Test
    void anArrivingSeedForgetsItsProvidersEarlierBlock() throws Exception {
        SendFixture f = new SendFixture(dir);
        f.members(2);
        try (SandboxSmtpServer relay = SandboxSmtpServer.start(dir.resolve("out"), f.clock())) {
            f.seedWatchers = (mailbox, password) -> new org.listguard.mailbox.MaildirSeedWatcher(relay.directory());
            Config c = f.config(f.yaml(10, "", "isp " + relay.port())
                    + "guard:\n  seeds: [seed@seeds.example]\n  seed_mailbox: { maildir: " + relay.directory() + " }\n");
            try (Journal j = f.journal(c)) {
                String old = j.runs().create("other", null, false).id();
                j.downstream().rememberBlock("seeds.example", old, "receiver mx.seeds.example refused (poor reputation)", null, null, "[]");
                f.clock.advance(Duration.ofMinutes(1));
                SendOutcome r = f.pipeline(c, SendFixture.world(), j).send(SendFixture.options());
                assertInstanceOf(SendOutcome.Completed.class, r, r.message() + f.said);
                assertTrue(j.downstream().blocksSince(f.clock.instant().minus(Duration.ofDays(1))).isEmpty(), "the block is forgotten");
                assertTrue(j.runEvents().list(r.runId()).stream().anyMatch(e -> e.record() instanceof RunRecord.SeedArrived a && a.clearedBlocksOf() != null),
                        j.runEvents().list(r.runId()).toString());
            }
        }
    }
}
