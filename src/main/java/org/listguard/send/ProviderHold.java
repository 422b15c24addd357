package org.listguard.send;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.listguard.guard.Decision;
import org.listguard.guard.Guard;
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

    ProviderHold(String runId, Journal journal, Guard guard, Providers providers) {
        this.runId = runId;
        this.journal = journal;
        this.guard = guard;
        this.providers = providers;
    }

    /** The batch without the members of suspended providers (who are now journaled blocked). */
    List<Due> filter(List<Due> batch) {
        Map<String, Decision.Suspend> suspended;
        synchronized (guard) {
            suspended = guard.suspendedProviders();
        }
        if (suspended.isEmpty()) return batch;
        List<Due> out = new ArrayList<>(batch.size());
        for (Due d : batch) {
            String p = providers.of(d.recipient().domain()).name();
            Decision.Suspend s = suspended.get(p);
            if (s == null) {
                out.add(d);
            } else {
                journal.downstream().hold(runId, d.seq(), "waiting: receiving provider " + p + " suspended: " + s.reason());
            }
        }
        return out;
    }
}
