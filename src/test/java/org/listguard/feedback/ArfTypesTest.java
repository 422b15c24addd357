package org.listguard.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.listguard.reply.Action;

/**
 * ARF feedback types as they mean (RFC 5965 s7.3 abuse/fraud/virus/other, RFC 6430 not-spam,
 * RFC 6591 auth-failure, opt-out per RFC 6650): the same report, one type each.
 */
class ArfTypesTest {
    static List<BounceRecord> report(String type) {
        return BounceParserTest.parse("""
                From: fbl@isp.example
                To: abuse@example.org
                Subject: Feedback report
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=feedback-report; boundary="A"

                --A
                Content-Type: text/plain

                This is an email feedback report.
                --A
                Content-Type: message/feedback-report

                Feedback-Type: %s
                User-Agent: ExampleFBL/1.0
                Version: 1
                Original-Rcpt-To: member@example.net

                --A
                Content-Type: message/rfc822

                From: news@example.org
                Message-ID: <m1@lists.example.org>
                Subject: October

                body
                --A--
                """.formatted(type));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "abuse, COMPLAINT, feedback",
        "fraud, COMPLAINT, feedback",
        "virus, COMPLAINT, feedback",
        "other, COMPLAINT, feedback",
        "opt-out, UNSUBSCRIBE, unsubscribe",
        "not-spam, NONE, feedback",
        "auth-failure, SENDER, authfailure",
    })
    void feedbackTypeDecidesTheAction(String type, Action action, String reason) {
        BounceRecord r = report(type).get(0);
        assertEquals("member@example.net", r.recipient());
        assertEquals(action, r.action());
        assertEquals(reason, r.reason());
        assertEquals("feedback-type: " + type, r.diagnostic());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"UNSUBSCRIBE, true", "COMPLAINT, true", "NONE, false", "SENDER, false"})
    void unsubscribeSuppressesLikeAComplaintButIsNotOne(Action action, boolean suppresses) {
        assertEquals(suppresses, action.suppresses());
        assertEquals(false, Action.UNSUBSCRIBE.senderSide());
        assertEquals("unsubscribe", Action.UNSUBSCRIBE.json());
    }
}
