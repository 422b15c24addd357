package org.listguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.feedback.ProcessFixture;

/** {@code bounces process} through the real command line, over a Maildir and a SQLite journal. */
class BouncesProcessCommandTest {
    @TempDir
    Path dir;

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int run(String... args) {
        Environment env = new Environment(java.time.Clock.fixed(ProcessFixture.T0.plusSeconds(86_400), java.time.ZoneOffset.UTC), Map.of(),
                new PrintWriter(out, true), new PrintWriter(err, true), false);
        return Main.run(env, args);
    }

    /** The example config with absolute paths, this test's journal and the given bounces section appended. */
    Path config(String bouncesYaml) throws Exception {
        return exampleConfig(dir, bouncesYaml);
    }

    /** The example config with absolute paths, a journal in {@code dir} and the given bounces section appended. */
    static Path exampleConfig(Path dir, String bouncesYaml) throws Exception {
        String yaml = Files.readString(Path.of("config/listguard.yaml"));
        Path root = Path.of("").toAbsolutePath();
        yaml = org.listguard.testing.ExampleConfig.withAbsolutePaths(yaml);
        yaml = yaml.replace("jdbc:sqlite:data/listguard.db", "jdbc:sqlite:" + dir.resolve("journal.db")) + bouncesYaml;
        yaml = yaml.replace("\nsender:\n", "\nsender:\n  token_key_file: " + org.listguard.testing.TestKeys.write(dir) + "\n");
        return Files.writeString(dir.resolve("listguard.yaml"), yaml);
    }

    /** A journal with a run of {@code members}, and a Maildir holding the given samples for it. */
    Path mailboxWith(int members, String... samples) throws Exception {
        Path maildir = ProcessFixture.maildir(dir.resolve("Maildir"));
        try (ProcessFixture f = new ProcessFixture(dir, members)) {
            for (int i = 0; i < samples.length; i += 2) {
                ProcessFixture.deliver(maildir, "100" + i + ".eml", f.sample(samples[i], Long.parseLong(samples[i + 1])));
            }
        }
        return maildir;
    }

    @Test
    void processPrintsTheJsonSummaryAndExitsZero() throws Exception {
        Path maildir = mailboxWith(400, "hard.eml", "1", "unrelated.eml", "0", "reputation.eml", "2");
        Path cfg = config("bounces:\n  mailbox: { maildir: " + maildir + " }\n");
        assertEquals(0, run("bounces", "process", "-c", cfg.toString(), "--format", "json"), err.toString());
        JsonNode n = new ObjectMapper().readTree(out.toString());
        assertEquals(3, n.get("read").asInt());
        assertEquals(2, n.get("matched").asInt());
        assertEquals(1, n.get("not_reports").asInt());
        assertEquals(1, n.get("actions").get("hard").asInt());
        assertEquals(1, n.get("actions").get("reputation").asInt());
        assertEquals(1, n.get("suppressed").asInt());
        assertEquals("monthly", n.get("complaint_rates").get(0).get("campaign").asText());
        assertEquals("ok", n.get("complaint_rates").get(0).get("level").asText());
    }

    @Test
    void theSummaryNamesEveryMemberSuppressedOnTheirEvidenceAndWhy() throws Exception {
        Path maildir = mailboxWith(10, "hard.eml", "1");
        Path cfg = config("bounces:\n  mailbox: { maildir: " + maildir + " }\n");
        assertEquals(0, run("bounces", "process", "-c", cfg.toString()), err.toString());
        String text = out.toString();
        assertTrue(text.contains("suppressed on their bounce evidence"), text);
        assertTrue(text.contains("kijitora@example.co.jp (run "), text);
        assertTrue(text.contains("suppressed at once: definitive"), text);
        out.getBuffer().setLength(0);
        assertEquals(0, run("members", "show", "kijitora@example.co.jp", "-c", cfg.toString(), "--format", "json"), err.toString());
        JsonNode n = new ObjectMapper().readTree(out.toString());
        assertEquals("suppress-definitive", n.get("verdict").asText());
        assertEquals("definitive", n.get("history").get(0).get("grade").asText());
    }

