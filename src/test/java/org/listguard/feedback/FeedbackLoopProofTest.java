package org.listguard.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.audit.Status;
import org.listguard.config.BounceSettings;
import org.listguard.config.Defaults;
import org.listguard.guard.Provenance;
import org.listguard.journal.ComplaintRate;
import org.listguard.reply.Action;
import org.listguard.reply.ReplyClassifier;
import org.listguard.send.ComplaintGate;
import org.listguard.testing.TestKeys;

/**
 * Issue 18 part 4, with real DKIM: every signature here is made with a real key and verified by
 * jDKIM through a real DNS server. A report is the provider's (it may count toward the complaint
 * gate) only when it proves it; everything short of that is at most one member's own report.
 */
class FeedbackLoopProofTest {
    static final BounceSettings LIMITS = new BounceSettings(null, null, null);

    @RegisterExtension
    static final FeedbackLoopWorld.PerClass WORLD = new FeedbackLoopWorld.PerClass();

    @TempDir
    Path dir;
    ProcessFixture f;

    @BeforeEach
    void setUp() {
        f = new ProcessFixture(dir, 12);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    BounceProcessor processor() {
        return new BounceProcessor(f.journal, new BounceParser(ReplyClassifier.standard()), LIMITS, f.clock,
                new ReportAuthenticator(TestKeys.KEYS, List.of(FeedbackLoopWorld.PROVIDER), "example.org", "news",
                        List.of(FeedbackLoopWorld.RELAY_IP), new DkimReportSignatures(WORLD.world().client())));
    }

    String messageId(long seq) {
        return f.journal.recipient(f.run, seq).orElseThrow().messageId();
    }

    /** Our signed message to recipient {@code seq}, as the journal knows it. */
    byte[] original(long seq) {
        return WORLD.world().ourMessage(f.journal.recipient(f.run, seq).orElseThrow().email(), messageId(seq));
    }

    ComplaintRate rate() {
        return f.journal.feedback().complaintRate("monthly", Defaults.CORROBORATE).orElseThrow();
    }

    void assertOnlySuppressed(String... addresses) {
        assertEquals(List.of(addresses), f.journal.suppressions().list().stream().map(s -> s.key()).toList());
    }

    @Test
    void aProvenReportSuppressesThatMemberAndCountsTowardTheGate() {
        String member = ProcessFixture.REPORTED.get(2);
        MessageOutcome o = processor().processMessage("1.arf",
                WORLD.world().report("<r1@hotmail.com>", FeedbackLoopWorld.fields(member), original(ProcessFixture.COMPLAINT), false));
        assertTrue(o.verified(), o.toString());
        assertEquals("feedback-loop:Microsoft JMRP", o.applied().get(0).matchedBy());
        assertOnlySuppressed(member);
        assertEquals(1, rate().proven());
        assertEquals(1, rate().complaints(), "a proven feedback loop counts on its own");
        assertEquals(Status.FAIL, ComplaintGate.finding(f.journal, LIMITS, Defaults.CORROBORATE, "monthly").orElseThrow().status(),
                "1 of 12 is over 0.3 %");
    }

    @Test
    void theAppliedRecordSaysTheProviderProvedIt() {
        List<BounceProcessor.AppliedRecord> applied = new ArrayList<>();
        processor().processMessage("1.arf", WORLD.world().report("<r1@hotmail.com>", FeedbackLoopWorld.fields(ProcessFixture.REPORTED.get(2)),
                original(ProcessFixture.COMPLAINT), false), applied::add);
        Provenance.FeedbackLoop p = assertInstanceOf(Provenance.FeedbackLoop.class, applied.get(0).provenance());
        assertEquals("Microsoft JMRP", p.provider());
        assertEquals("hotmail.com", p.signingDomain());
    }

    @Test
    void theAttackAProviderSignedArfNamingThreeMembersByAddressChangesNothing() {
        // an ordinary hotmail.com account: its mail carries d=hotmail.com; the right shape, an original of its own making
        byte[] fake = "From: a@b.example\r\nTo: x@y.example\r\nMessage-ID: <made-up@b.example>\r\nSubject: x\r\n\r\nx\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        String fields = FeedbackLoopWorld.fields(ProcessFixture.REPORTED.get(0)) + "Original-Rcpt-To: " + ProcessFixture.REPORTED.get(1)
                + "\r\nOriginal-Rcpt-To: " + ProcessFixture.REPORTED.get(2) + "\r\n";
        MessageOutcome o = processor().processMessage("1.arf", WORLD.world().report("<r1@hotmail.com>", fields, fake, false));
        assertFalse(o.verified());
        assertEquals(3, o.unverified().size());
        assertTrue(o.unverified().get(0).why().contains("not a proven feedback loop: the enclosed original carries no verifying signature of ours"),
                o.unverified().get(0).why());
        assertOnlySuppressed();
        assertEquals(0, rate().reported());
    }

    @Test
    void theAttackInAnyShapeChangesNothing() {
        String fields = FeedbackLoopWorld.fields(ProcessFixture.REPORTED.get(0)) + "Original-Rcpt-To: " + ProcessFixture.REPORTED.get(1) + "\r\n";
        byte[] fake = "From: a@b.example\r\nMessage-ID: <made-up@b.example>\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] mixed = WORLD.world().signedByProvider(FeedbackLoopWorld.unsigned("multipart/mixed", "<r2@hotmail.com>", fields, fake, false));
        MessageOutcome o = processor().processMessage("2.arf", mixed);
        assertFalse(o.verified());
        assertOnlySuppressed();
        assertEquals(0, rate().reported());
    }

    @Test
    void aProvenReportReachesOnlyTheMemberWhoseSignedOriginalItEncloses() {
        // the provider's signature and our signed message to member 3, but naming members 1 and 2 as well
        String fields = FeedbackLoopWorld.fields(ProcessFixture.REPORTED.get(2)) + "Original-Rcpt-To: " + ProcessFixture.REPORTED.get(0)
                + "\r\nOriginal-Rcpt-To: " + ProcessFixture.REPORTED.get(1) + "\r\n";
        MessageOutcome o = processor().processMessage("1.arf", WORLD.world().report("<r1@hotmail.com>", fields, original(ProcessFixture.COMPLAINT), false));
        assertEquals(1, o.applied().size());
        assertEquals(2, o.unverified().size());
        assertOnlySuppressed(ProcessFixture.REPORTED.get(2));
    }

    @Test
    void anOriginalAlteredAfterWeSignedItIsOnlyThatMembersReport() {
        byte[] altered = new String(original(ProcessFixture.COMPLAINT), StandardCharsets.UTF_8).replace("November newsletter", "December newsletter")
                .getBytes(StandardCharsets.UTF_8);
        MessageOutcome o = processor().processMessage("1.arf",
                WORLD.world().report("<r1@hotmail.com>", FeedbackLoopWorld.fields(ProcessFixture.REPORTED.get(2)), altered, false));
        assertEquals("message-id", o.applied().get(0).matchedBy(), "our Message-ID still says which member it concerns");
        assertOnlySuppressed(ProcessFixture.REPORTED.get(2));
        assertEquals(1, rate().members());
        assertEquals(0, rate().complaints(), "one member's report is not guard.corroborate members");
    }

    @Test
    void aHeadersOnlyOriginalIsOnlyThatMembersReport() {
        MessageOutcome o = processor().processMessage("1.arf",
                WORLD.world().report("<r1@hotmail.com>", FeedbackLoopWorld.fields(ProcessFixture.REPORTED.get(2)), original(ProcessFixture.COMPLAINT), true));
        assertEquals("message-id", o.applied().get(0).matchedBy());
        assertEquals(0, rate().proven());
    }

    @Test
    void aSourceIpThatIsNotOursIsOnlyThatMembersReport() {
        String fields = FeedbackLoopWorld.fields(ProcessFixture.REPORTED.get(2)).replace(FeedbackLoopWorld.RELAY_IP, "203.0.113.99");
        MessageOutcome o = processor().processMessage("1.arf", WORLD.world().report("<r1@hotmail.com>", fields, original(ProcessFixture.COMPLAINT), false));
        assertEquals("message-id", o.applied().get(0).matchedBy());
        assertEquals(0, rate().proven());
    }

    @Test
    void aSourceIpTheJournalLearnedAsOurEgressIsOurs() {
        f.journal.downstream().learnEgress("185.12.64.77", "seed", "Received: from the smart host", f.run);
        String fields = FeedbackLoopWorld.fields(ProcessFixture.REPORTED.get(2)).replace(FeedbackLoopWorld.RELAY_IP, "185.12.64.77");
        MessageOutcome o = processor().processMessage("1.arf", WORLD.world().report("<r1@hotmail.com>", fields, original(ProcessFixture.COMPLAINT), false));
        assertEquals("feedback-loop:Microsoft JMRP", o.applied().get(0).matchedBy());
    }

    @Test
    void aReportWithoutTheRequiredFieldsIsOnlyThatMembersReport() {
        for (String field : List.of("User-Agent", "Version", "Feedback-Type")) {
            String fields = FeedbackLoopWorld.fields(ProcessFixture.REPORTED.get(2)).replaceFirst("(?m)^" + field + ": [^\r]*\r\n", "");
            MessageOutcome o = processor().processMessage(field + ".arf",
                    WORLD.world().report("<" + field + "@hotmail.com>", fields, original(ProcessFixture.COMPLAINT), false));
            assertFalse(o.applied().isEmpty(), field);
            assertFalse(o.applied().get(0).matchedBy().startsWith("feedback-loop"), field);
        }
        assertEquals(0, rate().proven());
    }

    @Test
    void aReportReadBackFromAMaildirWithBareLineFeedsStillVerifies() {
        byte[] crlf = WORLD.world().report("<r1@hotmail.com>", FeedbackLoopWorld.fields(ProcessFixture.REPORTED.get(2)), original(ProcessFixture.COMPLAINT), false);
        byte[] lf = new String(crlf, StandardCharsets.UTF_8).replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8);
        assertEquals("feedback-loop:Microsoft JMRP", processor().processMessage("1.arf", lf).applied().get(0).matchedBy());
    }

