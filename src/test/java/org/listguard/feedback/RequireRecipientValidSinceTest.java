package org.listguard.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.listguard.config.BounceScore;
import org.listguard.reply.Action;

/**
 * RFC 7293 (Require-Recipient-Valid-Since) s3.2: 5.7.17 "mailbox owner has changed" and 5.7.18
 * "domain owner has changed" say the address is no longer the member's: hard and definitive at
 * once, whatever the stage, with the reason in words; 5.7.19 "RRVS test cannot be completed" stays
 * a policy status that never counts. The DSN is synthetic: a Postfix-shaped report of a receiver
 * that checked the RRVS header field after DATA (RFC 7293 s3.1).
 */
class RequireRecipientValidSinceTest {
    static String dsn(String status, String words) {
        return """
                From: MAILER-DAEMON@relay.example.org (Mail Delivery System)
                To: bounces+r42.m7@lists.example.org
                Subject: Undelivered Mail Returned to Sender
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="B1"

                --B1
                Content-Type: text/plain

                <old@example.net>: host mx.example.net[192.0.2.5] said: 550 %1$s %2$s
                    (in reply to end of DATA command)

                --B1
                Content-Type: message/delivery-status

                Reporting-MTA: dns; relay.example.org

                Final-Recipient: rfc822; old@example.net
                Action: failed
                Status: %1$s
                Remote-MTA: dns; mx.example.net
                Diagnostic-Code: smtp; 550 %1$s %2$s

                --B1--
                """.formatted(status, words);
    }

    static EvidenceWeights.Weighed weigh(BounceRecord r) {
        var e = MemberBounces.entry("<k@x>", "test.eml", r, "r1", 1, "old@example.net", Instant.EPOCH, "relay.example.org");
        return EvidenceWeights.weigh(e, List.of(e), BounceScore.DEFAULT);
    }

    @Test
    void mailboxOwnerChangedAfterDataIsHardAndSuppressesAtOnceSayingWhy() {
        BounceRecord r = BounceParserTest.parse(dsn("5.7.17", "Mailbox owner has changed")).get(0);
        assertEquals(Action.HARD, r.action(), r::toString);
        assertEquals("hasmoved", r.reason());
        var w = weigh(r);
        assertEquals(EvidenceWeights.Grade.DEFINITIVE, w.grade(), w::why);
        var e = w.entry();
        var s = EvidencePolicy.decide(List.of(e), Optional.empty(), BounceScore.DEFAULT, Instant.EPOCH.plusSeconds(60));
        assertEquals(EvidencePolicy.Verdict.SUPPRESS_DEFINITIVE, s.verdict());
        assertTrue(s.why().contains("5.7.17 mailbox owner has changed (RFC 7293)") && s.why().contains("no longer belongs"), s.why());
    }

    @Test
    void domainOwnerChangedIsDefinitiveToo() {
        BounceRecord r = BounceParserTest.parse(dsn("5.7.18", "Domain owner has changed")).get(0);
        assertEquals(Action.HARD, r.action(), r::toString);
        assertTrue(weigh(r).why().contains("domain owner has changed"), weigh(r)::why);
        assertEquals(EvidenceWeights.Grade.DEFINITIVE, weigh(r).grade());
    }

    @Test
    void anRrvsTestThatCouldNotBeCompletedNeverCounts() {
        BounceRecord r = BounceParserTest.parse(dsn("5.7.19", "RRVS test cannot be completed")).get(0);
        assertTrue(r.action() != Action.HARD, r::toString);
        assertEquals(EvidenceWeights.Grade.NEVER, weigh(r).grade(), weigh(r)::why);
    }

    @Test
    void aTemporaryCodeOfTheSameDetailIsNeverHard() {
        BounceRecord r = BounceParserTest.parse(dsn("4.7.17", "Mailbox owner has changed")).get(0);
        assertTrue(r.action() != Action.HARD, r::toString);
    }
}
