package org.listguard.feedback;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.listguard.deliver.classify.Action;
import org.listguard.deliver.classify.ReplyClassifier;

/**
 * Runs the parser and the classifier over the real bounce corpus (Sisimai set-of-emails, see
 * src/test/resources/corpus/bounces/README.md) and measures agreement with expected.tsv, matched
 * by (file, recipient_index). The hard contract: no expected reputation/sender/throttle row may
 * come out hard (it would unsubscribe a member for the sender's problem).
 */
class CorpusMeasureTest {
    record Row(String file, int index, String status, String code, String reason, Action action) {}

    static List<Row> expected;
    static Map<String, ParseResult> results = new HashMap<>();

    @BeforeAll
    static void parseCorpus() throws IOException, URISyntaxException {
        Path dir = Path.of(CorpusMeasureTest.class.getResource("/corpus/bounces/expected.tsv").toURI()).getParent();
        expected = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("expected.tsv"))) {
            String[] f = line.split("\t", -1);
            if (f[0].equals("file")) continue;
            expected.add(new Row(f[0], Integer.parseInt(f[1]), f[2], f[3], f[4], Action.parse(f[6])));
        }
        BounceParser parser = new BounceParser(ReplyClassifier.standard());
        for (Row r : expected) {
            results.computeIfAbsent(r.file(), f -> {
                try {
                    // a file may be an mbox of several reports; its recipients are numbered across them
                    byte[] data = Files.readAllBytes(dir.resolve("eml").resolve(f));
                    List<BounceRecord> all = new ArrayList<>();
                    ParseResult last = null;
                    for (byte[] m : Mailbox.isMbox(data) ? Mailbox.splitMbox(data) : List.of(data)) {
                        last = parser.parse(f, m);
                        if (last instanceof ParseResult.Parsed p) all.addAll(p.records());
                    }
                    return all.isEmpty() ? last : new ParseResult.Parsed(f, all);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
    }

    static BounceRecord actual(Row r) {
        ParseResult p = results.get(r.file());
        if (p instanceof ParseResult.Parsed parsed && r.index() < parsed.records().size()) return parsed.records().get(r.index());
        return null;
    }

    @Test
    void noSenderSideRowComesOutHard() {
        List<String> bad = new ArrayList<>();
        for (Row r : expected) {
            BounceRecord a = actual(r);
            if (r.action().senderSide() && a != null && a.action() == Action.HARD) bad.add(r.file() + "#" + r.index() + " " + a.diagnostic());
        }
        assertTrue(bad.isEmpty(), "sender-side rows classified hard: " + bad);
    }

    @Test
    void noBadAddressComesOutSenderSide() {
        // the other cardinal error: a dead address read as the sender's problem would pause every run
        List<String> bad = new ArrayList<>();
        for (Row r : expected) {
            BounceRecord a = actual(r);
            if (r.action() == Action.HARD && a != null && a.action().senderSide()) bad.add(r.file() + "#" + r.index() + " " + a.diagnostic());
        }
        assertTrue(bad.isEmpty(), "bad addresses classified sender-side: " + bad);
    }

    @Test
    void actionAgreementIsAtLeastNinetyPercent() {
        int action = 0, reason = 0, missing = 0;
        Map<String, Integer> confusion = new TreeMap<>();
        StringBuilder detail = new StringBuilder();
        for (Row r : expected) {
            BounceRecord a = actual(r);
            if (a == null) {
                missing++;
                detail.append(String.format("  MISSING %s#%d expected %s/%s: %s%n", r.file(), r.index(), r.reason(), r.action().json(),
                        results.get(r.file()) instanceof ParseResult.Failed f ? f.error() : "fewer recipients"));
                continue;
            }
            if (a.action() == r.action()) action++;
            else {
                confusion.merge(r.action().json() + " -> " + a.action().json(), 1, Integer::sum);
            }
            if (Objects.equals(a.reason(), r.reason())) reason++;
            else {
                detail.append(String.format("  %s#%d expected %s/%s got %s/%s [%s] st=%s code=%d: %.160s%n", r.file(), r.index(),
                        r.reason(), r.action().json(), a.reason(), a.action().json(), a.rule(), a.status(), a.replyCode(), a.diagnostic()));
            }
        }
        int n = expected.size();
        System.out.printf("corpus: %d rows, action agreement %d/%d = %.1f%%, reason agreement %d/%d = %.1f%%, missing %d%n",
                n, action, n, 100.0 * action / n, reason, n, 100.0 * reason / n, missing);
        System.out.println("action confusion (expected -> actual): " + confusion);
        System.out.print(detail);
        assertTrue(action * 100 >= 90 * n, String.format("action agreement %.1f%% < 90%%", 100.0 * action / n));
    }
}
