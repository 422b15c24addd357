package org.listguard.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.events.Journaled;
import org.listguard.events.RunRecord;
import org.listguard.config.Config;
import org.listguard.reply.ReplyClassifier;
import org.listguard.feedback.BounceMailbox;
import org.listguard.feedback.BounceParser;
import org.listguard.feedback.BounceProcessor;
import org.listguard.feedback.MaildirMailbox;
import org.listguard.feedback.ReturnPathReader;
import org.listguard.journal.Journal;
import org.listguard.journal.RecipientStatus;
import org.listguard.journal.RunStatus;
import org.listguard.testing.PostfixChain;

/**
 * Issue 8's situation end to end with real peers on loopback: listguard → a private Postfix smart
 * host (egress 127.0.0.25) → a private Postfix receiver; the receivers' refusals come back only
 * as DSNs in the return-path Maildir.
 */
class BehindSmartHostTest {
    @TempDir
    Path dir;

    private SendFixture fixture(PostfixChain chain, List<String> members) throws IOException {
        SendFixture f = new SendFixture(dir);
        StringBuilder csv = new StringBuilder("email,first_name\n");
        for (String m : members) csv.append(m).append(",Member\n");
        Files.writeString(dir.resolve("members.csv"), csv);
        Files.writeString(dir.resolve("news.txt"), "Dear {{first_name}},\nnews at https://www.example.org/events\nUnsubscribe: {{unsubscribe_url}}\n");
        Files.writeString(dir.resolve("news.subject"), "News\n");
        Files.copy(SendFixture.EXAMPLE_KEY, dir.resolve("news.pem"));
        f.onSleep = d -> realWait(d); // the throttle's batch pause really passes: the peers work meanwhile
        f.returnPaths = (config, journal) -> new ReturnPathReader(
                () -> MaildirMailbox.open(chain.returnPath(), BounceMailbox.processedFolder(config.bounceSettings().orElseThrow().mailbox())),
                new BounceProcessor(journal, new BounceParser(ReplyClassifier.standard()), config.bounceSettings().orElseThrow(), f.clock()),
                "Maildir " + chain.returnPath());
        return f;
    }

    private Config config(SendFixture f, PostfixChain chain, int batch) throws IOException {
        return config(f, chain, batch, false);
    }

    /** @param egressKnown whether relays[].ips names the smart host's real egress (the operator knows it) */
    private Config config(SendFixture f, PostfixChain chain, int batch, boolean egressKnown) throws IOException {
        String yaml = f.yaml(batch, "", "isp " + chain.smartHostPort()).replace("batch_pause: 0s", "batch_pause: 1s")
                .replace("ips: [198.51.100.25]", egressKnown ? "ips: [198.51.100.25, " + PostfixChain.EGRESS + "]" : "ips: [198.51.100.25]")
                + "bounces:\n  mailbox: { maildir: " + chain.returnPath() + " }\n"
                + "guard: { dsn_wait: 3s, canary_wait: 3s }\n";
        return f.config(yaml);
    }

    /**
     * The sandbox world plus the receiver's private list rep.rbl.test (not in the zone catalog);
     * example.org's SPF also authorizes the smart host's real egress {@link PostfixChain#EGRESS}, as
     * an ISP's published SPF include would.
     */
    private static org.listguard.dns.DnsClient dns() throws IOException {
        List<org.xbill.DNS.Zone> zones = new java.util.ArrayList<>();
        try (var files = Files.list(SendFixture.WORLD)) {
            for (Path z : files.filter(x -> x.toString().endsWith(".zone")).toList()) {
                if (z.getFileName().toString().equals("example.org.zone")) {
                    Path spf = Files.createTempDirectory("world").resolve("example.org.zone");
                    Files.writeString(spf, Files.readString(z).replace("ip4:198.51.100.25 -all", "ip4:198.51.100.25 ip4:" + PostfixChain.EGRESS + " -all"));
                    z = spf;
                }
                zones.add(org.listguard.dns.ZoneAnswerer.load(z));
            }
        }
        zones.add(org.listguard.dns.ZoneAnswerer.load(Path.of("src/test/resources/dns/smarthost/rep.rbl.test.zone")));
        // the egress's forward-confirmed reverse DNS, for a gate that audits it (relays[].ips)
        Path ptr = Files.createTempDirectory("world").resolve("0.0.127.in-addr.arpa.zone");
        Files.writeString(ptr, String.join("\n", "$ORIGIN 0.0.127.in-addr.arpa.", "$TTL 3600",
                "@ IN SOA ns.isp.example. noc.isp.example. 1 3600 600 604800 300", "@ IN NS ns.isp.example.",
                "25 IN PTR out.smarthost.test.", ""));
        zones.add(org.listguard.dns.ZoneAnswerer.load(ptr));
        Path fwd = ptr.resolveSibling("smarthost.test.zone");
        Files.writeString(fwd, String.join("\n", "$ORIGIN smarthost.test.", "$TTL 3600",
                "@ IN SOA ns.isp.example. noc.isp.example. 1 3600 600 604800 300", "@ IN NS ns.isp.example.",
                "out IN A " + PostfixChain.EGRESS, ""));
        zones.add(org.listguard.dns.ZoneAnswerer.load(fwd));
        return new org.listguard.dns.ZoneDnsClient(new org.listguard.dns.ZoneAnswerer(zones));
    }

