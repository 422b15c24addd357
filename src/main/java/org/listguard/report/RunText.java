package org.listguard.report;

import java.util.Map;
import org.listguard.journal.RunStatus;

/** A run's status for a person: state and pause reason first, then counts per status and per action. */
public final class RunText {
    private RunText() {}

    public static String render(RunStatus s) {
        StringBuilder sb = new StringBuilder();
        sb.append("Run ").append(s.run()).append("  (campaign ").append(s.campaign()).append(")\n");
        sb.append("State: ").append(s.state().db());
        if (s.pauseReason() != null) sb.append(" — ").append(s.pauseReason());
        sb.append('\n');
        sb.append("Recipients: ").append(s.total()).append('\n');
        for (Map.Entry<String, Long> e : s.counts().entrySet()) {
            sb.append(String.format("  %-10s %,d%n", e.getKey(), e.getValue()));
        }
        boolean any = s.actions().values().stream().anyMatch(n -> n > 0);
        sb.append("Actions:").append(any ? "\n" : " none yet\n");
        for (Map.Entry<String, Long> e : s.actions().entrySet()) {
            if (e.getValue() > 0) sb.append(String.format("  %-10s %,d%n", e.getKey(), e.getValue()));
        }
        return sb.toString();
    }
}
