package org.listguard.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The header pre-filter of a run's return-path look (issue 21) never passes over a report. */
class ReportCandidateTest {
    private static final Path CORPUS = Path.of("src/test/resources/corpus/bounces/eml");

    @Test
    void everyReportOfTheCorpusIsACandidate() throws IOException {
        List<String> missed = new ArrayList<>();
        int n = 0;
        try (Stream<Path> files = Files.list(CORPUS)) {
            for (Path f : files.sorted().toList()) {
                n++;
                byte[] data = Files.readAllBytes(f);
                if (ReportCandidate.whyNot(data).isPresent()) missed.add(f.getFileName().toString());
            }
        }
        assertTrue(n > 200, "the corpus is there: " + n);
        assertEquals(List.of(), missed, "reports the header filter would leave unread");
    }

    @Test
    void ordinaryMailToTheBareReturnPathIsNot() {
        assertTrue(ReportCandidate.whyNot(bytes("Return-Path: <promo@shop.example>\nFrom: Shop <promo@shop.example>\n"
                + "To: bounces@example.org\nSubject: Winter sale: 40% off\nMIME-Version: 1.0\n"
                + "Content-Type: multipart/alternative; boundary=\"b\"\n\n--b\nContent-Type: text/html\n\n<p>sale</p>\n--b--\n")).isPresent());
        assertTrue(ReportCandidate.whyNot(bytes("From: x@spam.test\nSubject: hello\n\nnot a bounce\n")).isPresent());
    }

    @Test
    void anySignOfAReportMakesACandidate() {
        String plain = "From: someone@isp.example\nSubject: hello\n";
        for (String extra : List.of("Return-Path: <>\n", "To: bounces+AbC123@example.org\n", "Delivered-To: bounces+u-Tok@example.org\n",
                "Auto-Submitted: auto-generated\n", "Content-Type: multipart/report; report-type=delivery-status; boundary=x\n",
                "Content-Type: multipart/mixed; boundary=x\n", "X-Failed-Recipients: a@b.example\n", "Sender: no-reply@sns.amazonaws.com\n")) {
            assertTrue(ReportCandidate.whyNot(bytes(plain + extra + "\nbody\n")).isEmpty(), extra);
        }
        assertTrue(ReportCandidate.whyNot(bytes("From: MAILER-DAEMON@relay.example\nSubject: x\n\nbody\n")).isEmpty());
        assertTrue(ReportCandidate.whyNot(bytes("From: a@b.example\nSubject: Undelivered Mail Returned to Sender\n\nbody\n")).isEmpty());
        assertTrue(ReportCandidate.whyNot(bytes("From: a@b.example\nSubject: Out of office\n\nbody\n")).isEmpty());
    }

    @Test
    void headersThatNeverEndOrCannotBeReadAreReadWhole() {
        assertTrue(ReportCandidate.whyNot(bytes("From: a@b.example\nX-Long: " + "x".repeat(70_000) + "\n\nbody\n")).isEmpty());
        assertTrue(ReportCandidate.whyNot(bytes("Subject: no blank line at all")).isEmpty());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
