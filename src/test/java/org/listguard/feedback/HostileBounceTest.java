package org.listguard.feedback;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.listguard.reply.ReplyClassifier;

/**
 * Hostile messages (issue 13), generated here, not committed: each parses to a value (records or
 * the per-file error) within a bound, never an exception or a hang. The bounds are generous for a
 * loaded 2-core machine; every pattern on the text is linear or works on a bounded prefix.
 */
class HostileBounceTest {
    static final BounceParser PARSER = new BounceParser(ReplyClassifier.standard());
    static final Duration BOUND = Duration.ofSeconds(30);

    static final String HEAD = """
            From: MAILER-DAEMON@relay.example.org (Mail Delivery System)
            To: bounces+r42.m7@lists.example.org
            Subject: Undelivered Mail Returned to Sender
            MIME-Version: 1.0
            """;

    static ParseResult parse(String message) {
        byte[] bytes = message.getBytes(StandardCharsets.ISO_8859_1);
        ParseResult r = assertTimeoutPreemptively(BOUND, () -> PARSER.parse("hostile.eml", bytes));
        assertNotNull(r);
        return r;
    }

    @Test
    void aTenMegabyteLineIsAPerFileResult() {
        String line = "<x@example.net>: host mx.example.net said: 550 " + "a".repeat(10 << 20);
        parse(HEAD + "Content-Type: text/plain\n\n" + line + "\n");
    }

    @Test
    void aTenMegabyteLineOfDomainLabelsDoesNotOverflowTheStack() {
        // the old hostunknown pattern recursed once per label
        String line = "<x@example.net>: 550 5.1.2 " + "a.".repeat(5 << 20) + "a does not exist";
        parse(HEAD + "Content-Type: text/plain\n\n" + line + "\n");
    }

    @Test
    void anAddressWithAMillionLabelsDoesNotOverflowTheStack() {
        parse(HEAD + "Content-Type: text/plain\n\nx@" + "a.".repeat(1 << 20) + "net: 550 User unknown\n");
    }

    @Test
    void aThousandNestedMultipartsAreAPerFileResult() {
        StringBuilder sb = new StringBuilder(HEAD).append("Content-Type: multipart/mixed; boundary=\"b0\"\n\n");
        for (int i = 0; i < 1000; i++) {
            sb.append("--b").append(i).append("\nContent-Type: multipart/mixed; boundary=\"b").append(i + 1).append("\"\n\n");
        }
        sb.append("--b1000\nContent-Type: text/plain\n\n<x@example.net>: 550 5.1.1 User unknown\n");
        for (int i = 1000; i >= 0; i--) sb.append("--b").append(i).append("--\n");
        parse(sb.toString());
    }

    @Test
    void manyUnclosedScriptTagsInAnHtmlNoticeAreLinear() {
        parse(HEAD + "Content-Type: text/html\n\n" + "<script>".repeat(200_000) + "<p>x@example.net: 550 User unknown\n");
    }

    @Test
    void aHeaderWithAHundredThousandContinuationLinesIsAPerFileResult() {
        parse(HEAD + "Received: from x\n" + " y\n".repeat(100_000) + "Content-Type: text/plain\n\n550 5.1.1 x@example.net User unknown\n");
    }

    @Test
    void binaryGarbageIsTheDocumentedPerFileError() {
        byte[] junk = new byte[1 << 20];
        new java.util.Random(13).nextBytes(junk);
        ParseResult r = assertTimeoutPreemptively(BOUND, () -> PARSER.parse("junk.eml", junk));
        assertInstanceOf(ParseResult.Failed.class, r);
    }

    @Test
    void manyErrorHeadingsAndLabelledTranscriptLinesAreLinear() {
        // the section readers (Active!hunter, Biglobe, m-FILTER, InterScan MSS layouts) over a notice of headings
        StringBuilder sb = new StringBuilder(HEAD).append("Content-Type: text/plain\n\n>>> x@example.net <x@example.net>\n\n");
        for (int i = 0; i < 20_000; i++) {
            sb.append("----- Transcript of session follows -----\n\n-------SMTP command\nSent <<< RCPT TO:<x@example.net>\n");
        }
        sb.append("Received >>> 550 5.1.1 User unknown\n");
        parse(sb.toString());
    }

    @Test
    void twentyThousandRecipientsWithoutTextAreReadOnce() {
        // each recipient without text of its own falls back on the whole notice: read once per message
        StringBuilder sb = new StringBuilder(HEAD).append("Content-Type: text/plain\n\n>>> DATA\n<<< 554 5.7.1 rejected\n\n");
        for (int i = 0; i < 20_000; i++) sb.append('x').append(i).append("@example.net\n");
        parse(sb.toString());
    }
}
