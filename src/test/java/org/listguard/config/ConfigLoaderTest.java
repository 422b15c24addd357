package org.listguard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    String base;

    @BeforeEach
    void files() throws IOException {
        Files.writeString(dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----\n");
        Files.writeString(dir.resolve("members.csv"), "email,name\na@example.net,A\n");
        Files.writeString(dir.resolve("news.txt"), "Hello {{name}}\n");
        Files.writeString(dir.resolve("news.subject"), "News\n");
        base = """
                sender:
                  from: "Retirees News <news@example.org>"
                  return_path: bounces@example.org
                  origin_ip: 203.0.113.10
                relays:
                  - name: isp
                    host: smtp.isp.example
                    port: 587
                    auth: { username: list@example.org, password_env: LISTGUARD_SMTP_PASSWORD }
                    ips: [198.51.100.25]
                dkim: { domain: example.org, selector: news, private_key: DIR/key.pem }
                dns:
                  resolvers: [127.0.0.1:5353]
                  timeout: 2s
                reputation:
                  zones: default
                throttle: { batch_size: 100, batch_pause: 60s, max_per_hour: 1000, connections: 1 }
                guard: { recheck_every: 1 batch, pause_after: {reputation: 1, throttle: 5 in 10m} }
                campaigns:
                  monthly:
                    list: DIR/members.csv
                    template: DIR/news
                    schedule: "0 0 9 1 * ?"
                journal:
                  url: jdbc:sqlite:DIR/lg.db
                """.replace("DIR", dir.toString());
    }

    Config load(String yaml) {
        return new ConfigLoader().parse(dir.resolve("listguard.yaml"), yaml);
    }

    ConfigException error(String yaml) {
        return assertThrows(ConfigException.class, () -> load(yaml));
    }

    @Test
    void theDesignExampleLoadsIntoRecords() {
        Config c = load(base);
        assertEquals("example.org", c.sender().fromDomain());
        assertEquals("203.0.113.10", c.sender().originIp().getHostAddress());
        assertEquals(587, c.relays().get(0).port());
        assertEquals(TlsMode.STARTTLS, c.relays().get(0).tls());
        assertEquals(Duration.ofSeconds(60), c.throttle().batchPause());
        assertEquals(new Threshold(5, Duration.ofMinutes(10)), c.guard().pauseAfter().throttle());
        assertEquals(1, c.guard().recheckEvery());
        assertEquals("monthly", c.campaign("monthly").name());
        assertEquals(java.util.List.of("default"), c.reputation().zones());
        assertEquals(5353, c.dns().resolvers().get(0).port());
    }

    @Test
    void theBehindTheSmartHostKeysLoadWithTheirDefaults() {
        Config d = load(base);
        assertEquals(Duration.ofHours(24), d.guard().blockMemory());
        assertEquals(Duration.ofMinutes(30), d.guard().blockRetry());
        assertEquals(Duration.ofSeconds(60), d.guard().canaryWait());
        assertEquals(new Threshold(2, Duration.ofMinutes(10)), d.guard().pauseAfter().provider());
        Config c = load(base.replace("guard: { recheck_every: 1 batch, pause_after: {reputation: 1, throttle: 5 in 10m} }",
                "guard: { block_memory: 2d, block_retry: 10m, canary_wait: 2m, dsn_wait: 5s, pause_after: {provider: 3 in 1h, providers: 4} }"));
        assertEquals(Duration.ofDays(2), c.guard().blockMemory());
        assertEquals(Duration.ofMinutes(10), c.guard().blockRetry());
        assertEquals(Duration.ofMinutes(2), c.guard().canaryWait());
        assertEquals(Duration.ofSeconds(5), c.guard().dsnWait());
        assertEquals(new Threshold(3, Duration.ofHours(1)), c.guard().pauseAfter().provider());
        assertEquals(4, c.guard().pauseAfter().providers().count());
    }

    @Test
    void guardCorroborateDefaultsToThreeAndCanBeSet() {
        assertEquals(3, load(base).guard().corroborate());
        assertEquals(5, load(base.replace("guard: { recheck_every: 1 batch,", "guard: { corroborate: 5, recheck_every: 1 batch,")).guard().corroborate());
    }

    @Test
    void aGuardCorroborateBelowOneNamesTheKeyAndLine() {
        for (String bad : new String[] {"0", "-2", "many"}) {
            ConfigException e = error(base.replace("guard: { recheck_every: 1 batch,", "guard: { corroborate: " + bad + ", recheck_every: 1 batch,"));
            assertEquals("guard.corroborate", e.field(), bad);
            assertTrue(e.line() > 0, "names the line: " + e.getMessage());
        }
    }

    @Test
    void aZeroCanaryWaitNamesTheKey() {
        ConfigException e = error(base.replace("guard: { recheck_every: 1 batch,", "guard: { canary_wait: 0s, recheck_every: 1 batch,"));
        assertEquals("guard.canary_wait", e.field());
    }

    @Test
    void unknownKeyNamesTheKeyTheLineAndTheAllowedKeys() {
        ConfigException e = error(base.replace("    port: 587\n", "    port: 587\n    prot: 25\n"));
        assertEquals(9, e.line());
        assertTrue(e.getMessage().contains("unknown key 'prot'"), e.getMessage());
        assertTrue(e.getMessage().contains("allowed here:"), e.getMessage());
        assertTrue(e.getMessage().contains("listguard.yaml:9"), e.getMessage());
    }

    @Test
    void portOutOfRangeNamesLineAndKey() {
        ConfigException e = error(base.replace("port: 587", "port: 70000"));
        assertEquals(8, e.line());
        assertEquals("relays[0].port", e.field());
        assertTrue(e.getMessage().contains("70000"), e.getMessage());
    }

    @Test
    void malformedIpNamesLineAndKey() {
        ConfigException e = error(base.replace("origin_ip: 203.0.113.10", "origin_ip: 203.0.113.300"));
        assertEquals(4, e.line());
        assertEquals("sender.origin_ip", e.field());
        assertTrue(e.getMessage().contains("203.0.113.300"), e.getMessage());
    }

    @Test
    void missingKeyFileNamesLineAndKey() {
        ConfigException e = error(base.replace("key.pem", "missing.pem"));
        assertEquals(11, e.line());
        assertEquals("dkim.private_key", e.field());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void wrongTypeNamesLineAndKey() {
        ConfigException e = error(base.replace("batch_size: 100", "batch_size: lots"));
        assertEquals(17, e.line());
        assertEquals("throttle.batch_size", e.field());
    }

    @Test
    void missingRequiredFieldIsNamed() {
        ConfigException e = error(base.replace("  return_path: bounces@example.org\n", ""));
        assertEquals("sender.return_path", e.field());
        assertEquals(1, e.line());
    }

    @Test
    void durationWithoutUnitIsRejected() {
        ConfigException e = error(base.replace("timeout: 2s", "timeout: 2"));
        assertEquals(14, e.line());
        assertTrue(e.getMessage().contains("no unit"), e.getMessage());
    }

    @Test
    void plaintextToARemoteRelayIsRefused() {
        ConfigException e = error(base.replace("    port: 587\n", "    port: 587\n    tls: none\n"));
        assertEquals("relays[0].tls", e.field());
        assertEquals(9, e.line());
    }

    @Test
    void badCronIsNamedWhenItsCampaignIsUsed() {
        Config c = load(base.replace("0 0 9 1 * ?", "every monday"));
        ConfigException e = assertThrows(ConfigException.class, () -> c.campaign("monthly"));
        assertEquals("campaigns.monthly.schedule", e.field());
        assertEquals(23, e.line());
    }

    @Test
    void scheduleGraceAndSendAgainAfterHaveDefaultsAndCanBeSet() {
        Config c = load(base.replace("    schedule: \"0 0 9 1 * ?\"\n",
                "    schedule: \"0 0 9 1 * ?\"\n    schedule_grace: 2h\n    send_again_after: 30m\n"));
        assertEquals(java.time.Duration.ofHours(2), c.campaign("monthly").scheduleGrace());
        assertEquals(java.time.Duration.ofMinutes(30), c.campaign("monthly").sendAgainAfter());
        assertEquals(Defaults.SCHEDULE_GRACE, load(base).campaign("monthly").scheduleGrace());
        assertEquals(Defaults.SEND_AGAIN_AFTER, load(base).campaign("monthly").sendAgainAfter());
    }

    @Test
    void yamlSyntaxErrorHasALine() {
        ConfigException e = error(base.replace("  timeout: 2s", "  timeout: [2s"));
        assertTrue(e.line() > 0, e.getMessage());
    }

    @Test
    void secondItemOfAListIsIndexed() {
        String two = base.replace("relays:\n", "relays:\n  - name: backup\n    host: smtp2.example\n    port: 0\n");
        ConfigException e = error(two);
        assertEquals("relays[0].port", e.field());
        assertEquals(8, e.line());
        String second = base.replace("    ips: [198.51.100.25]\n", "    ips: [198.51.100.25]\n  - name: backup\n    host: smtp2.example\n    port: 99999\n");
        ConfigException e2 = error(second);
        assertEquals("relays[1].port", e2.field());
        assertEquals(13, e2.line());
    }

    @Test
    void tokenKeyFilesAndFeedbackSourcesLoad() throws IOException {
        Path old = Files.writeString(dir.resolve("old.key"), "x\n");
        Config c = load(base.replace("  origin_ip: 203.0.113.10\n", "  origin_ip: 203.0.113.10\n  token_key_file: " + dir.resolve("t.key")
                + "\n  previous_token_key_file: " + old + "\n") + "bounces:\n  mailbox: { maildir: " + dir + " }\n  feedback_sources: [Hotmail.com]\n");
        assertEquals(dir.resolve("t.key"), c.sender().tokenKeyFile());
        assertEquals(old, c.sender().previousTokenKeyFile());
        assertEquals(java.util.List.of("hotmail.com"), c.bounceSettings().orElseThrow().feedbackSources());
    }

    @Test
    void aFeedbackSourceThatIsNotADomainNamesTheKeyAndLine() {
        ConfigException e = error(base + "bounces:\n  mailbox: { maildir: " + dir + " }\n  feedback_sources: [\"not a domain\"]\n");
        assertEquals("bounces.feedback_sources", e.field());
        assertEquals(28, e.line());
    }

    @Test
    void theBounceScoreLoadsWithItsDefaultsAndABadThresholdNamesTheKeyAndLine() {
        Config c = load(base + "bounces:\n  mailbox: { maildir: " + dir + " }\n  score: { stale_after: 120d }\n");
        assertEquals(5.0, c.bounceSettings().orElseThrow().score().threshold());
        assertEquals(java.time.Duration.ofDays(120), c.bounceSettings().orElseThrow().score().staleAfter());
        ConfigException e = error(base + "bounces:\n  mailbox: { maildir: " + dir + " }\n  score:\n    threshold: 0\n");
        assertEquals("bounces.score.threshold", e.field());
        assertEquals(29, e.line());
        ConfigException full = error(base + "bounces:\n  mailbox: { maildir: " + dir + " }\n  score:\n    stale_after: 30d\n    full_after: 60d\n");
        assertEquals("bounces.score.full_after", full.field());
        assertEquals(30, full.line());
    }

    @Test
    void anUnsubscribeMailtoWithAPlusIsRefused() {
        ConfigException e = error(base.replace("  origin_ip: 203.0.113.10\n", "  origin_ip: 203.0.113.10\n  unsubscribe_mailto: leave+x@example.org\n"));
        assertEquals("sender.unsubscribe_mailto", e.field());
        assertEquals(5, e.line());
    }

    @Test
    void seedsMayBeObjectsWithTheirOwnMailboxNextToTheOldAddressForm() {
        String yaml = base.replace("guard: { recheck_every: 1 batch, pause_after: {reputation: 1, throttle: 5 in 10m} }", """
                guard:
                  seed_first: 10m
                  seed_mailbox: { host: imap.example.net, auth: { username: s, password_env: SEED_PW } }
                  seeds:
                    - seed-1@example.net
                    - address: seed.news@gmail.com
                      mailbox: { host: imap.gmail.com, auth: { username: seed.news@gmail.com, password_env: SEED_GMAIL } }
                      junk_folder: "[Gmail]/Spam"
                      authserv_id: mx.google.com
                    - address: seed@isp.example
                      mailbox: { maildir: DIR/Maildir }
                """.replace("DIR", dir.toString()));
        Config c = load(yaml);
        var seeds = c.guard().seeds();
        assertEquals(java.util.List.of("seed-1@example.net", "seed.news@gmail.com", "seed@isp.example"), c.guard().seedAddresses());
        assertEquals(null, seeds.get(0).mailbox());
        assertEquals("imap.gmail.com", seeds.get(1).mailbox().host());
        assertEquals("[Gmail]/Spam", seeds.get(1).junkFolder());
        assertEquals("mx.google.com", seeds.get(1).authservId());
        assertEquals(dir.resolve("Maildir"), seeds.get(2).mailbox().maildir());
        assertEquals(Duration.ofMinutes(10), c.guard().seedFirst());
    }

    @Test
    void aSeedWithoutAnyMailboxIsAnErrorNamingIt() {
        ConfigException e = error(base.replace("guard: { recheck_every: 1 batch, pause_after: {reputation: 1, throttle: 5 in 10m} }",
                "guard:\n  seeds:\n    - address: seed@example.net\n      junk_folder: Spam\n"));
        assertTrue(e.getMessage().contains("guard.seeds[0]") && e.getMessage().contains("mailbox"), e.getMessage());
    }

    @Test
    void anUnknownKeyInASeedObjectIsAnError() {
        ConfigException e = error(base.replace("guard: { recheck_every: 1 batch, pause_after: {reputation: 1, throttle: 5 in 10m} }",
                "guard:\n  seeds:\n    - address: seed@example.net\n      mailbox: { maildir: /tmp/x }\n      junk: Spam\n"));
        assertTrue(e.getMessage().contains("junk"), e.getMessage());
    }
}
