package org.listguard.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.config.Config;
import org.listguard.journal.Journal;
import org.listguard.testing.LoopbackProxy;
import org.listguard.testing.Peers;
import org.listguard.testing.PostfixRelay;
import org.listguard.testing.SmtpSink;

/**
 * A whole send through a private Postfix smart host refusing two members at RCPT, once offering
 * PIPELINING and once not. With PIPELINING a refusal's RSET opens the next message's group instead
 * of taking a turn of its own; the journal says the same of every member either way (status,
 * attempts, stage, the relay's exact reply, the action taken).
 */
class RsetLedGroupJournalTest {
    private static final int MEMBERS = 12;
    private static final List<String> REFUSED = List.of("member03@example.net", "member08@example.net");

    @TempDir
    Path dir;

    private record Run(Map<String, List<Object>> rows, int turns) {}

    private Run send(boolean pipelining) throws Exception {
        Peers.requireExecutable(Path.of("/usr/sbin/postfix"), "run scripts/install-peers (Debian package postfix)");
        Path run = Files.createDirectories(dir.resolve(pipelining ? "on" : "off"));
        SendFixture f = new SendFixture(run);
        f.members(MEMBERS);
        StringBuilder refused = new StringBuilder();
        for (String r : REFUSED) refused.append(" { ").append(r).append(" = 550 5.1.1 no such mailbox here }");
        List<String> main = new ArrayList<>(List.of("smtpd_delay_reject = no",
                "smtpd_recipient_restrictions = check_recipient_access inline:{" + refused + " }"));
        if (!pipelining) main.add("smtpd_discard_ehlo_keywords = pipelining");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));   // the sink writes as nobody
        try (SmtpSink sink = SmtpSink.start(SmtpSink.options().store(dir.resolve(pipelining ? "sink-on" : "sink-off")));
             PostfixRelay postfix = PostfixRelay.start(sink, main.toArray(String[]::new));
             LoopbackProxy proxy = LoopbackProxy.recording(postfix.port())) {
            Config c = f.config(f.yaml(MEMBERS, "", "isp " + proxy.port()));
            Map<String, List<Object>> rows = new TreeMap<>();
            try (Journal j = f.journal(c)) {
                SendOutcome r = f.pipeline(c, SendFixture.world(), j).send(SendFixture.options());
                assertInstanceOf(SendOutcome.Completed.class, r, r.message() + " " + f.said);
                j.recipients().each(r.runId(), row -> rows.put(row.email(), List.of(row.status(), row.attempts(), row.stage(),
                        row.replyCode(), String.valueOf(row.enhancedCode()), row.replyText().replaceAll("queued as \\w+", "queued as Q"),
                        String.valueOf(row.action()), String.valueOf(row.reason()))));
            }
            assertEquals(MEMBERS - REFUSED.size(), sink.awaitStored(MEMBERS - REFUSED.size(), Duration.ofSeconds(60)), postfix.log());
            return new Run(rows, proxy.clientTurns());
        }
    }

    @Test
    void aRefusalsRsetRidesWithTheNextGroupAndTheJournalSaysTheSame() throws Exception {
        Run on = send(true);
        Run off = send(false);
        assertEquals(off.rows(), on.rows());
        assertEquals(MEMBERS, on.rows().size());
        for (String r : REFUSED) assertEquals("REJECTED", on.rows().get(r).get(0).toString(), on.rows().toString());
        // without PIPELINING an accepted message costs 4 turns (MAIL, RCPT, DATA, body) and a refused one
        // 3 (MAIL, RCPT, RSET); with it, 2 (the group, the body) and 1 (the group; its RSET opens the
        // next group): the same connection set-up and audit either way
        int accepted = MEMBERS - REFUSED.size();
        assertEquals(2 * accepted + 2 * REFUSED.size(), off.turns() - on.turns(), "on " + on.turns() + ", off " + off.turns());
    }
}
