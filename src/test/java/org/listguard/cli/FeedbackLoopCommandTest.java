package org.listguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.audit.Finding;
import org.listguard.audit.Status;
import org.listguard.config.ConfigLoader;
import org.listguard.feedback.FeedbackLoopWorld;
import org.listguard.feedback.ProcessFixture;
import org.listguard.journal.Journal;
import org.listguard.send.ComplaintGate;

/**
 * Issue 18 part 4 end to end: {@code bounces process} through the real command line, over a
 * Maildir and a SQLite journal, with DKIM keys published by an in-process DNS server
 * ({@code --dns}). Nothing one account at a feedback-loop provider sends suppresses anybody
 * beyond what a member's own proof allows or trips the complaint gate; a proven feedback-loop
 * report does; members' own complaints trip it from {@code guard.corroborate} (3) distinct members.
 */
class FeedbackLoopCommandTest {
    static final int MEMBERS = 10;

    @RegisterExtension
    static final FeedbackLoopWorld.PerClass WORLD = new FeedbackLoopWorld.PerClass();

    @TempDir
    Path dir;
    Path maildir;
    String run;
    StringWriter out;
    StringWriter err;

    @BeforeEach
    void setUp() throws Exception {
        maildir = ProcessFixture.maildir(dir.resolve("Maildir"));
        try (ProcessFixture f = new ProcessFixture(dir, MEMBERS)) {
            run = f.run;
        }
    }

    /** {@code bounces process} with feedback_sources [hotmail.com], the world's DNS; the JSON summary. */
    JsonNode process() throws Exception {
        Path cfg = BouncesProcessCommandTest.exampleConfig(dir, "bounces:\n  mailbox: { maildir: " + maildir + " }\n"
                + "  feedback_sources: [" + FeedbackLoopWorld.PROVIDER + "]\n");
        out = new StringWriter();
        err = new StringWriter();
        Environment env = new Environment(Clock.fixed(ProcessFixture.T0.plusSeconds(86_400), ZoneOffset.UTC), Map.of(),
                new PrintWriter(out, true), new PrintWriter(err, true), false);
        assertEquals(0, Main.run(env, "bounces", "process", "-c", cfg.toString(), "--dns", WORLD.world().dns.hostPort(), "--format", "json"),
                err.toString());
        return new ObjectMapper().readTree(out.toString());
    }

    void deliver(String name, byte[] message) throws Exception {
        ProcessFixture.deliver(maildir, name, message);
    }

    /** What the next send's gate says about complaints (the config as `send` loads it). */
    Optional<Finding> gate() throws Exception {
        Path cfg = dir.resolve("listguard.yaml");
        try (Journal j = Journal.open("jdbc:sqlite:" + dir.resolve("journal.db"), Clock.systemUTC())) {
            return ComplaintGate.finding(j, new ConfigLoader().load(cfg), "monthly");
        }
    }

    List<String> suppressed() {
        try (Journal j = Journal.open("jdbc:sqlite:" + dir.resolve("journal.db"), Clock.systemUTC())) {
            return j.suppressions().list().stream().map(s -> s.key()).toList();
        }
    }

    static String member(long seq) {
        return ProcessFixture.address(seq);
    }

    /** Our signed message to member {@code seq} of the run (the journal's Message-ID). */
    byte[] original(long seq) {
        String mid = seq == ProcessFixture.BY_MESSAGE_ID ? ProcessFixture.QUOTED_MESSAGE_ID : "<" + run + "." + seq + ".x@example.org>";
        return WORLD.world().ourMessage(member(seq), mid);
    }

    byte[] ownComplaint(long seq) {
        return ProcessFixture.ownComplaint(run, seq);
    }

    @Test
    void anArfSignedByAHotmailAccountNamingThreeMembersSuppressesNobodyAndLeavesTheGateAlone() throws Exception {
        String three = FeedbackLoopWorld.fields(member(1)) + "Original-Rcpt-To: " + member(2) + "\r\nOriginal-Rcpt-To: " + member(3) + "\r\n";
        byte[] made = "From: me@hotmail.com\r\nTo: you@example.org\r\nMessage-ID: <mine@hotmail.com>\r\nSubject: hi\r\n\r\nhi\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        deliver("1.arf", WORLD.world().report("<attack-1@hotmail.com>", three, made, false));
        deliver("2.arf", WORLD.world().signedByProvider(FeedbackLoopWorld.unsigned("multipart/mixed", "<attack-2@hotmail.com>", three, made, false)));
        JsonNode n = process();
        assertEquals(0, n.get("suppressed").asInt(), out.toString());
        assertEquals(0, n.get("complaints").asInt());
        assertEquals(6, n.get("unverified").asInt(), "three named addresses in each of the two reports");
        assertEquals("ok", n.get("complaint_rates").get(0).get("level").asText());
        assertEquals(List.of(), suppressed());
        assertEquals(Optional.empty(), gate(), "the next send is not refused");
    }

    @Test
    void aProvenFeedbackLoopReportSuppressesThatMemberAndTripsTheGate() throws Exception {
        deliver("1.arf", WORLD.world().report("<fbl-1@hotmail.com>", FeedbackLoopWorld.fields(member(3)), original(3), false));
        JsonNode n = process();
        JsonNode rate = n.get("complaint_rates").get(0);
        assertEquals(1, n.get("complaints").asInt(), out.toString());
        assertEquals(1, rate.get("proven_by_feedback_loop").asInt());
        assertEquals(1, rate.get("complaints").asInt());
        assertEquals("stop", rate.get("level").asText(), "1 of 10 is over 0.3 %");
        assertEquals(List.of(member(3)), suppressed());
        assertEquals(Status.FAIL, gate().orElseThrow().status());
        assertTrue(gate().orElseThrow().detail().contains("1 proven by a feedback loop"), gate().orElseThrow().detail());
    }

    @Test
    void twoMembersOwnComplaintsDoNotTripTheGateAThirdDistinctMemberDoes() throws Exception {
        deliver("1.arf", ownComplaint(1));
        deliver("2.arf", ownComplaint(2));
        JsonNode two = process();
        assertEquals(2, two.get("suppressed").asInt(), "each member's own report changes that member");
        assertEquals(2, two.get("complaint_rates").get(0).get("member_reported").asInt());
        assertEquals(0, two.get("complaint_rates").get(0).get("complaints").asInt());
        assertEquals("ok", two.get("complaint_rates").get(0).get("level").asText());
        assertEquals(Optional.empty(), gate());

        deliver("3.arf", ownComplaint(3));
        JsonNode three = process();
        assertEquals(3, three.get("complaint_rates").get(0).get("complaints").asInt(), out.toString());
        assertTrue(three.get("complaint_rates").get(0).get("corroborated").asBoolean());
        assertEquals("stop", three.get("complaint_rates").get(0).get("level").asText());
        assertEquals(Status.FAIL, gate().orElseThrow().status());
    }

    @Test
    void oneMemberComplainingAgainAndAgainIsStillOneMember() throws Exception {
        for (int i = 0; i < 3; i++) {
            deliver(i + ".arf", new String(ownComplaint(1), StandardCharsets.ISO_8859_1)
                    .replace("<1-222222222222eeee-", "<1-" + i + "-222222222222eeee-").getBytes(StandardCharsets.ISO_8859_1));
        }
        JsonNode n = process();
        assertEquals(1, n.get("complaint_rates").get(0).get("member_reported").asInt(), out.toString());
        assertEquals("ok", n.get("complaint_rates").get(0).get("level").asText());
        assertEquals(Optional.empty(), gate());
    }
}
