package org.listguard.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.config.Config;
import org.listguard.journal.Event;
import org.listguard.journal.Journal;
import org.listguard.report.Json;
import org.listguard.testing.ReceivingStack;

/**
 * Issue 23's two worlds against a real receiving provider ({@link ReceivingStack}: Postfix with
 * OpenDKIM, OpenDMARC and SpamAssassin milters, Dovecot LMTP + Sieve + IMAP), through the send
 * pipeline with guard.seed_first: the egress listed on the receiver's DNSBL puts the seed in
 * \Junk and holds the members; delisted, the seed lands in the inbox with dkim=pass and
 * dmarc=pass as the receiver wrote them, and the resume sends each held member exactly once.
 */
class SeedPlacementStackTest {
    static final List<String> MEMBERS = List.of("m01", "m02", "m03");
    static final String PASSWORD = "seed-secret";

    @TempDir
    Path dir;

    @Test
    void aListedEgressPutsTheSeedInJunkAndHoldsTheMembersThenDelistedEachIsSentOnce() throws Exception {
        ReceivingStack.requirePeers();
        try (ReceivingStack stack = ReceivingStack.start(exampleOrg(), List.of("seed", "m01", "m02", "m03"), PASSWORD)) {
            SendFixture f = new SendFixture(dir);
            StringBuilder csv = new StringBuilder("email,first_name\n");
            for (String m : MEMBERS) csv.append(m).append('@').append(ReceivingStack.DOMAIN).append(",Member\n");
            Files.writeString(dir.resolve("members.csv"), csv);
            Files.writeString(dir.resolve("news.txt"), "Dear {{first_name}},\nthe meeting is on Tuesday.\nUnsubscribe: {{unsubscribe_url}}\n");
            Files.writeString(dir.resolve("news.subject"), "News\n");
            Files.copy(SendFixture.EXAMPLE_KEY, dir.resolve("news.pem"));
            Files.writeString(dir.resolve("seed.pw"), PASSWORD + "\n");
            f.onSleep = d -> realWait(d);
            Config c = f.config(f.yaml(10, "", "isp " + stack.smartHostPort()) + String.join("\n",
                    "guard:",
                    "  seed_first: 60s",
                    "  seed_timeout: 10m",
                    "  seeds:",
                    "    - address: seed@" + ReceivingStack.DOMAIN,
                    "      mailbox: { host: 127.0.0.1, port: " + stack.imapPort() + ", tls: none, auth: { username: seed@"
                            + ReceivingStack.DOMAIN + ", password_file: " + dir.resolve("seed.pw") + " } }",
                    ""));
            stack.list();
            try (Journal j = f.journal(c)) {
                SendOutcome first = f.pipeline(c, SendFixture.world(), j).send(SendFixture.options());
                assertInstanceOf(SendOutcome.Paused.class, first, first.message() + "\n" + f.said + "\n" + stack.logs());
                assertTrue(first.message().contains("filed in junk (folder 'Junk')"), first.message());
                JsonNode junk = placed(j, first.runId());
                assertEquals("junk", junk.get("placement").asText(), junk.toString());
                assertEquals("spamassassin", junk.get("spam").get("engine").asText(), junk.toString());
                assertTrue(junk.get("spam").get("rules").toString().contains("LG_EGRESS_LISTED"), junk.toString());
                assertEquals(ReceivingStack.EGRESS, junk.get("egress_ip").asText(), junk.toString());
                assertEquals(MEMBERS.size(), j.status(first.runId()).orElseThrow().count("blocked"));
                for (String m : MEMBERS) assertEquals(0, messages(stack.maildir(m)), m + " was mailed while its provider's seed was in junk");

                stack.delist();
                SendOutcome second = f.pipeline(c, SendFixture.world(), j).send(SendFixture.options());
                assertInstanceOf(SendOutcome.Completed.class, second, second.message() + "\n" + f.said + "\n" + stack.logs());
                JsonNode inbox = placed(j, second.runId());
                assertEquals("inbox", inbox.get("placement").asText(), inbox.toString());
                assertEquals("pass", inbox.get("authentication").get("dkim").asText(), inbox.toString());
                assertEquals("pass", inbox.get("authentication").get("dmarc").asText(), inbox.toString());
                assertEquals(ReceivingStack.AUTHSERV, inbox.get("authserv_id").asText(), inbox.toString());
                awaitDelivered(stack, Duration.ofSeconds(60)); // the smart host and the receiver deliver after the run's 250s
                for (String m : MEMBERS) assertEquals(1, messages(stack.maildir(m)), m + " exactly once");
            }
        }
    }

    /** Polls until every member's mailbox has a message (the peers deliver asynchronously). */
    private static void awaitDelivered(ReceivingStack stack, Duration limit) throws IOException, InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            boolean all = true;
            for (String m : MEMBERS) all &= messages(stack.maildir(m)) > 0;
            if (all) return;
            Thread.sleep(100); // polling the peers' delivery, not timing an assertion
        }
    }

    /** The latest seed_placed event of the run. */
    private static JsonNode placed(Journal j, String run) throws IOException {
        List<Event> ev = j.events(run).stream().filter(e -> e.kind().equals("seed_placed")).toList();
        assertTrue(!ev.isEmpty(), j.events(run).toString());
        return Json.mapper().readTree(ev.get(ev.size() - 1).detail());
    }

    /** Messages in a Maildir's INBOX (new and cur). */
    private static long messages(Path maildir) throws IOException {
        long n = 0;
        for (String sub : List.of("new", "cur")) {
            Path d = maildir.resolve(sub);
            if (!Files.isDirectory(d)) continue;
            try (Stream<Path> s = Files.list(d)) {
                n += s.filter(Files::isRegularFile).count();
            }
        }
        return n;
    }

    /** example.org as the sandbox publishes it (DKIM key, DMARC p=none), its SPF also naming the smart host's egress. */
    private Path exampleOrg() throws IOException {
        Path z = dir.resolve("example.org.zone");
        Files.writeString(z, Files.readString(SendFixture.WORLD.resolve("example.org.zone"))
                .replace("ip4:198.51.100.25 -all", "ip4:198.51.100.25 ip4:" + ReceivingStack.EGRESS + " -all"));
        return z;
    }

    private static void realWait(Duration d) {
        try {
            Thread.sleep(Math.min(d.toMillis(), 1000)); // lets the real peers deliver; no assertion is timed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
