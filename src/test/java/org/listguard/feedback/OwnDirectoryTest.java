package org.listguard.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.listguard.reply.Action;
import org.listguard.reply.ReplyClassifier;

/**
 * Issue 22: "user unknown" with neither an addressing code nor a stage counts against the address
 * only in the mailbox host's own directory notice (Domino/Notes, McAfee, IMail, Verizon vtext, as
 * Sisimai's lhost modules document them); elsewhere it reads {@code filtered}, marked unplaced
 * ({@code +unstaged}), and never suppresses. Real messages of the corpus's development part.
 */
class OwnDirectoryTest {
    private static final Corpus CORPUS = Corpus.load();
    private static final BounceParser PARSER = new BounceParser(ReplyClassifier.standard());

    private static BounceRecord first(String file) {
        ParseResult r = CORPUS.parse(PARSER, file);
        assertTrue(r instanceof ParseResult.Parsed, r.toString());
        return ((ParseResult.Parsed) r).records().get(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"lhost-domino-01.eml", "lhost-domino-02.eml", "lhost-mcafee-05.eml", "lhost-verizon-02.eml"})
    void theHostsOwnDirectoryLookupCountsAgainstTheAddress(String file) {
        BounceRecord r = first(file);
        assertEquals(Action.HARD, r.action(), r.toString());
        assertFalse(r.rule().endsWith(BounceParser.UNSTAGED), r.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"lhost-postfix-07.eml", "lhost-x1-02.eml", "lhost-x2-01.eml", "lhost-amazonses-02.eml"})
    void anUnplacedUserUnknownElsewhereIsMarkedAndNeverSuppresses(String file) {
        BounceRecord r = first(file);
        // Sisimai's reading (Reason::Filtered): "user unknown" words at no pre-DATA command, without an X.1 code, are a filter's
        assertEquals(Action.CONTENT, r.action(), "read as the recipient's filter: " + r);
        assertEquals("filtered", r.reason(), r.toString());
        assertTrue(r.rule().startsWith("userunknown") && r.rule().endsWith(BounceParser.UNSTAGED), r.toString());
        var e = MemberBounces.entry("k", file, r, "run", 1, "m", java.time.Instant.EPOCH, null);
        assertEquals(EvidenceWeights.Grade.UNPROVEN, EvidenceWeights.weigh(e, java.util.List.of(e), org.listguard.config.BounceScore.DEFAULT).grade());
    }

    private static BounceRecord parsed(String dsnFields) {
        String msg = "From: MAILER-DAEMON@mx.example.org\r\nTo: list-bounces@example.com\r\nSubject: Undelivered Mail Returned to Sender\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\r\n\r\n"
                + "--b\r\nContent-Type: text/plain\r\n\r\nThis is the mail system at host mx.example.org.\r\n\r\n"
                + "--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.org\r\n\r\n"
                + "Final-Recipient: rfc822; neko@example.org\r\nAction: failed\r\nStatus: 5.0.0\r\n" + dsnFields + "\r\n--b--\r\n";
        ParseResult r = PARSER.parse("inline", msg.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertTrue(r instanceof ParseResult.Parsed, r.toString());
        return ((ParseResult.Parsed) r).records().get(0);
    }

    @Test
    void aDsnWhoseReportingMtaFailedTheDeliveryItselfIsItsOwnLookup() {
        // Postfix local(8): no Remote-MTA, an X-Postfix diagnostic quoting no SMTP reply (RFC 3464 s2.3.5, s2.3.6)
        BounceRecord local = parsed("Diagnostic-Code: X-Postfix; unknown user: \"neko\"\r\n");
        assertEquals(Action.HARD, local.action(), local.toString());
        assertFalse(local.rule().endsWith(BounceParser.UNSTAGED), local.toString());
        // the same words as a remote host's reply, at no stage the notice names: unplaced
        BounceRecord remote = parsed("Remote-MTA: dns; mx2.example.org\r\nDiagnostic-Code: smtp; 550 User unknown\r\n");
        assertTrue(remote.rule().endsWith(BounceParser.UNSTAGED), remote.toString());
        assertEquals(Action.CONTENT, remote.action(), remote.toString());
        // a non-SMTP type that quotes a remote reply is not local either (Postfix "X-Postfix; host h said: 550 ...")
        BounceRecord quoted = parsed("Diagnostic-Code: X-Postfix; host mx2.example.org[192.0.2.1] said: 550 User unknown\r\n");
        assertTrue(quoted.rule().endsWith(BounceParser.UNSTAGED), quoted.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"550 <neko@example.org>: User unknown in virtual alias table", "550 User unknown in local recipient table",
        "550 <neko@example.org>: Recipient address rejected: User unknown in relay recipient table"})
    void postfixsOwnTableLookupsCountAgainstTheAddressWhereverSaid(String reply) {
        BounceRecord r = parsed("Remote-MTA: dns; mx2.example.org\r\nDiagnostic-Code: smtp; " + reply + "\r\n");
        assertEquals(Action.HARD, r.action(), r.toString());
        assertFalse(r.rule().endsWith(BounceParser.UNSTAGED), r.toString());
    }
}
