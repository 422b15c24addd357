package org.listguard.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.listguard.config.BounceScore;
import org.listguard.reply.Action;
import org.listguard.reply.ReplyClassifier;

/**
 * Amazon SES bounce notifications (AWS SES Developer Guide, "Amazon SNS notification contents"):
 * the recipient's {@code status} is "the value of the Status field from the DSN", so it weighs as a
 * DSN's structured field; SES's bounce type decides only when the receiver's words say nothing.
 */
class SesNotificationTest {
    private static final BounceParser PARSER = new BounceParser(ReplyClassifier.standard());

    private static BounceRecord parsed(String bounceType, String subType, String status, String diagnostic) {
        String json = "{\"notificationType\":\"Bounce\",\"bounce\":{\"bounceType\":\"" + bounceType + "\",\"bounceSubType\":\"" + subType
                + "\",\"bouncedRecipients\":[{\"emailAddress\":\"member@example.net\",\"action\":\"failed\",\"status\":\"" + status
                + "\",\"diagnosticCode\":\"" + diagnostic + "\"}],\"timestamp\":\"2026-12-01T10:00:00.000Z\",\"feedbackId\":\"f\"},"
                + "\"mail\":{\"messageId\":\"0100018c-aaaa\",\"source\":\"list@example.com\"}}";
        String msg = "From: no-reply@sns.amazonaws.com\r\nTo: bounces@example.com\r\nSubject: AWS Notification Message\r\n"
                + "x-amz-sns-message-id: 1\r\nContent-Type: text/plain\r\n\r\n" + json + "\r\n";
        ParseResult r = PARSER.parse("inline", msg.getBytes(StandardCharsets.UTF_8));
        assertTrue(r instanceof ParseResult.Parsed, r.toString());
        return ((ParseResult.Parsed) r).records().get(0);
    }

    private static EvidenceWeights.Grade grade(BounceRecord r) {
        var e = MemberBounces.entry("k", "inline", r, "run", 1, "member@example.net", java.time.Instant.EPOCH, null);
        return EvidenceWeights.weigh(e, java.util.List.of(e), BounceScore.DEFAULT).grade();
    }

    @Test
    void theRecipientsStatusIsTheDsnsStructuredField() {
        BounceRecord r = parsed("Permanent", "General", "5.1.1", "smtp; 550 5.1.1 user unknown");
        assertEquals(Action.HARD, r.action(), r.toString());
        assertEquals(BounceRecord.FROM_STATUS, r.statusFrom());
        assertEquals(EvidenceWeights.Grade.DEFINITIVE, grade(r));
        // a generic field yields to the receiver's own code, read from its words
        BounceRecord generic = parsed("Permanent", "General", "5.0.0", "smtp; 550 5.1.1 user unknown");
        assertEquals("5.1.1", generic.status());
        assertEquals(BounceRecord.FROM_TEXT, generic.statusFrom());
    }

    @Test
    void sesOwnBounceTypeDecidesOnlyWhenTheWordsSayNothing() {
        BounceRecord noEmail = parsed("Permanent", "NoEmail", "5.0.0", "smtp; 550 Requested action not taken");
        assertEquals("userunknown", noEmail.reason(), noEmail.toString());
        assertEquals(EvidenceWeights.Grade.AMBIGUOUS, grade(noEmail), "no addressing code: two runs");
        assertEquals("suppressed", parsed("Permanent", "OnAccountSuppressionList", "5.0.0", "").reason());
        assertEquals("mailboxfull", parsed("Transient", "MailboxFull", "4.0.0", "smtp; 452 try later").reason());
        // the words win over the type: a policy refusal stays the sender's, whatever SES filed it as
        BounceRecord policy = parsed("Permanent", "NoEmail", "5.7.1", "smtp; 550 5.7.1 Service unavailable, Client host blocked using zen.spamhaus.org");
        assertTrue(policy.action().senderSide(), policy.toString());
    }
}
