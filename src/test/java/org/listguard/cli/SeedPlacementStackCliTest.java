package org.listguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.FutureTask;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.report.Json;
import org.listguard.testing.ReceivingStack;
import org.listguard.testing.TestDnsServer;

/**
 * Issue 23's two worlds end to end through the real command line against the real receiving
 * stack ({@link ReceivingStack}); the gate reads the sandbox's DNS world (clean) over a real
 * socket, the receiver its own. Listed: {@code seeds test} exits 3 (junk, with SpamAssassin's rule)
 * and {@code send} holds the members and exits 75. Delisted: {@code seeds test} exits 0 with
 * dkim=pass and dmarc=pass as the receiver reported them, and {@code send} resumes, each held
 * member sent exactly once.
 */
class SeedPlacementStackCliTest {
    static final List<String> MEMBERS = List.of("m01", "m02", "m03");
    static final String PASSWORD = "seed-secret";

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
        JsonNode json() throws IOException { return Json.mapper().readTree(out); }

        @Override public String toString() { return "exit " + code + "\n" + out + "\n" + err; }
    }

    /**
     * Runs the command line in another thread while this one watches the stack: a peer that dies
     * meanwhile fails the test at once, naming it (the command itself would wait out its seed timeout).
     */
    Result run(ReceivingStack stack, String dns, String... args) throws Exception {
        FutureTask<Result> result = new FutureTask<>(() -> run(dns, args));
        Thread cli = new Thread(result, "listguard " + args[0]); // its own thread: the command may use the common pool
        cli.setDaemon(true);
        cli.start();
        stack.await("finished: " + String.join(" ", args), result::isDone, Duration.ofMinutes(5));
        return result.get();
    }

    Result run(String dns, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("-c", dir.resolve("listguard.yaml").toString(), "--dns", dns));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Environment env = new Environment(Clock.systemUTC(), Map.of(), new PrintWriter(out, true), new PrintWriter(err, true), false);
        return new Result(Main.run(env, all.toArray(String[]::new)), out.toString(), err.toString());
    }

    @Test
    void listedTheSeedIsInJunkAndTheMembersWaitDelistedSeedsTestPassesAndEachMemberIsSentOnce() throws Exception {
        ReceivingStack.requirePeers();
        Path exampleOrg = dir.resolve("example.org.zone");
        Files.writeString(exampleOrg, Files.readString(Path.of("config/sandbox/example.org.zone"))
                .replace("ip4:198.51.100.25 -all", "ip4:198.51.100.25 ip4:" + ReceivingStack.EGRESS + " -all"));
        List<org.xbill.DNS.Zone> world = new ArrayList<>();
        try (Stream<Path> zones = Files.list(Path.of("config/sandbox"))) {
            for (Path z : zones.filter(p -> p.toString().endsWith(".zone") && !p.getFileName().toString().equals("example.org.zone")).toList()) {
                world.add(org.listguard.dns.ZoneAnswerer.load(z));
            }
        }
        world.add(org.listguard.dns.ZoneAnswerer.load(exampleOrg));
        try (ReceivingStack stack = ReceivingStack.start(exampleOrg, List.of("seed", "m01", "m02", "m03"), PASSWORD);
             TestDnsServer gateDns = TestDnsServer.start(world)) {
            config(stack);
            String dns = gateDns.hostPort();
            stack.list();
            Result test = run(stack, dns, "seeds", "test", "--campaign", "monthly");
            assertEquals(3, test.code(), test + stack.logs());
            String row = test.out().lines().filter(l -> l.contains("seed@" + ReceivingStack.DOMAIN)).findFirst().orElse("");
            assertTrue(row.contains(" junk ") && row.contains(ReceivingStack.JUNK) && row.contains("spamassassin"), test.out());
            assertTrue(test.out().contains("LG_EGRESS_LISTED"), test.out());

            Result first = run(stack, dns, "send", "--campaign", "monthly", "--yes");
            assertEquals(75, first.code(), first + stack.logs());
            JsonNode st = run(stack, dns, "status", "--format", "json").json();
            assertTrue(st.get("pause_reason").asText().contains("filed in junk"), st.toString());
            assertEquals(MEMBERS.size(), st.get("counts").get("blocked").asInt(), st.toString());
            JsonNode junk = st.get("seeds").get(0);
            assertEquals("junk", junk.get("placement").asText(), st.toString());
            assertEquals(ReceivingStack.JUNK, junk.get("folder").asText(), st.toString()); // only SPECIAL-USE \Junk names it
            assertTrue(junk.get("spam").get("flagged").asBoolean() && junk.get("spam").get("rules").toString().contains("LG_EGRESS_LISTED"), junk.toString());
            assertEquals(ReceivingStack.EGRESS, junk.get("egress_ip").asText(), junk.toString());
            for (String m : MEMBERS) assertEquals(0, messages(stack.maildir(m)), m + " was mailed while the seed was in junk");

            stack.delist();
            Result passes = run(stack, dns, "seeds", "test", "--campaign", "monthly", "--format", "json");
            assertEquals(0, passes.code(), passes + stack.logs());
            JsonNode seed = passes.json().get("seeds").get(0);
            assertEquals("inbox", seed.get("placement").asText(), seed.toString());
            assertEquals("pass", seed.get("authentication").get("dkim").asText(), seed.toString());
            assertEquals("pass", seed.get("authentication").get("dmarc").asText(), seed.toString());

            Result second = run(stack, dns, "send", "--campaign", "monthly", "--yes");
            assertEquals(0, second.code(), second + stack.logs());
            stack.await("every member delivered", () -> MEMBERS.stream().allMatch(m -> messages(m, stack) > 0), Duration.ofSeconds(180));
            for (String m : MEMBERS) assertEquals(1, messages(stack.maildir(m)), m + " exactly once\n" + stack.logs());
        }
    }

    private void config(ReceivingStack stack) throws IOException {
        StringBuilder csv = new StringBuilder("email,first_name\n");
        for (String m : MEMBERS) csv.append(m).append('@').append(ReceivingStack.DOMAIN).append(",Member\n");
        Files.writeString(dir.resolve("members.csv"), csv);
        Files.writeString(dir.resolve("news.txt"), "Dear {{first_name}},\nthe meeting is on Tuesday.\nUnsubscribe: {{unsubscribe_url}}\n");
        Files.writeString(dir.resolve("news.subject"), "News\n");
        Files.copy(Path.of("config/dkim/news.pem"), dir.resolve("news.pem"));
        Files.writeString(dir.resolve("seed.pw"), PASSWORD + "\n");
        Files.writeString(dir.resolve("listguard.yaml"), String.join("\n",
                "sender:",
                "  from: \"Retirees News <news@example.org>\"",
                "  return_path: bounces@example.org",
                "  origin_ip: 203.0.113.10",
                "  unsubscribe_url: \"https://example.org/unsubscribe?t={token}\"",
                "relays:",
                "  - name: isp",
                "    host: 127.0.0.1",
                "    port: " + stack.smartHostPort(),
                "    tls: none",
                "    ips: [198.51.100.25]",
                "dkim: { domain: example.org, selector: news, private_key: DIR/news.pem }",
                "throttle: { batch_size: 10, batch_pause: 1s, max_per_hour: 0 }",
                "guard:",
                "  seed_first: 30s",
                "  seed_timeout: 10m",
                "  dsn_wait: 0s",
                "  seeds:",
                "    - address: seed@" + ReceivingStack.DOMAIN,
                "      authserv_id: " + ReceivingStack.AUTHSERV,
                "      mailbox: { host: 127.0.0.1, port: " + stack.imapPort() + ", tls: none, auth: { username: seed@" + ReceivingStack.DOMAIN
                        + ", password_file: DIR/seed.pw } }",
                "campaigns:",
                "  monthly:",
                "    list: DIR/members.csv",
                "    template: DIR/news",
                "journal:",
                "  url: jdbc:sqlite:DIR/journal.db",
                "").replace("DIR", dir.toString()));
    }

    private static long messages(String member, ReceivingStack stack) {
        try {
            return messages(stack.maildir(member));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

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
}
