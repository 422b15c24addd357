package org.listguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.listguard.report.Json;

/** logback's lines in the one log format: a stack trace never makes a multi-line block. */
class LogLayoutTest {
    @AfterEach
    void textAgain() {
        LogStyle.use(LogStyle.TEXT);
    }

    private static LoggingEvent event() {
        LoggerContext ctx = new LoggerContext();
        LoggingEvent e = new LoggingEvent("x", ctx.getLogger("org.listguard.audit.Audit"), Level.WARN, "check {} could not finish",
                new IllegalStateException("boom\nsecond line", new java.io.IOException("cause")), new Object[] {"spf"});
        e.setTimeStamp(1_793_523_600_123L);
        return e;
    }

    @Test
    void aWarningWithAStackTraceIsOneKeyValueLine() {
        String line = new LogLayout().doLayout(event());
        assertEquals(1, line.lines().count(), line);
        assertTrue(line.startsWith("2026-11-01T09:00:00.123Z level=warn logger=Audit msg=\"check spf could not finish\" "
                + "error=\"java.lang.IllegalStateException: boom\\nsecond line\" stack=\""), line);
        assertTrue(line.contains("caused by java.io.IOException: cause"), line);
    }

    @Test
    void withLogFormatJsonItIsOneJsonObject() throws Exception {
        LogStyle.use(LogStyle.JSON);
        String line = new LogLayout().doLayout(event());
        assertEquals(1, line.lines().count(), line);
        JsonNode n = Json.mapper().readTree(line);
        assertEquals("2026-11-01T09:00:00.123Z", n.get("ts").asText());
        assertEquals("warn", n.get("level").asText());
        assertEquals("check spf could not finish", n.get("msg").asText());
    }
}
