package org.listguard.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.listguard.guard.Evidence;
import org.listguard.reply.Action;

/** The run records' versioned JSON schema: every record round-trips; rows older or newer than this version, or broken, never throw. */
class RunRecordCodecTest {
    static final Instant AT = Instant.parse("2026-11-01T09:00:00.123Z");
    static final Evidence REPLY = new Evidence(AT, "throttle", "isp", "example.net", 421, "4.7.0", "421 4.7.0 slow down", "relay");
    static final Evidence SEED = new Evidence(AT, "seed", "isp", "seeds.example", 250, null, "250 ok", "seed", "s@seeds.example",
            "<m1@example.org>", "Q1");

    /** One of each record this version writes. */
    static final List<RunRecord> SAMPLES = List.of(
            new RunRecord.Batch(3, 100),
            new RunRecord.Planned(120, 117),
            new RunRecord.PlannedOnResume(40),
            new RunRecord.Resumed("go", false, "paused"),
            new RunRecord.ResumedAfterWait(180),
            new RunRecord.Again("send --again"),
            new RunRecord.Forced("no-go"),
            new RunRecord.Interrupted("SIGTERM"),
            new RunRecord.SlowDown("isp asked to slow down: rate", 0.5, REPLY),
            new RunRecord.SlowDown("isp asked to slow down: rate", 0.25, null),
            new RunRecord.RateRecovered(0.75),
            new RunRecord.Failover("isp", "backup", "listed", "go", List.of(Evidence.listing(AT, "198.51.100.25", "zen.spamhaus.org", "127.0.0.2", "SBL"))),
            new RunRecord.BlockedUncorroborated(2),
            new RunRecord.ProviderSuspended("gmail", "receiving provider gmail refuses", List.of(REPLY), false),
            new RunRecord.ProviderSuspended("gmail", "remembered block: x", null, true),
            new RunRecord.ProviderResumed("gmail", 7),
            new RunRecord.CanarySent("gmail", 12, "gmail.com"),
            new RunRecord.EgressLearned("192.0.2.7", "dsn-corroborated", 3, "mx.example.net", false, "zen.spamhaus.org"),
            new RunRecord.EgressLearned("192.0.2.8", "seed", null, null, true, null),
            new RunRecord.NamedZoneChecked("192.0.2.7", "bl.example", "listed (127.0.0.2)"),
            new RunRecord.ReturnPathUnreadable("imap://bounces@mail", "login failed"),
            new RunRecord.ReturnPathSkipped("cur/1.junk", "not a report"),
            new RunRecord.Bounce(Action.REPUTATION, "blocked", "a@example.net", "5.7.1", 554, "554 5.7.1 blocked", "mx.example.net", "dsn",
                    "<k@x>", "maildir:/b", "20261101-090000-monthly", 4, "verp", "2026-11-01T09:01:00.000Z", "relay.example", "delayed"),
            new RunRecord.Bounce(Action.THROTTLE, null, "a@example.net", null, null, null, null, "dsn", "k", "s", "r", 1,
                    "feedback-loop:hotmail", "2026-11-01T09:01:00.000Z", null, null),
            new RunRecord.SeedSent("s@seeds.example", "<m1@example.org>", "run.1.ab", "isp", "250 ok", AT.toString(), "Q1"),
            new RunRecord.SeedRefused("s@seeds.example", "<m1@example.org>", "run.1.ab", "isp", "554 no", Action.REPUTATION, "blocked"),
            new RunRecord.SeedArrived("s@seeds.example", "<m1@example.org>", 42, "192.0.2.8", "gmail"),
            new RunRecord.SeedRefusedDownstream("s@seeds.example", "<m1@example.org>", "isp", Action.REPUTATION, "blocked", "5.7.1",
                    "554 5.7.1 blocked", "relay.example", "mx.example.net", "192.0.2.8", "zen.spamhaus.org", 30),
            new RunRecord.SeedOverdue("silent discard suspected", List.of(SEED)),
            new RunRecord.SeedMailboxUnreachable("imap://seeds@mail", "timeout"),
            new RunRecord.SeedPlaced("s@seeds.example", "google", org.listguard.placement.Placement.JUNK, "[Gmail]/Spam", "<m@example.org>",
                    "isp", 42, new org.listguard.placement.ReceiverVerdict("mx.google.com",
                            new org.listguard.placement.ReceiverVerdict.Authentication("pass", "pass", "fail"),
                            new org.listguard.placement.ReceiverVerdict.Spam("spamassassin", 6.3, 5.0, true, List.of("RCVD_IN_X")),
                            "from smtp.isp.example ([198.51.100.25]) by mx.google.com", "198.51.100.25", List.of("X-Spam-Status: written before the receiver's hop"))),
            new RunRecord.SeedPlaced("t@seeds.example", "example.net", org.listguard.placement.Placement.MISSING, null, "<n@example.org>",
                    "isp", 600, null),
            new RunRecord.MemberNeedsLook("member@example.net", "filtered", "needs your look: the receiver refused run after run"));

