package org.listguard.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.listguard.reply.ReplyClassifier;

/** Which enhanced code a DSN's record carries, and whether it is the structured Status: field (issue 22). */
class StatusOriginTest {
    static BounceRecord parse(String status, String diagnostic) {
        String dsn = String.join("\r\n", "From: MAILER-DAEMON@smarthost.example", "To: bounces@example.org", "Message-ID: <x@smarthost.example>",
                "Subject: failure", "MIME-Version: 1.0", "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"", "",
                "--B", "Content-Type: text/plain", "", "failed", "--B", "Content-Type: message/delivery-status", "",
                "Reporting-MTA: dns; smarthost.example", "", "Final-Recipient: rfc822; a@example.net", "Action: failed", "Status: " + status,
                "Diagnostic-Code: smtp; " + diagnostic, "", "--B--", "");
        ParseResult r = new BounceParser(ReplyClassifier.standard()).parse("t", dsn.getBytes(StandardCharsets.ISO_8859_1));
        return ((ParseResult.Parsed) r).records().get(0);
    }

    @ParameterizedTest(name = "Status {0} + \"{1}\" -> {2} from {3}")
    @CsvSource(delimiter = '|', textBlock = """
            5.0.0 | 550 5.1.1 <a@example.net>: User unknown         | 5.1.1 | text
            5.1.1 | 550 5.1.1 <a@example.net>: User unknown         | 5.1.1 | status
            5.1.1 | 550 5.0.0 <a@example.net>... User unknown       | 5.1.1 | status
            5.1.1 | 550 <a@example.net>: User unknown               | 5.1.1 | status
            5.0.0 | 550 5.7.1 Message rejected as spam              | 5.7.1 | text
            """)
    void theReceiversSpecificCodeWinsAndAGenericOneNever(String status, String diagnostic, String expected, String from) {
        BounceRecord r = parse(status, diagnostic);
        assertEquals(expected, r.status());
        assertEquals(from, r.statusFrom());
    }
}
