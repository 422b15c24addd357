package org.listguard.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.compose.KeyedTokens;
import org.listguard.compose.TokenKeys;
import org.listguard.compose.VerpToken;
import org.listguard.config.BounceSettings;
import org.listguard.reply.Action;
import org.listguard.reply.ReplyClassifier;
import org.listguard.journal.UnverifiedReports;
import org.listguard.send.ComplaintGate;
import org.listguard.testing.TestKeys;

/**
 * DESIGN.md invariant 7 from an attacker's side: forged reports of every kind change nothing
 * (no suppression, no complaint counted, no outcome, no event the guard could pause on), and
 * are kept as unverified; genuine keyed reports still work, also across a key rotation.
 */
class ForgedReportsTest {
    static final BounceSettings LIMITS = new BounceSettings(null, null, null);
    static final KeyedTokens STRANGER = new KeyedTokens(TokenKeys.of(TestKeys.bytes(99), null));

    @TempDir
    Path dir;

    ProcessFixture f;
    Path maildir;

    @BeforeEach
    void setUp() throws IOException {
        f = new ProcessFixture(dir, 12);
        maildir = ProcessFixture.maildir(dir.resolve("Maildir"));
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    ProcessSummary process(BounceProcessor p) throws MailboxException {
        try (MaildirMailbox m = MaildirMailbox.open(maildir, Optional.of("done"))) {
            return p.process(m, Set.of("monthly"));
        }
    }

    ProcessSummary process() throws MailboxException {
        return process(f.processor());
    }

    void deliver(String name, String text) throws IOException {
        ProcessFixture.deliver(maildir, name, text.getBytes(StandardCharsets.ISO_8859_1));
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    /** An ARF complaint (complaint.eml) with this token and one Original-Rcpt-To line per address. */
    static String arf(String token, List<String> rcpts) {
        StringBuilder lines = new StringBuilder();
        for (String r : rcpts) lines.append(lines.length() == 0 ? "" : "\n").append("Original-Rcpt-To: ").append(r);
        return text(ProcessFixture.sample("complaint.eml", token)).replace("Original-Rcpt-To: kijitora@y.example.com", lines.toString());
    }

    void assertNothingChanged(ProcessSummary s) {
        assertTrue(f.journal.suppressions().list().isEmpty(), "nobody suppressed: " + f.journal.suppressions().list());
        assertEquals(0, s.suppressed());
        assertEquals(0, s.complaints());
        assertEquals(0, f.journal.feedback().complaintRate("monthly", org.listguard.config.Defaults.CORROBORATE).orElseThrow().complaints(), "no complaint counted");
        assertTrue(f.journal.runEvents().list(f.run).isEmpty(), "no run event for the guard to pause on: " + f.journal.runEvents().list(f.run));
        for (long seq = 1; seq <= 12; seq++) assertEquals("none", f.journal.recipient(f.run, seq).orElseThrow().action(), "row " + seq);
        assertEquals(Optional.empty(), ComplaintGate.finding(f.journal, LIMITS, org.listguard.config.Defaults.CORROBORATE, "monthly"), "the next send is not refused");
    }

    @Test
    void anArfWithManyOriginalRcptToAndAForgedTokenSuppressesNobody() throws IOException {
        String forged = STRANGER.issue(new VerpToken(f.run, ProcessFixture.COMPLAINT), VerpToken.Purpose.RETURN);
        deliver("1.arf", arf(forged, ProcessFixture.REPORTED));
        ProcessSummary s = process();
        assertNothingChanged(s);
        assertEquals(5, s.unverified().size());
        assertTrue(s.unverified().get(0).why().contains("does not verify"), s.unverified().get(0).why());
        assertEquals(5, f.journal.unverifiedReports().list().size(), "each record journaled as unverified");
    }

    @Test
    void anArfWithManyOriginalRcptToAndOneMembersGenuineTokenReachesOnlyThatMember() throws IOException {
        deliver("1.arf", arf(TestKeys.returnToken(f.run, ProcessFixture.COMPLAINT), ProcessFixture.REPORTED));
        ProcessSummary s = process();
        assertEquals(1, s.complaints());
        assertEquals(List.of("kijitora@y.example.com"), f.journal.suppressions().list().stream().map(x -> x.key()).toList());
        assertEquals(4, s.unverified().size(), "the other four named addresses are not the token's recipient");
    }

    @Test
    void aDsnWithAForgedTokenForAnotherMemberChangesNothing() throws IOException {
        // the issue's attack: a token "for member #3" on a DSN whose Final-Recipient names someone else
        String forged = STRANGER.issue(new VerpToken(f.run, 3), VerpToken.Purpose.RETURN);
        deliver("1.dsn", text(ProcessFixture.sample("hard.eml", forged)));
        ProcessSummary s = process();
        assertNothingChanged(s);
        assertEquals(1, s.unverified().size());
    }

    @Test
    void aDsnWithACrcEraTokenIsOnlyAnUnverifiedEventOfTheRunItNames() throws IOException {
        String crc = new VerpToken(f.run, ProcessFixture.HARD).legacyFormat();
        deliver("1.dsn", text(ProcessFixture.sample("hard.eml", crc)));
        ProcessSummary s = process();
        assertNothingChanged(s);
        UnverifiedReports.Entry e = f.journal.unverifiedReports().list().get(0);
        assertEquals(f.run, e.run());
        assertEquals(ProcessFixture.HARD, e.seq());
        assertTrue(e.why().contains("CRC-era"), e.why());
        assertEquals(f.run, s.unverified().get(0).claimedRun());
    }

    @Test
    void aReportThatMatchesOnlyByAddressChangesNothing() throws IOException {
        // names a member (kijitora@example.co.jp is recipient 1) but carries no token and no Message-ID of ours
        deliver("1.dsn", text(ProcessFixture.sample("hard.eml", "not-a-token")));
        deliver("2.arf", arf("none", List.of("kijitora@y.example.com")).replace("bounces+none@", "bounces@"));
        ProcessSummary s = process();
        assertNothingChanged(s);
        assertEquals(2, s.unmatched().size());
        assertEquals(2, s.unverified().size());
    }

    @Test
    void aForgedReputationDsnGivesTheGuardNothing() throws IOException {
        String forged = STRANGER.issue(new VerpToken(f.run, ProcessFixture.REPUTATION), VerpToken.Purpose.RETURN);
        MessageOutcome o = f.processor().processMessage("forged.rep", ProcessFixture.sample("reputation.eml", forged));
        assertFalse(o.verified());
        assertTrue(o.applied().isEmpty());
        assertTrue(f.journal.runEvents().list(f.run).isEmpty());
    }

    @Test
    void aGenuineTokenNamingAnotherAddressIsUnverified() throws IOException {
        String genuine = TestKeys.returnToken(f.run, 7); // member7@example.net's token on a DSN about recipient 1's address
        deliver("1.dsn", text(ProcessFixture.sample("hard.eml", genuine)));
        ProcessSummary s = process();
        assertNothingChanged(s);
        assertTrue(s.unverified().get(0).why().contains("not the recipient"), s.unverified().get(0).why());
    }

    @Test
    void aGenuineKeyedDsnStillSuppressesAndSaysItWasVerified() {
        MessageOutcome o = f.processor().processMessage("1.dsn", f.sample("hard.eml", ProcessFixture.HARD));
        assertTrue(o.verified());
        assertEquals(Action.HARD, o.applied().get(0).action());
        assertEquals("verp", o.applied().get(0).matchedBy());
        assertTrue(f.journal.suppressions().find("kijitora@example.co.jp").isPresent());
    }

    @Test
    void afterAKeyRotationReportsOfMessagesSentWithThePreviousKeyStillWork() {
        TokenKeys old = TokenKeys.of(TestKeys.bytes(1), null);
        String token = new KeyedTokens(old).issue(new VerpToken(f.run, ProcessFixture.HARD), VerpToken.Purpose.RETURN);
        BounceProcessor rotated = new BounceProcessor(f.journal, new BounceParser(ReplyClassifier.standard()), LIMITS, f.clock,
                new ReportAuthenticator(TokenKeys.of(TestKeys.bytes(2), TestKeys.bytes(1)), List.of(), ReportAuthenticator.Signatures.NONE));
        MessageOutcome o = rotated.processMessage("1.dsn", ProcessFixture.sample("hard.eml", token));
        assertTrue(o.verified());
        assertEquals("verp-previous-key", o.applied().get(0).matchedBy());
        BounceProcessor dropped = new BounceProcessor(f.journal, new BounceParser(ReplyClassifier.standard()), LIMITS, f.clock,
                new ReportAuthenticator(TokenKeys.of(TestKeys.bytes(2), null), List.of(), ReportAuthenticator.Signatures.NONE));
        String token2 = new KeyedTokens(old).issue(new VerpToken(f.run, 6), VerpToken.Purpose.RETURN);
        byte[] another = text(ProcessFixture.sample("hard.eml", token2)).replaceFirst("(?im)^(Message-ID: <)", "$1another.")
                .getBytes(StandardCharsets.ISO_8859_1);
        MessageOutcome late = dropped.processMessage("2.dsn", another);
        assertEquals(MessageOutcome.Kind.UNVERIFIED, late.kind(), "once the old key is dropped");
    }

    @Test
    void anArfSignedByAConfiguredFeedbackLoopNamingMembersByAddressChangesNothing() throws IOException {
        // issue 18: any account at the provider signs its mail with the provider's d=; an address alone proves nothing
        byte[] report = arf("none", ProcessFixture.REPORTED.subList(0, 3)).replace("bounces+none@", "bounces@").getBytes(StandardCharsets.ISO_8859_1);
        BounceProcessor fbl = new BounceProcessor(f.journal, new BounceParser(ReplyClassifier.standard()), LIMITS, f.clock,
                new ReportAuthenticator(TestKeys.KEYS, List.of("hotmail.com"), "example.org", "news", List.of(),
                        raw -> List.of(new ReportAuthenticator.Signature("hotmail.com", "s1"))));
        MessageOutcome o = fbl.processMessage("1.arf", report);
        assertFalse(o.verified());
        assertEquals(3, o.unverified().size());
        assertTrue(o.unverified().get(0).why().contains("an address alone proves nothing"), o.unverified().get(0).why());
        assertTrue(o.unverified().get(0).why().contains("not a proven feedback loop"), o.unverified().get(0).why());
        assertTrue(f.journal.suppressions().list().isEmpty());
        assertEquals(Optional.empty(), ComplaintGate.finding(f.journal, LIMITS, org.listguard.config.Defaults.CORROBORATE, "monthly"));
    }

    @Test
    void anArfSignedByAnyOtherDomainIsNotTrusted() throws IOException {
        byte[] report = arf("none", List.of("kijitora@y.example.com")).replace("bounces+none@", "bounces@").getBytes(StandardCharsets.ISO_8859_1);
        BounceProcessor fbl = new BounceProcessor(f.journal, new BounceParser(ReplyClassifier.standard()), LIMITS, f.clock,
                new ReportAuthenticator(TestKeys.KEYS, List.of("hotmail.com"), "example.org", "news", List.of(),
                        raw -> List.of(new ReportAuthenticator.Signature("evil-hotmail.com", "s1"))));
        assertFalse(fbl.processMessage("1.arf", report).verified());
        assertTrue(f.journal.suppressions().list().isEmpty());
    }
}
