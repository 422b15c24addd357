package org.listguard.send;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.listguard.events.RunRecord;
import org.listguard.guard.Decision;
import org.listguard.guard.Guard;
import org.listguard.guard.RunEvent;
import org.listguard.journal.RecipientStatus;
import org.listguard.journal.Due;
import org.listguard.journal.Journal;
import org.listguard.provider.Providers;

/**
 * Keeps the members of suspended receiving providers out of the batches: each is journaled
 * {@code blocked} ("waiting: provider suspended") as its turn comes and is sent when the run
 * resumes after the block lifts. Provider lookups happen only while a provider is suspended.
 */
final class ProviderHold {
    private final String runId;
    private final Journal journal;
    private final Guard guard;
    private final Providers providers;
    private final java.util.Set<String> held = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Map<Long, String> canaries = new java.util.concurrent.ConcurrentHashMap<>();

    ProviderHold(String runId, Journal journal, Guard guard, Providers providers) {
        this.runId = runId;
        this.journal = journal;
        this.guard = guard;
        this.providers = providers;
    }

    /**
     * The provider's block lifted: every blocked member of it (held, or refused by DSN) becomes
     * pending again and is sent in this run; returns how many.
     */
    int release(String provider) {
        List<Long> seqs = new ArrayList<>();
        journal.recipients().each(runId, java.util.EnumSet.of(org.listguard.journal.RecipientStatus.BLOCKED), row -> {
            String domain = row.email().substring(row.email().lastIndexOf('@') + 1);
            if (providers.of(domain).name().equals(provider)) seqs.add(row.seq());
        });
        int n = 0;
        for (long seq : seqs) if (journal.downstream().releaseOne(runId, seq)) n++;
        held.remove(provider);
        return n;
    }

    /**
     * Tells the guard what became of the canaries let through: accepted by the relay (the wait for
     * a refusal starts now), or not accepted (the block holds). Canaries not yet submitted wait.
     */
    void confirmCanaries() {
        for (Map.Entry<Long, String> c : Map.copyOf(canaries).entrySet()) {
            var row = journal.recipients().get(runId, c.getKey());
            if (row.isEmpty()) continue;
            RecipientStatus st = row.get().status();
            if (st == RecipientStatus.PENDING || st == RecipientStatus.SENDING) continue;
            canaries.remove(c.getKey());
            guard.decide(new RunEvent.CanarySubmitted(c.getValue(), st == RecipientStatus.ACCEPTED || st == RecipientStatus.BLOCKED, runId, c.getKey()));
        }
    }

    /** The providers whose members this run holds (journaled blocked, waiting for the provider). */
    java.util.Set<String> heldProviders() { return java.util.Set.copyOf(held); }

    /** The batch without the members the guard holds (who are now journaled blocked); a due canary goes. */
    List<Due> filter(List<Due> batch) {
        if (!guard.anySuspended()) return batch; // provider lookups only while a provider is suspended
        List<Due> out = new ArrayList<>(batch.size());
        for (Due d : batch) {
            String p = providers.of(d.recipient().domain()).name();
            Decision x = guard.decide(new RunEvent.MemberDue(p));
            if (x instanceof Decision.Hold h) {
                if (journal.downstream().hold(runId, d.seq(), h.reason())) held.add(p);
                continue;
            }
            out.add(d);
            if (x instanceof Decision.Canary) {
                canaries.put(d.seq(), p);
                journal.runEvents().append(runId, new RunRecord.CanarySent(p, d.seq(), d.recipient().domain()));
            }
        }
        return out;
    }
}