    private static void realWait(Duration d) {
        try {
            Thread.sleep(Math.min(d.toMillis(), 1000)); // lets real peers deliver; no assertion is timed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<String> members(String domain, int n) {
        return java.util.stream.IntStream.rangeClosed(1, n).mapToObj(i -> String.format("m%02d@%s", i, domain)).toList();
    }

    private static long sentRows(Journal j, String run) {
        AtomicLong n = new AtomicLong();
        j.recipients(run, r -> {
            if (r.attempts() > 0) n.incrementAndGet();
        });
        return n.get();
    }

    /**
     * The operator put the smart host's real egress in relays[].ips: a DSN naming it on a list that
     * confirms the listing pauses the run at once (issue 18: a named listing needs the list's own
     * answer for a known egress).
     */
    @Test
    void aReceiverListingTheEgressPausesEarlyAndAfterDelistingEveryBlockedMemberGetsItOnce() throws Exception {
        List<String> list = members("rbl-rcpt.test", 40);
        try (PostfixChain chain = PostfixChain.start(List.of("rbl-rcpt.test"))) {
            chain.list();
            SendFixture f = fixture(chain, list);
            Config c = config(f, chain, 4, true);
            try (Journal j = f.journal(c)) {
                SendOutcome first = f.pipeline(c, dns(), j).send(SendFixture.options());
                assertInstanceOf(SendOutcome.Paused.class, first, first.message() + "\n" + f.said);
                assertTrue(first.message().contains(PostfixChain.EGRESS + " on " + PostfixChain.ZONE + ", and the list confirms it"), first.message());
                long sent = sentRows(j, first.runId());
                System.out.println("[measure] known egress, confirmed listing: " + sent + " of " + list.size() + " members reached the smart host before the pause");
                assertTrue(sent <= 8, "paused within the first two batches of 4: " + sent + " of " + list.size() + " sent");
                assertTrue(j.suppressions().list().isEmpty(), "nobody is suppressed for the relay's reputation");
                assertTrue(PostfixChain.files(chain.inbox()).isEmpty(), "the receiver accepted nothing");
                assertTrue(j.runEvents().list(first.runId()).stream().anyMatch(e -> e.record() instanceof RunRecord.NamedZoneChecked z
                        && z.answer().contains("listed (127.0.0.2)")), "the list the receiver named, not in the catalog, was asked");
                String advice = org.listguard.report.Advisor.bundled().advise(j.runs().get(first.runId()).orElseThrow()).stream()
                        .flatMap(a -> a.steps().stream()).reduce("", (x, y) -> x + "\n" + y);
                assertTrue(advice.contains("judged " + PostfixChain.EGRESS + " and named the list"), advice);
                assertTrue(!advice.contains("https://" + PostfixChain.ZONE), "a URL in the receiver's text is evidence, never advice: " + advice);

                chain.awaitSmartHostIdle(Duration.ofSeconds(30)); // the last refusals' DSNs are in
                // `bounces process` reading the same mailbox applies only what the run had not read yet, and only once
                var settings = c.bounceSettings().orElseThrow();
                BounceProcessor cron = new BounceProcessor(j, new BounceParser(ReplyClassifier.standard()), settings, f.clock());
                try (var box = MaildirMailbox.open(chain.returnPath(), BounceMailbox.processedFolder(settings.mailbox()))) {
                    cron.process(box, java.util.Set.of());
                }
                try (var box = MaildirMailbox.open(chain.returnPath(), BounceMailbox.processedFolder(settings.mailbox()))) {
                    assertEquals(0, cron.process(box, java.util.Set.of()).matched(), "a second pass applies nothing");
                }
                long applied = j.runEvents().list(first.runId()).stream().filter(e -> e.kind().equals("bounce-reputation")).count();
                assertEquals(sent, applied, "one DSN per member sent, each applied exactly once");
                assertEquals(sent, j.downstream().verdicts(first.runId()).size());
                chain.delist();
                f.said.clear();
                SendOutcome second = f.pipeline(c, dns(), j).send(SendFixture.options());
                assertTrue(f.said.stream().anyMatch(x -> x.contains("recent-blocks") && x.contains("rbl-rcpt.test")),
                        "the next gate reports the remembered block: " + f.said);
                assertTrue(j.runEvents().list(first.runId()).stream().anyMatch(e -> e.kind().equals("provider_resumed")),
                        "a canary lifted the suspension");
                assertInstanceOf(SendOutcome.Completed.class, second, second.message() + "\n" + f.said);
                assertEquals(first.runId(), second.runId(), "send resumes the same run");
                chain.awaitSmartHostIdle(Duration.ofSeconds(30));
                Map<String, Integer> got = PostfixChain.deliveredTo(chain.inbox());
                assertEquals(list.size(), got.size(), "every member received it: " + got);
                assertTrue(got.values().stream().allMatch(n -> n == 1), "exactly once each: " + got);
                RunStatus s = j.runs().status(first.runId()).orElseThrow();
                assertEquals(list.size(), s.count("accepted"));
                assertEquals(0, s.count("blocked"));
            }
        }
    }

    /**
     * The egress is not in relays[].ips: the listing each DSN names cannot be confirmed for a known
     * egress, so each member's DSN speaks for that member, and the provider is suspended once
     * guard.corroborate (3) distinct members' DSNs agree; the loopback egress is never learned.
     */
    @Test
    void withAnUnknownEgressThreeDistinctMembersDsnsSuspendTheProvider() throws Exception {
        List<String> list = members("rbl-rcpt.test", 40);
        try (PostfixChain chain = PostfixChain.start(List.of("rbl-rcpt.test"))) {
            chain.list();
            SendFixture f = fixture(chain, list);
            Config c = config(f, chain, 4, false);
            try (Journal j = f.journal(c)) {
                SendOutcome first = f.pipeline(c, dns(), j).send(SendFixture.options());
                assertInstanceOf(SendOutcome.Paused.class, first, first.message() + "\n" + f.said);
                assertTrue(first.message().contains("rbl-rcpt.test"), first.message());
                assertTrue(f.said.stream().anyMatch(x -> x.contains("suspending receiving provider") && x.contains("3 distinct members")),
                        String.join("\n", f.said));
                long sent = sentRows(j, first.runId());
                System.out.println("[measure] unknown egress, corroboration by 3 members: " + sent + " of " + list.size()
                        + " members reached the smart host before the provider was suspended");
                assertTrue(sent < list.size() / 2, "suspended early: " + sent + " of " + list.size() + " sent");
                assertTrue(j.suppressions().list().isEmpty(), "nobody is suppressed for the relay's reputation");
                assertTrue(j.downstream().egressIps().isEmpty(), "a loopback address is never learned as egress: " + j.downstream().egressIps());
            }
        }
    }

    @Test
    void oneProviderBlocksTheOtherReceivesEverythingAndTheRunEndsPausedWithOnlyTheBlockedWaiting() throws Exception {
        List<String> blocked = members("cisco-rcpt.test", 16);
        List<String> open = members("open-rcpt.test", 16);
        List<String> list = new java.util.ArrayList<>();
        for (int i = 0; i < 16; i++) {
            list.add(blocked.get(i));
            list.add(open.get(i));
        }
        try (PostfixChain chain = PostfixChain.start(List.of("cisco-rcpt.test", "open-rcpt.test"))) {
            chain.refuseDomain("cisco-rcpt.test");
            // hostile and malformed mail in the return path: skipped with a journaled note, never stopping or misleading the run
            Files.writeString(chain.returnPath().resolve("new").resolve("1.junk"), "From: x@spam.test\nSubject: buy now\n\ncheap pills\n");
            Files.writeString(chain.returnPath().resolve("new").resolve("2.forged"), forgedDsn("stranger@cisco-rcpt.test"));
            Files.write(chain.returnPath().resolve("new").resolve("3.binary"), new byte[] {0, 1, 2, (byte) 0xff, '\n', 0});
            SendFixture f = fixture(chain, list);
            Config c = config(f, chain, 4);
            try (Journal j = f.journal(c)) {
                SendOutcome r = f.pipeline(c, dns(), j).send(SendFixture.options());
                assertInstanceOf(SendOutcome.Paused.class, r, r.message() + "\n" + f.said);
                assertTrue(r.message().contains("cisco-rcpt.test"), r.message());
                chain.awaitSmartHostIdle(Duration.ofSeconds(30));
                Map<String, Integer> got = PostfixChain.deliveredTo(chain.inbox());
                assertEquals(open.stream().sorted().toList(), List.copyOf(got.keySet()), "the other provider received the whole list");
                assertTrue(got.values().stream().allMatch(n -> n == 1), got.toString());
                List<String> waiting = new java.util.ArrayList<>();
                j.recipients(r.runId(), EnumSet.of(RecipientStatus.BLOCKED), row -> waiting.add(row.email()));
                assertEquals(blocked, waiting, "only the blocked provider's members wait");
                assertTrue(j.suppressions().list().isEmpty());
                assertTrue(j.runEvents().list(r.runId()).stream().anyMatch(e -> e.record() instanceof RunRecord.ReturnPathSkipped s && s.source().contains("1.junk")),
                        "the junk message is noted");
            }
        }
    }

    @Test
    void aSeedRefusedDownstreamIsExplainedByItsDsnNotSuspectedAsASilentDiscard() throws Exception {
        List<String> list = members("open-rcpt.test", 6);
        try (PostfixChain chain = PostfixChain.start(List.of("cisco-rcpt.test", "open-rcpt.test"))) {
            chain.refuseDomain("cisco-rcpt.test");
            SendFixture f = fixture(chain, list);
            f.seedWatchers = (mailbox, password) -> new org.listguard.mailbox.MaildirSeedWatcher(chain.inbox());
            Config c = f.config(f.yaml(3, "", "isp " + chain.smartHostPort()).replace("batch_pause: 0s", "batch_pause: 1s")
                    + "bounces:\n  mailbox: { maildir: " + chain.returnPath() + " }\n"
                    + "guard: { dsn_wait: 3s, canary_wait: 3s, seeds: [seed@cisco-rcpt.test], seed_mailbox: { maildir: " + chain.inbox()
                    + " }, seed_timeout: 5m }\n");
            try (Journal j = f.journal(c)) {
                SendOutcome r = f.pipeline(c, dns(), j).send(SendFixture.options());
                var events = j.runEvents().list(r.runId());
                var explained = events.stream().map(Journaled::record).filter(RunRecord.SeedRefusedDownstream.class::isInstance)
                        .map(RunRecord.SeedRefusedDownstream.class::cast).findFirst();
                assertTrue(explained.isPresent(), "the seed's DSN explains it: " + events);
                assertTrue(explained.get().diagnostic().contains("poor reputation") && explained.get().seed().equals("seed@cisco-rcpt.test"),
                        explained.get().toString());
                assertTrue(events.stream().noneMatch(e -> e.kind().equals("seed_overdue")), "not a silent discard");
                assertTrue(!r.message().contains("silent discard"), r.message());
            }
        }
    }

    @Test
    void aSeedThatArrivesRecordsTheEgressOfTheReceiversReceivedLineButNeverLearnsALoopbackOne() throws Exception {
        List<String> list = members("open-rcpt.test", 3);
        try (PostfixChain chain = PostfixChain.start(List.of("open-rcpt.test"))) {
            SendFixture f = fixture(chain, list);
            f.seedWatchers = (mailbox, password) -> new org.listguard.mailbox.MaildirSeedWatcher(chain.inbox());
            Config c = f.config(f.yaml(3, "", "isp " + chain.smartHostPort())
                    + "bounces:\n  mailbox: { maildir: " + chain.returnPath() + " }\n"
                    + "guard: { dsn_wait: 1s, seeds: [seed@open-rcpt.test], seed_mailbox: { maildir: " + chain.inbox() + " }, seed_timeout: 5m }\n");
            try (Journal j = f.journal(c)) {
                SendOutcome r = f.pipeline(c, dns(), j).send(SendFixture.options());
                assertInstanceOf(SendOutcome.Completed.class, r, r.message() + f.said);
                // the receiver's Received: line names the egress it saw; a loopback address is recorded
                // with the seed's arrival but never learned (issue 18: no smart host sends from one)
                assertTrue(j.runEvents().list(r.runId()).stream().anyMatch(e -> e.record() instanceof RunRecord.SeedArrived a
                        && PostfixChain.EGRESS.equals(a.egressIp())), j.runEvents().list(r.runId()).toString());
                assertTrue(j.downstream().egressIps().isEmpty(), j.downstream().egressIps().toString());
            }
        }
    }

    /** A DSN no message of ours caused: a reputation verdict about an address that is not in the run. */
    private static String forgedDsn(String rcpt) {
        return String.join("\r\n",
                "From: MAILER-DAEMON@smarthost.isp.test",
                "To: bounces@example.org",
                "Subject: Undelivered Mail Returned to Sender",
                "MIME-Version: 1.0",
                "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"",
                "",
                "--B",
                "Content-Type: text/plain",
                "",
                "forged",
                "--B",
                "Content-Type: message/delivery-status",
                "",
                "Reporting-MTA: dns; smarthost.isp.test",
                "",
                "Final-Recipient: rfc822; " + rcpt,
                "Action: failed",
                "Status: 5.7.1",
                "Remote-MTA: dns; mx.receiver.test",
                "Diagnostic-Code: smtp; " + PostfixChain.RBL_REPLY,
                "",
                "--B--",
                "");
    }
}
