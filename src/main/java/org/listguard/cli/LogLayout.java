package org.listguard.cli;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.LayoutBase;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * logback's lines in listguard's one log format ({@link LogStyle}): {@code logger=… msg="…"},
 * and a throwable as {@code error="…"} with its stack trace escaped onto the same line — never a
 * multi-line block on the log stream.
 */
public final class LogLayout extends LayoutBase<ILoggingEvent> {
    @Override
    public String doLayout(ILoggingEvent e) {
        Map<String, Object> kv = new LinkedHashMap<>();
        kv.put("logger", e.getLoggerName().substring(e.getLoggerName().lastIndexOf('.') + 1));
        kv.put("msg", e.getFormattedMessage());
        IThrowableProxy t = e.getThrowableProxy();
        if (t != null) {
            kv.put("error", t.getClassName() + (t.getMessage() == null ? "" : ": " + t.getMessage()));
            StringBuilder stack = new StringBuilder();
            for (IThrowableProxy c = t; c != null; c = c.getCause()) {
                if (c != t) stack.append("caused by ").append(c.getClassName()).append(": ").append(c.getMessage()).append('\n');
                for (StackTraceElementProxy s : c.getStackTraceElementProxyArray()) stack.append("  at ").append(s.getStackTraceElement()).append('\n');
            }
            kv.put("stack", stack.toString().stripTrailing());
        }
        return LogStyle.line(Instant.ofEpochMilli(e.getTimeStamp()), e.getLevel().toString(), kv) + System.lineSeparator();
    }
}
