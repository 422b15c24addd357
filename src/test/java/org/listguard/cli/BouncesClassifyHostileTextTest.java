package org.listguard.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.listguard.reply.Action;
import org.listguard.feedback.BounceRecord;
import org.listguard.feedback.ParseResult;

/** Issue 13: a bounce's diagnostic text with terminal escapes is printed escaped by {@code bounces classify}. */
class BouncesClassifyHostileTextTest {
    @Test
    void aDiagnosticWithEscapeSequencesIsPrintedEscaped() {
        BounceRecord r = new BounceRecord("dsn", "a@example.net", null, "5.1.1", 550, "550 \u001b]0;pwned\u0007 user \u001b[2Junknown",
                "mx.example.net", "userunknown", Action.HARD, "r", null, null);
        String out = BouncesOutput.text(List.of(new ParseResult.Parsed("m\u001b[1m.eml", List.of(r))));
        assertFalse(out.contains("\u001b"), out);
        assertTrue(out.contains("\\x1b]0;pwned\\x07"), out);
    }
}