    @Test
    void everyRecordRoundTripsWithItsVersion() throws Exception {
        for (RunRecord r : SAMPLES) {
            String stored = RunRecordCodec.encode(r);
            assertTrue(stored.startsWith("{\"v\":1,"), stored);
            assertEquals(r, RunRecordCodec.decode(r.kind(), stored), stored);
            assertTrue(r.provenance().isEmpty() || Set.of("relay", "seed", "member", "feedback-loop", "dmarc", "operator", "own-lookup")
                    .contains(r.provenance().get()), r.toString());
        }
    }

    @Test
    void everyRecordOfTheFamilyHasASample() {
        Set<String> sampled = SAMPLES.stream().map(r -> r.getClass().getSimpleName()).collect(Collectors.toSet());
        Set<String> family = Arrays.stream(RunRecord.class.getPermittedSubclasses()).map(Class::getSimpleName)
                .filter(n -> !n.equals("Unreadable")).collect(Collectors.toSet());
        assertEquals(family, sampled);
    }

    @Test
    void aBatchNamesItsMembersAndOlderBatchRecordsWithoutThemStillRead() {
        RunRecord b = new RunRecord.Batch(4, 2, List.of(7L, 9L));
        assertEquals(b, RunRecordCodec.decode("batch", RunRecordCodec.encode(b)));
        assertEquals(new RunRecord.Batch(4, 2), RunRecordCodec.decode("batch", "{\"v\":1,\"batch\":4,\"size\":2}"));
        assertTrue(RunRecordCodec.decode("batch", "{\"v\":1,\"batch\":4,\"size\":2,\"seqs\":[\"x\"]}") instanceof RunRecord.Unreadable,
                "a member that is not a number makes the record unreadable, not a guess");
    }

    @Test
    void rowsWrittenBeforeTheSchemaHadAVersionReadTheSame() {
        // as report.Json wrote them: indented, keys in Map.of's order, no "v"
        assertEquals(new RunRecord.Batch(2, 3), RunRecordCodec.decode("batch", "{\n  \"size\" : 3,\n  \"batch\" : 2\n}"));
        assertEquals(new RunRecord.SlowDown("r", 0.5, null), RunRecordCodec.decode("slow_down",
                "{\n  \"evidence\" : { },\n  \"rate_factor\" : 0.5,\n  \"reason\" : \"r\"\n}"));
        assertEquals(new RunRecord.ProviderSuspended("gmail", "remembered block: x", null, true),
                RunRecordCodec.decode("provider_suspended", "{\"remembered\":true,\"provider\":\"gmail\",\"reason\":\"remembered block: x\"}"));
        assertEquals(new RunRecord.Planned(9, 9), RunRecordCodec.decode("planned", "{\"rows\":9,\"to_send\":9}"));
        assertEquals(new RunRecord.ResumedAfterWait(60), RunRecordCodec.decode("resumed", "{\"after_wait_seconds\":60}"));
    }

