package org.listguard.reply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.InputException;

/**
 * Rules that cannot blow up (issue 13): every rule of the shipped file and of a user's file runs
 * on adversarial inputs, long repetitions of its own building blocks (each literal run, each
 * character class sample, "a.", "a-", spaces), in linear time; and the literal pre-filter never
 * hides a match.
 */
class RuleSafetyTest {
    @TempDir
    Path dir;

    /** The pieces a pattern is built of: its literal runs and one sample character per class. */
    static Set<String> blocks(String pattern) {
        Set<String> out = new LinkedHashSet<>(List.of("a.", "a-", "a ", "a", ".", " ", "@a.", "<a@a.", "5.1.1 ", "550 "));
        StringBuilder run = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (Character.isLetterOrDigit(c) || c == ' ' || c == '\'' || c == ':' || c == ',') {
                run.append(c);
            } else {
                if (run.length() > 0) out.add(run.toString());
                run.setLength(0);
                if (c == '\\' && i + 1 < pattern.length() && !Character.isLetterOrDigit(pattern.charAt(i + 1))) out.add(String.valueOf(pattern.charAt(++i)));
            }
        }
        if (run.length() > 0) out.add(run.toString());
        return out;
    }

    static void runAdversarial(List<ReplyRule> rules) {
        ReplyClassifier classifier = new ReplyClassifier(rulesOf(rules));
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (ReplyRule r : rules) {
                if (r.text() == null) continue;
                StringBuilder mixed = new StringBuilder();
                for (String b : blocks(r.text().pattern())) {
                    String hostile = b.repeat(Math.max(1, 10_000 / b.length()));
                    r.text().matcher(hostile).find(); // the rule's own engine on the whole input
                    mixed.append(b.repeat(Math.max(1, 500 / b.length())));
                }
                // the classifier (every rule, its bounded prefix) on a reply made of all the blocks
                assertNotNull(classifier.classify(Stage.RCPT, 550, "5.1.1", mixed.toString(), "mx.example.net", false));
            }
        });
    }

    static ReplyRules rulesOf(List<ReplyRule> rules) {
        return ReplyRules.of(rules);
    }

    @Test
    void everyShippedRuleIsLinearOnRepetitionsOfItsBuildingBlocks() {
        runAdversarial(ReplyRules.defaults().rules());
    }

    @Test
    void aUserRuleWrittenToBacktrackIsLinearToo() throws IOException {
        Path f = dir.resolve("rules.yaml");
        Files.writeString(f, """
                replace_defaults: true
                rules:
                  - id: nested
                    source: "a test of catastrophic backtracking"
                    reason: blocked
                    text: "(a+)+$|(?:[a-z0-9-]+\\\\.)+[a-z]{2,} does not exist|(x|x)*y"
                """);
        ReplyRules rules = ReplyRules.load(Optional.of(f));
        runAdversarial(rules.rules());
    }

    @Test
    void theReplyThatOverflowedTheStackIsClassified() {
        // issue 13: about 4,000 characters of "a.a.a." overflowed java.util.regex in the hostunknown rule (read up to MAX_TEXT)
        Classification c = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> ReplyClassifier.standard()
                .classify(Stage.RCPT, 550, null, "550 " + "a.".repeat(1_950) + "com does not exist", null, false));
        assertEquals("hostunknown", c.reason());
    }

    @Test
    void aBackReferenceInAUserRuleIsABadRegexNamingTheRule() throws IOException {
        Path f = dir.resolve("rules.yaml");
        Files.writeString(f, """
                rules:
                  - id: backref
                    source: "test"
                    reason: blocked
                    text: "(a)\\\\1"
                """);
        InputException e = assertThrows(InputException.class, () -> ReplyRules.load(Optional.of(f)));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("backref"), e.getMessage());
    }

    @Test
    void theSplitAndPreFilteredMatcherAgreesWithTheWholePattern() {
        // random replies stitched from the rules' own pieces: the split, pre-filtered matcher and the whole regex agree
        List<ReplyRule> rules = ReplyRules.defaults().rules();
        List<String> pieces = new ArrayList<>();
        for (ReplyRule r : rules) if (r.text() != null) pieces.addAll(blocks(r.text().pattern()));
        Random rnd = new Random(9);
        int checked = 0;
        for (int n = 0; n < 3_000; n++) {
            StringBuilder sb = new StringBuilder();
            int k = 1 + rnd.nextInt(6);
            for (int i = 0; i < k; i++) {
                String p = pieces.get(rnd.nextInt(pieces.size()));
                sb.append(rnd.nextBoolean() ? p.toUpperCase(java.util.Locale.ROOT) : p).append(rnd.nextInt(3) == 0 ? "" : " ");
            }
            String text = sb.toString();
            Folded folded = Folded.of(text);
            for (ReplyRule r : rules) {
                if (r.text() == null) continue;
                boolean whole = r.text().matcher(text).find();
                boolean split = r.matcher().find(text, folded);
                if (whole != split) throw new AssertionError("split/pre-filtered " + r.id() + " gives " + split + " on: " + text);
                checked++;
            }
        }
        org.junit.jupiter.api.Assertions.assertTrue(checked > 10_000, "checked " + checked);
    }
}
