package org.listguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.feedback.MaildirMailbox;
import org.listguard.journal.JournalFixtures;
import org.listguard.testing.TestConfigs;

/** `listguard dmarc import|process|summary` through the real command line. */
class DmarcCommandTest {
    @TempDir
    Path dir;
    Path config;
    final JournalFixtures.MutableClock clock = new JournalFixtures.MutableClock(Instant.parse("2026-11-20T09:00:00Z"));
    StringWriter out;
    StringWriter err;

    @BeforeEach
    void write() throws IOException {
        config = dir.resolve("listguard.yaml");
        Files.writeString(config, TestConfigs.yaml(dir, "dmarc:\n  mailbox: { maildir: " + dir.resolve("rua") + " }\n"));
    }

    int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "-c";
        all[args.length + 1] = config.toString();
        all[args.length + 2] = "--dns";
        all[args.length + 3] = "127.0.0.1:9"; // never the internet: nothing here needs DNS
        return Main.run(new Environment(clock, Map.of(), new PrintWriter(out, true), new PrintWriter(err, true), false), all);
    }

    static String xml(String id, String ip, String dkim) {
        return "<?xml version=\"1.0\"?><feedback><report_metadata><org_name>google.com</org_name><email>noreply-dmarc-support@google.com"
                + "</email><report_id>" + id + "</report_id><date_range><begin>1795046400</begin><end>1795132799</end></date_range>"
                + "</report_metadata><policy_published><domain>example.org</domain><p>none</p></policy_published><record><row><source_ip>"
                + ip + "</source_ip><count>12</count><policy_evaluated><disposition>none</disposition><dkim>" + dkim + "</dkim><spf>pass</spf>"
                + "</policy_evaluated></row><identifiers><header_from>example.org</header_from></identifiers><auth_results><dkim><domain>"
                + "example.org</domain><selector>news</selector><result>" + dkim + "</result></dkim><spf><domain>example.org</domain>"
                + "<result>pass</result></spf></auth_results></record></feedback>";
    }

    static byte[] gzip(String s) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(b)) {
            g.write(s.getBytes(StandardCharsets.UTF_8));
        }
        return b.toByteArray();
    }

    Path file(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    @Test
    void importTrustedLearnsTheEgressAndSummaryShowsIt() throws IOException {
        Path f = file("google.com!example.org!1795046400!1795132799.xml.gz", gzip(xml("g-1", "1.2.3.77", "pass")));
        assertEquals(0, run("dmarc", "import", "--trusted", f.toString()), err.toString());
        assertTrue(out.toString().startsWith("applied    google.com g-1  12 message(s) (new-egress 12)"), out.toString());
        assertTrue(out.toString().contains("learned egress 1.2.3.77"), out.toString());
        assertEquals(0, run("dmarc", "summary"));
        assertTrue(out.toString().contains("1.2.3.77") && out.toString().contains("new-egress"), out.toString());
        assertEquals(0, run("dmarc", "import", "--trusted", f.toString()));
        assertTrue(out.toString().startsWith("duplicate  google.com g-1 (applied before)"), out.toString());
    }

    @Test
    void anUntrustedFileIsKeptAndChangesNothing() throws IOException {
        Path f = file("r.xml", xml("g-2", "1.2.3.77", "pass").getBytes(StandardCharsets.UTF_8));
        assertEquals(0, run("dmarc", "import", f.toString()));
        assertTrue(out.toString().contains("unverified google.com g-2") && !out.toString().contains("learned"), out.toString());
        assertEquals(0, run("dmarc", "summary"));
        assertTrue(out.toString().contains("(unverified: changes nothing)"), out.toString());
    }

    @Test
    void aHostileFileIsSetAsideTheOthersApplyAndTheExitIsTwo() throws IOException {
        Path bad = file("xxe.xml", "<?xml version=\"1.0\"?><!DOCTYPE f [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><feedback>&x;</feedback>"
                .getBytes(StandardCharsets.UTF_8));
        Path good = file("ok.xml", xml("g-3", "198.51.100.25", "pass").getBytes(StandardCharsets.UTF_8));
        Path missing = dir.resolve("missing.xml");
        assertEquals(2, run("dmarc", "import", "--trusted", bad.toString(), missing.toString(), good.toString()));
        String o = out.toString();
        assertTrue(o.contains("set aside  " + bad + ": a DOCTYPE") && o.contains("unreadable " + missing) && o.contains("applied    google.com g-3"), o);
        assertEquals(0, run("dmarc", "summary", "--format", "json"));
        String json = out.toString();
        assertTrue(json.contains("\"report_id\" : \"g-3\"") && json.contains("\"class\" : \"relay\"") && json.contains("\"verified\" : true"), json);
        assertTrue(json.contains("\"set_aside\" : [ {") && json.contains("\"file\" : \"" + bad + "\""), json);
    }

    @Test
    void summaryAsCsv() throws IOException {
        run("dmarc", "import", "--trusted", file("a.xml", xml("g-4", "198.51.100.25", "fail").getBytes(StandardCharsets.UTF_8)).toString());
        assertEquals(0, run("dmarc", "summary", "--format", "csv", "--days", "30"));
        assertEquals("reporter,source_ip,verified,messages,dkim_pass,spf_pass,class\r\ngoogle.com,198.51.100.25,true,12,0,12,dkim-fail\r\n",
                out.toString());
    }

    @Test
    void processAppliesReportMessagesSetsHostileOnesAsideAndLeavesBouncesAlone() throws IOException {
        Path nw = Files.createDirectories(dir.resolve("rua/new"));
        Files.createDirectories(dir.resolve("rua/cur"));
        Files.createDirectories(dir.resolve("rua/tmp"));
        Files.writeString(nw.resolve("1.report"), message("r.xml.gz", gzip(xml("g-5", "198.51.100.25", "pass"))));
        Files.writeString(nw.resolve("2.bounce"), "From: MAILER-DAEMON@example.net\r\nSubject: Undelivered Mail\r\nContent-Type: text/plain\r\n\r\nsorry\r\n");
        Files.writeString(nw.resolve("3.hostile"), message("bomb.xml.gz", java.util.Arrays.copyOf(gzip(xml("g-6", "1.2.3.4", "pass")), 40)));
        assertEquals(0, run("dmarc", "process"), err.toString());
        String o = out.toString();
        assertTrue(o.contains("unverified google.com g-5") && o.contains("set aside  ") && o.contains("truncated"), o);
        assertTrue(o.contains("1 report message(s) processed"), o);
        try (MaildirMailbox m = MaildirMailbox.open(dir.resolve("rua"), Optional.of("listguard-processed"))) {
            assertEquals(1, m.messages().size()); // the bounce, untouched
            assertTrue(m.messages().get(0).source().endsWith("2.bounce"), m.messages().toString());
        }
        assertEquals(0, run("dmarc", "process"));
        assertTrue(out.toString().contains("0 report message(s) processed"), out.toString());
    }

    /** Issue 21: a message with no report is read once; the marks are the DMARC reader's own, not the bounce reader's. */
    @Test
    void processRemembersAMessageWithNoReportAndDoesNotReadItAgain() throws IOException {
        Path nw = Files.createDirectories(dir.resolve("rua/new"));
        Files.createDirectories(dir.resolve("rua/cur"));
        Files.createDirectories(dir.resolve("rua/tmp"));
        Files.writeString(nw.resolve("2.notice"), "From: club@news.example\r\nSubject: Weekly digest\r\n\r\nnews\r\n");
        assertEquals(0, run("dmarc", "process"), err.toString());
        String reader = "maildir " + dir.resolve("rua").toAbsolutePath().normalize();
        try (org.listguard.journal.Journal j = org.listguard.journal.Journal.open("jdbc:sqlite:" + dir.resolve("lg.db"), clock)) {
            assertEquals(java.util.Set.of("2.notice"), j.mailboxReads().left("dmarc " + reader), "remembered as read and left");
            assertEquals(java.util.Set.of(), j.mailboxReads().left("bounces process " + reader), "the bounce reader has marks of its own");
        }
        assertTrue(Files.exists(nw.resolve("2.notice")), "left where it was");
        assertEquals(0, run("dmarc", "process"), err.toString());
        assertTrue(out.toString().contains("0 report message(s) processed"), out.toString());
    }

    /** Issue 24: `bounces process` applies the DMARC reports of dmarc.mailbox too, often the same mailbox. */
    @Test
    void bouncesProcessAlsoAppliesTheReportsOfDmarcMailbox() throws IOException {
        Files.writeString(config, TestConfigs.yaml(dir, "dmarc:\n  mailbox: { maildir: " + dir.resolve("rua") + " }\n"
                + "bounces:\n  mailbox: { maildir: " + dir.resolve("rua") + " }\n"));
        Path nw = Files.createDirectories(dir.resolve("rua/new"));
        Files.createDirectories(dir.resolve("rua/cur"));
        Files.createDirectories(dir.resolve("rua/tmp"));
        Files.writeString(nw.resolve("1.report"), message("r.xml.gz", gzip(xml("g-7", "198.51.100.25", "pass"))));
        assertEquals(0, run("keys", "init"), err.toString());
        assertEquals(0, run("bounces", "process"), err.toString());
        assertTrue(out.toString().contains("google.com g-7") && out.toString().contains("1 report message(s) processed"), out.toString());
        assertEquals(0, run("bounces", "process", "--format", "json"), err.toString());
        assertTrue(out.toString().trim().startsWith("{") && out.toString().trim().endsWith("}"), "stdout stays one JSON document: " + out);
    }

    static String message(String name, byte[] attachment) {
        return "From: noreply-dmarc-support@google.com\r\nSubject: Report domain: example.org\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: application/gzip; name=\"" + name + "\"\r\n"
                + "Content-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=\"" + name + "\"\r\n\r\n"
                + java.util.Base64.getMimeEncoder().encodeToString(attachment) + "\r\n--b--\r\n";
    }
}
