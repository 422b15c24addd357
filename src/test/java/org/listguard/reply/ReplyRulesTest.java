package org.listguard.reply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.InputException;

class ReplyRulesTest {
    @TempDir
    Path dir;

    @Test
    void everyShippedRuleCitesASource() {
        for (ReplyRule r : ReplyRules.defaults().rules()) assertTrue(!r.source().isBlank(), r.id());
    }

    @Test
    void userRuleIsPrependedAndWins() throws IOException {
        Path f = dir.resolve("rules.yaml");
        Files.writeString(f, """
                rules:
                  - id: my-isp-odd-block
                    source: "our ISP's support ticket 4711"
                    reason: blocked
                    text: "please come back"
                """);
        ReplyClassifier c = ReplyClassifier.withOverride(Optional.of(f));
        Classification r = c.classify(Stage.RCPT, 451, null, "451 please come back", null, false);
        assertEquals("my-isp-odd-block", r.rule());
        assertEquals(Action.REPUTATION, r.action());
    }

    @Test
    void userRuleWithAShippedIdReplacesItInPlace() throws IOException {
        Path f = dir.resolve("rules.yaml");
        Files.writeString(f, """
                rules:
                  - id: qq-frequency
                    source: "local decision"
                    reason: blocked
                    text: "frequency limited"
                """);
        ReplyRules rules = ReplyRules.load(Optional.of(f));
        assertEquals(ReplyRules.defaults().rules().size(), rules.rules().size());
        Classification r = new ReplyClassifier(rules).classify(Stage.RCPT, 550, null, "Ip frequency limited", null, false);
        assertEquals(Action.REPUTATION, r.action());
    }

    @Test
    void unknownReasonNamesFileAndRule() throws IOException {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, """
                rules:
                  - id: oops
                    source: "me"
                    reason: sadness
                    text: "x"
                """);
        InputException e = assertThrows(InputException.class, () -> ReplyRules.load(Optional.of(f)));
        assertTrue(e.getMessage().contains("bad.yaml") && e.getMessage().contains("oops"), e.getMessage());
    }

    @Test
    void unknownKeyIsAnErrorWithItsLine() throws IOException {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, "rules:\n  - id: x\n    source: s\n    reason: blocked\n    txet: \"x\"\n");
        InputException e = assertThrows(InputException.class, () -> ReplyRules.load(Optional.of(f)));
        assertTrue(e.line() >= 5 && e.getMessage().contains("txet"), e.getMessage());
    }

    @Test
    void ruleWithoutSourceIsRefused() throws IOException {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, "rules:\n  - id: x\n    reason: blocked\n    text: \"x\"\n");
        assertThrows(InputException.class, () -> ReplyRules.load(Optional.of(f)));
    }
}