    @Test
    void aReportStackedWithSignaturesIsRefusedWithoutAKeyLookup() {
        byte[] r = WORLD.world().report("<r1@hotmail.com>", FeedbackLoopWorld.fields(ProcessFixture.REPORTED.get(2)), original(ProcessFixture.COMPLAINT), false);
        for (int i = 0; i < FeedbackLoopChecker.MAX_SIGNATURES; i++) r = WORLD.world().signedByProvider(r);
        int before = WORLD.world().dns.queryCount();
        MessageOutcome o = processor().processMessage("1.arf", r);
        assertEquals(before, WORLD.world().dns.queryCount(), "no key was looked up");
        assertEquals("message-id", o.applied().get(0).matchedBy(), "at most that member's report");
    }

    @Test
    void aMangledReportNeverThrowsAndReachesNoOtherMember() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(18);
        BounceProcessor p = processor();
        for (int i = 0; i < 40; i++) {
            // a report key of its own each time, so that every copy is read (none is "already processed")
            byte[] good = WORLD.world().report("<r" + i + "@hotmail.com>", FeedbackLoopWorld.fields(ProcessFixture.REPORTED.get(2)),
                    original(ProcessFixture.COMPLAINT), false);
            byte[] b = java.util.Arrays.copyOf(good, rnd.nextBoolean() ? good.length : rnd.nextInt(good.length));
            for (int k = 0; k < 3 && b.length > 0; k++) b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
            p.processMessage("m" + i, b); // a value, never an exception
        }
        for (var s : f.journal.suppressions().list()) assertEquals(ProcessFixture.REPORTED.get(2), s.key());
    }

    @Test
    void withoutOurDkimIdentityNothingIsEverAProvenFeedbackLoop() {
        BounceProcessor p = new BounceProcessor(f.journal, new BounceParser(ReplyClassifier.standard()), LIMITS, f.clock,
                new ReportAuthenticator(TestKeys.KEYS, List.of(FeedbackLoopWorld.PROVIDER), new DkimReportSignatures(WORLD.world().client())));
        MessageOutcome o = p.processMessage("1.arf",
                WORLD.world().report("<r1@hotmail.com>", FeedbackLoopWorld.fields(ProcessFixture.REPORTED.get(2)), original(ProcessFixture.COMPLAINT), false));
        assertEquals("message-id", o.applied().get(0).matchedBy());
        assertEquals(Optional.empty(), ComplaintGate.finding(f.journal, LIMITS, Defaults.CORROBORATE, "monthly"));
    }

    @Test
    void oneMemberCanProveOnlyOneComplaintAboutThemselvesHoweverOftenTheySendIt() {
        // a member with an account at the provider wraps their own message in the provider's shape:
        // no more than pressing "this is spam" would send; counted once, and about them only
        for (int i = 0; i < 4; i++) {
            processor().processMessage(i + ".arf", WORLD.world().report("<self-" + i + "@hotmail.com>",
                    FeedbackLoopWorld.fields(ProcessFixture.REPORTED.get(2)), original(ProcessFixture.COMPLAINT), false));
        }
        assertOnlySuppressed(ProcessFixture.REPORTED.get(2));
        assertEquals(1, rate().complaints());
        assertEquals(Action.COMPLAINT, f.journal.suppressions().find(ProcessFixture.REPORTED.get(2)).orElseThrow().action());
    }
}