    @Test
    void textOutputSaysOneMembersOwnComplaintIsNotCountedAlone() throws Exception {
        Path maildir = mailboxWith(10, "complaint.eml", "3");
        Path cfg = config("bounces:\n  mailbox: { maildir: " + maildir + " }\n");
        assertEquals(0, run("bounces", "process", "-c", cfg.toString()), err.toString());
        String text = out.toString();
        assertTrue(text.contains("complaints: 1 new"), text);
        assertTrue(text.contains("complaint rate 0.00 % (0 of 10 accepted); not counted: 1 member(s) complaining by their own report"
                + " only, fewer than guard.corroborate=3"), text);
        assertTrue(!text.contains("will be refused"), text);
    }

    @Test
    void textOutputSaysTheNextSendWillBeRefusedOverTheStopLimit() throws Exception {
        Path maildir = mailboxWith(10, "complaint.eml", "3");
        Path cfg = config("bounces:\n  mailbox: { maildir: " + maildir + " }\n").toAbsolutePath();
        java.nio.file.Files.writeString(cfg, java.nio.file.Files.readString(cfg).replace("\nguard:", "\nguard:\n  corroborate: 1"));
        assertEquals(0, run("bounces", "process", "-c", cfg.toString()), err.toString());
        String text = out.toString();
        assertTrue(text.contains("complaint rate 10.00 % (1 of 10 accepted)"), text);
        assertTrue(text.contains("the next send of monthly will be refused"), text);
    }

    @Test
    void aForgedReportIsShownAsUnverifiedAndChangesNothing() throws Exception {
        Path maildir = ProcessFixture.maildir(dir.resolve("Maildir"));
        try (ProcessFixture f = new ProcessFixture(dir, 10)) {
            String forged = new org.listguard.compose.KeyedTokens(org.listguard.compose.TokenKeys.of(org.listguard.testing.TestKeys.bytes(99), null))
                    .issue(new org.listguard.compose.VerpToken(f.run, 3), org.listguard.compose.VerpToken.Purpose.RETURN);
            ProcessFixture.deliver(maildir, "1000.arf", ProcessFixture.sample("complaint.eml", forged));
        }
        Path cfg = config("bounces:\n  mailbox: { maildir: " + maildir + " }\n");
        assertEquals(0, run("bounces", "process", "-c", cfg.toString()), err.toString());
        String text = out.toString();
        assertTrue(text.contains("UNVERIFIED: 1 record(s)"), text);
        assertTrue(text.contains("the VERP token does not verify"), text);
        assertTrue(text.contains("complaint rate 0.00 %"), text);
        try (org.listguard.journal.Journal j = org.listguard.journal.Journal.open("jdbc:sqlite:" + dir.resolve("journal.db"), java.time.Clock.systemUTC())) {
            assertTrue(j.suppressions().list().isEmpty());
            assertEquals(1, j.unverifiedReports().list().size());
        }
    }

    @Test
    void aMaildirThatIsNotOneExitsTwoNamingFileLineAndField() throws Exception {
        Path notMaildir = Files.createDirectories(dir.resolve("empty"));
        Path cfg = config("bounces:\n  mailbox:\n    maildir: " + notMaildir + "\n");
        assertEquals(2, run("bounces", "process", "-c", cfg.toString()));
        assertTrue(err.toString().contains(cfg + ":"), err.toString());
        assertTrue(err.toString().contains("bounces.mailbox.maildir"), err.toString());
        assertTrue(err.toString().contains("is not a Maildir"), err.toString());
    }

    @Test
    void withoutABouncesSectionItExitsTwo() throws Exception {
        Path cfg = config("");
        assertEquals(2, run("bounces", "process", "-c", cfg.toString()));
        assertTrue(err.toString().contains("bounces"), err.toString());
    }

    @Test
    void anUnsetImapPasswordVariableExitsTwoNamingAuth() throws Exception {
        Path cfg = config("bounces:\n  mailbox:\n    host: 127.0.0.1\n    port: 1\n    tls: none\n"
                + "    auth: { username: bounces@example.org, password_env: NOT_SET_ANYWHERE }\n");
        assertEquals(2, run("bounces", "process", "-c", cfg.toString()));
        assertTrue(err.toString().contains("bounces.mailbox.auth") && err.toString().contains("NOT_SET_ANYWHERE"), err.toString());
    }
}
