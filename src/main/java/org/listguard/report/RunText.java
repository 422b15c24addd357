package org.listguard.report;

import java.util.List;
import java.util.Map;
import org.listguard.journal.Run;
import org.listguard.journal.RunStatus;

/**
 * A run's status for a person: state and pause reason first, then counts per status and per
 * action; for a paused run, the evidence (the exact replies with their UTC times) and what to do.
 */
public final class RunText {
    /** Evidence lines shown; the rest are in {@code report}. */
    static final int EVIDENCE_SHOWN = 5;

    private RunText() {}

    public static String render(RunStatus s) {
        return Visible.text(plain(s));
    }

    private static String plain(RunStatus s) {
        StringBuilder sb = new StringBuilder();
        sb.append("Run ").append(s.run()).append("  (campaign ").append(s.campaign()).append(")\n");
        sb.append("State: ").append(s.state().db());
        if (s.pauseReason() != null) sb.append(" — ").append(s.pauseReason());
        sb.append('\n');
        sb.append("Recipients: ").append(s.total()).append('\n');
        for (Map.Entry<String, Long> e : s.counts().entrySet()) {
            sb.append(String.format("  %-11s %,d%n", e.getKey(), e.getValue()));
        }
        boolean any = s.actions().values().stream().anyMatch(n -> n > 0);
        sb.append("Actions:").append(any ? "\n" : " none yet\n");
        for (Map.Entry<String, Long> e : s.actions().entrySet()) {
            if (e.getValue() > 0) sb.append(String.format("  %-10s %,d%n", e.getKey(), e.getValue()));
        }
        return sb.toString();
    }

    /** {@link #render(RunStatus)} followed, for a paused run, by its evidence and the advice. */
    public static String render(RunStatus s, Run run, List<Advice> advice) {
        return render(s, run, advice, Invocation.none());
    }

    /** As {@link #render(RunStatus, Run, List)}, suggesting commands with the invocation's global options. */
    public static String render(RunStatus s, Run run, List<Advice> advice, Invocation inv) {
        StringBuilder sb = new StringBuilder(plain(s));
        if (advice.isEmpty()) return Visible.text(sb.toString());
        List<PauseFacts.Item> items = PauseFacts.of(run).items();
        if (!items.isEmpty()) {
            sb.append("Evidence (quote it exactly):\n");
            for (PauseFacts.Item e : items.subList(0, Math.min(EVIDENCE_SHOWN, items.size()))) {
                sb.append("  ").append(e.at() == null ? "" : e.at() + "  ")
                        .append(e.relay() == null ? "" : "relay " + e.relay() + "  ")
                        .append(e.domain() == null ? "" : e.domain() + "  ")
                        .append('"').append(e.text()).append('"').append('\n'); // evidence: quoted, never advice
            }
            if (items.size() > EVIDENCE_SHOWN) {
                sb.append("  … ").append(items.size() - EVIDENCE_SHOWN).append(" more: ").append(inv.command("report", run.id(), "--format", "html")).append('\n');
            }
        }
        sb.append("What to do:\n");
        int n = 1;
        for (Advice a : advice) {
            sb.append(String.format("%2d. %s%n", n++, a.title()));
            if (a.url() != null) sb.append("    ").append(a.url()).append('\n');
            for (String step : a.steps()) sb.append("    - ").append(step).append('\n');
        }
        return Visible.text(sb.toString());
    }
}
