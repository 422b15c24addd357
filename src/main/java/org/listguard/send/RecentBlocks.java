package org.listguard.send;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.listguard.events.RunRecord;
import org.listguard.audit.AuditReport;
import org.listguard.audit.Finding;
import org.listguard.audit.Role;
import org.listguard.audit.Status;
import org.listguard.guard.Evidence;
import org.listguard.guard.Guard;
import org.listguard.journal.Journal;
import org.listguard.journal.ProviderBlock;

/**
 * Receivers that blocked the relay recently, remembered across runs ({@code guard.block_memory},
 * default 24 h): the gate reports each provider as a {@code recent-blocks} finding (role relay,
 * status fail), and {@code send} suspends those providers instead of refusing the run — a
 * provider that refuses everyone is no reason to withhold the newsletter from the others. A
 * canary lifts the suspension; {@code listguard blocks clear} forgets a block the operator knows
 * was lifted. It reads the journal, so it joins the audit here (like {@link ComplaintGate}).
 */
final class RecentBlocks {
    static final String CHECK = "recent-blocks";

    private RecentBlocks() {}

    /** The latest un-cleared block per provider within the memory. */
    static Map<String, ProviderBlock> latest(Journal journal, Duration memory, Clock clock) {
        Map<String, ProviderBlock> out = new LinkedHashMap<>();
        for (ProviderBlock b : journal.downstream().blocksSince(clock.instant().minus(memory))) out.putIfAbsent(b.provider(), b);
        return out;
    }

    static List<Finding> findings(Journal journal, Duration memory, Clock clock) {
        List<Finding> out = new ArrayList<>();
        for (ProviderBlock b : latest(journal, memory, clock).values()) {
            out.add(Finding.of(CHECK, b.provider(), Role.RELAY, Status.FAIL)
                    .withSource(b.zone() != null ? b.zone() : "journal")
                    .withCode(b.egressIp())
                    .withMeaning("receiving provider " + b.provider() + " refused mail from the relay at " + b.at() + " (run " + b.run() + ")")
                    .withDetail(b.reason())
                    .withRemediation("send suspends this provider (its members wait, the others are sent) and tries one canary member: "
                            + "no refusal within guard.canary_wait resumes it. If you know the block was lifted: listguard blocks clear "
                            + b.provider()));
        }
        return out;
    }

    /** The audit with the recent-blocks findings added (the verdict recomputed), or unchanged. */
    static AuditReport apply(AuditReport audit, Journal journal, Duration memory, Clock clock) {
        List<Finding> blocks = findings(journal, memory, clock);
        if (blocks.isEmpty()) return audit;
        List<Finding> all = new ArrayList<>(audit.findings());
        all.addAll(blocks);
        return AuditReport.of(audit.checkedAt(), all);
    }

    /** The audit without recent-blocks findings: what the gate decides on (those providers are suspended, not refused). */
    static AuditReport without(AuditReport audit) {
        List<Finding> rest = audit.findings().stream().filter(f -> !CHECK.equals(f.check())).toList();
        return rest.size() == audit.findings().size() ? audit : AuditReport.of(audit.checkedAt(), rest);
    }

    /** Suspends every remembered provider in the guard for this run (a canary goes at once), journaled. */
    static void suspend(Guard guard, Journal journal, Duration memory, Clock clock, String runId, Operator operator) {
        for (ProviderBlock b : latest(journal, memory, clock).values()) {
            String reason = "remembered block: " + b.reason() + " (at " + b.at() + ", run " + b.run() + ")";
            Evidence e = new Evidence(b.at(), "recent-block", null, null, null, null, b.reason(), b.zone() != null ? b.zone() : b.provider());
            guard.decide(new org.listguard.guard.RunEvent.RememberedBlock(b.provider(), reason, List.of(e)));
            journal.runEvents().append(runId, new RunRecord.ProviderSuspended(b.provider(), reason, null, true));
            operator.warn("receiving provider " + b.provider() + " blocked the relay recently; its members wait until a canary gets through ("
                    + b.reason() + ")");
        }
    }
}
