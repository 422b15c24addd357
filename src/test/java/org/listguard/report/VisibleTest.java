package org.listguard.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.listguard.audit.AuditReport;
import org.listguard.audit.Finding;
import org.listguard.audit.Role;
import org.listguard.audit.Status;
import org.listguard.journal.RunState;
import org.listguard.journal.RunStatus;

/** Issue 13: control characters from remote text never reach the terminal raw. */
class VisibleTest {
    /** An OSC 8 hyperlink, a colour, a cursor-up and a carriage return, as a hostile reply would carry them. */
    static final String HOSTILE = "550 \u001b]8;;https://evil.example\u0007click\u001b]8;;\u0007 \u001b[31mred\u001b[1A\rfake\u202Etxt.exe\u009b2J";

    private static void assertNoRawControl(String out) {
        for (char c : out.toCharArray()) {
            assertFalse(c != '\n' && c != '\t' && (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x202e), "raw U+" + Integer.toHexString(c) + " in " + out);
        }
    }

    @Test
    void controlsAreShownAsEscapesAndLineFeedsKept() {
        assertEquals("a\\x1b[31mb\\r\nc\\u202ed\\x9b", Visible.text("a\u001b[31mb\r\nc\u202Ed\u009b"));
        assertEquals("a\\nb\tc", Visible.line("a\nb\tc"));
        assertEquals("Grüße", Visible.text("Grüße"));
    }

    @Test
    void statusTextShowsAHostilePauseReasonEscaped() {
        RunStatus s = new RunStatus("r1", "monthly", RunState.PAUSED, "relay isp refused: " + HOSTILE, 3, Map.of("accepted", 1L), Map.of());
        String out = RunText.render(s);
        assertNoRawControl(out);
        assertTrue(out.contains("\\x1b]8;;https://evil.example\\x07"), out);
    }

    @Test
    void theAuditsRelayFindingShowsAHostileBannerEscaped() {
        Finding f = Finding.of("relay", "smtp.isp.example:587", Role.RELAY, Status.FAIL).withDetail("EHLO reply: " + HOSTILE);
        String out = AuditText.render(AuditReport.of(Instant.parse("2026-11-26T12:00:00Z"), List.of(f)));
        assertNoRawControl(out);
        assertTrue(out.contains("\\x1b[31mred"), out);
    }
}