    @Test
    void theStoredFieldsAreTheOnesTheJournalAlwaysHad() throws Exception {
        ObjectMapper m = new ObjectMapper();
        Map<String, Object> old = new LinkedHashMap<>(); // Seeds' seed_sent, as it was built before the records
        old.put("seed", "s@seeds.example");
        old.put("message_id", "<m1@example.org>");
        old.put("marker", "run.1.ab");
        old.put("relay", "isp");
        old.put("reply", "250 ok");
        old.put("accepted_at", AT.toString());
        old.put("queue_id", "Q1");
        assertEquals(m.writeValueAsString(old), RunRecordCodec.shown(SAMPLES.get(24)));
        assertEquals("{\"at\":\"2026-11-01T09:00:00.123Z\",\"kind\":\"throttle\",\"relay\":\"isp\",\"recipient_domain\":\"example.net\","
                + "\"reply_code\":421,\"enhanced_code\":\"4.7.0\",\"text\":\"421 4.7.0 slow down\",\"source\":\"relay\"}",
                m.readTree(RunRecordCodec.shown(SAMPLES.get(8))).get("evidence").toString(), "evidence as the pause evidence has it");
        assertEquals("{\"reason\":\"isp asked to slow down: rate\",\"rate_factor\":0.25,\"evidence\":{}}", RunRecordCodec.shown(SAMPLES.get(9)));
        assertEquals("bounce-reputation", SAMPLES.get(22).kind());
    }

    @Test
    void newerVersionsUnknownKindsAndBrokenRowsAreUnreadableNotErrors() {
        assertInstanceOf(RunRecord.Unreadable.class, RunRecordCodec.decode("batch", "{\"v\":2,\"batch\":1,\"size\":3}"));
        assertInstanceOf(RunRecord.Unreadable.class, RunRecordCodec.decode("batch", "{\"v\":\"1\",\"batch\":1,\"size\":3}"));
        assertEquals(new RunRecord.Unreadable("suspend", "{\"provider\":\"x\"}"), RunRecordCodec.decode("suspend", "{\"provider\":\"x\"}"));
        assertEquals(new RunRecord.Unreadable("batch", "{\"batch\":"), RunRecordCodec.decode("batch", "{\"batch\":"));
        assertEquals(new RunRecord.Unreadable("batch", "{\"batch\":\"one\",\"size\":3}"), RunRecordCodec.decode("batch", "{\"batch\":\"one\",\"size\":3}"));
        assertEquals(new RunRecord.Unreadable("planned", "{}"), RunRecordCodec.decode("planned", "{}"));
        assertEquals(new RunRecord.Unreadable("bounce-nonsense", "{\"seq\":1}"), RunRecordCodec.decode("bounce-nonsense", "{\"seq\":1}"));
        assertEquals(new RunRecord.Unreadable("seed_overdue", "[1]"), RunRecordCodec.decode("seed_overdue", "[1]"));
        assertEquals(new RunRecord.Unreadable("pause", null), RunRecordCodec.decode("pause", null));
        RunRecord.Unreadable u = new RunRecord.Unreadable("batch", "{\"v\":2}");
        assertEquals("{\"v\":2}", RunRecordCodec.encode(u), "an unreadable row is kept as it was read");
        assertEquals("{\"v\":2}", RunRecordCodec.shown(u));
    }

    @Test
    void provenanceFollowsTheSource() {
        assertEquals("feedback-loop", SAMPLES.get(23).provenance().orElseThrow());
        assertEquals("member", SAMPLES.get(22).provenance().orElseThrow());
        assertEquals("own-lookup", SAMPLES.get(11).provenance().orElseThrow(), "a failover on a listing is our own re-check");
        assertEquals("seed", SAMPLES.get(18).provenance().orElseThrow());
        assertTrue(SAMPLES.get(13).provenance().isEmpty(), "a suspension is the guard's decision over several reports");
    }
}
